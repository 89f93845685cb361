import type { ProcessedReport } from '../pipeline/process-report.ts';
import type { Message } from '../schema/message.ts';
import type { Taxonomy } from '../schema/theme.ts';
import type { CheckRow, FindingRow, FindingThemeRow, KeyQuestionRow, QuantityRow, RatingDatasetRow, ReportRow } from '../schema/datasets.ts';
import { computedScore } from '../segment/checks.ts';

export interface PerReportRows {
  reports: ReportRow[];
  ratings: RatingDatasetRow[];
  key_questions: KeyQuestionRow[];
  findings: FindingRow[];
  quantities: QuantityRow[];
  finding_themes: FindingThemeRow[];
}

export function allMessages(p: ProcessedReport): Message[] {
  return [...p.messages.segment, ...p.messages.extract, ...p.messages.themes];
}

/** The per-report dataset rows of one processed report. */
export function rowsOfReport(p: ProcessedReport, ingestMessages: Message[], taxonomy: Taxonomy): PerReportRows {
  const doc = p.doc!;
  const id = doc.meta.reportId;
  const unit = doc.meta.unitName;
  const themeOrder = new Map(taxonomy.themes.map((t, i) => [t.id, i]));
  const themesOf = new Map<string, string[]>();
  for (const tag of p.tags) themesOf.set(tag.findingId, [...(themesOf.get(tag.findingId) ?? []), tag.theme]);
  for (const [k, v] of themesOf) themesOf.set(k, [...new Set(v)].sort((a, b) => (themeOrder.get(a) ?? 999) - (themeOrder.get(b) ?? 999)));
  const nQ = new Map<string, number>();
  for (const q of p.quantities) if (q.findingId) nQ.set(q.findingId, (nQ.get(q.findingId) ?? 0) + 1);
  const messages = [...ingestMessages, ...allMessages(p)];
  const findingById = new Map(doc.findings.map((f) => [f.id, f]));

  const reports: ReportRow[] = [
    {
      report_id: id,
      title: doc.meta.title,
      unit_name: unit,
      unit_type: doc.meta.unitType,
      region: doc.meta.region,
      fieldwork_started: doc.meta.fieldworkStarted,
      score: doc.meta.score,
      score_max: doc.meta.scoreMax,
      overall_rating: doc.meta.overallRating ?? '',
      computed_score: computedScore(doc),
      source_file: p.report.sourceFile,
      source_sha256: p.report.sourceSha256,
      n_findings: doc.findings.length,
      n_warnings: messages.filter((m) => m.severity === 'warning').length,
      source_format: p.report.format,
      rendering: doc.rendering,
      n_standards: doc.standards.length,
      n_key_questions: doc.keyQuestions.length,
      n_quantities: p.quantities.length,
      n_errors: messages.filter((m) => m.severity === 'error').length,
    },
  ];
  const ratings: RatingDatasetRow[] = doc.ratings.map((r) => ({
    report_id: id,
    unit_name: unit,
    standard_code: r.standardCode,
    standard_name: r.standardName,
    domain: r.domain,
    rating: r.rating,
    rating_points: r.ratingPoints,
    char_start: r.start,
    char_end: r.end,
  }));
  const key_questions: KeyQuestionRow[] = doc.keyQuestions.map((q) => ({
    report_id: id,
    unit_name: unit,
    standard_code: q.standardCode,
    standard_name: doc.ratings.find((r) => r.standardCode === q.standardCode)?.standardName ?? q.standardName,
    question: q.question,
    percent_yes: q.percentYes,
    aspect: q.aspect,
    is_lowest: q.isLowest,
    key_question_id: q.id,
    char_start: q.start,
    char_end: q.end,
  }));
  const findings: FindingRow[] = doc.findings.map((f) => ({
    finding_id: f.id,
    report_id: id,
    unit_name: unit,
    section: f.section,
    section_title: f.sectionTitle,
    polarity: f.polarity,
    ordinal: f.ordinal,
    text: f.text,
    themes: (themesOf.get(f.id) ?? []).join(';'),
    n_quantities: nQ.get(f.id) ?? 0,
    char_start: f.start,
    char_end: f.end,
    quote: f.quote,
    addressee: f.addressee,
    footnotes: f.footnotes.join(';'),
  }));
  const quantities: QuantityRow[] = p.quantities.map((q) => ({
    quantity_id: q.id,
    finding_id: q.findingId,
    report_id: id,
    unit_name: unit,
    section: q.section,
    polarity: q.polarity,
    kind: q.kind,
    raw: q.quote,
    numerator: q.numerator,
    denominator: q.denominator,
    percent: q.percent,
    value: q.value,
    qualifier: q.qualifier,
    value_low: q.valueLow,
    value_high: q.valueHigh,
    unit: q.unit,
    themes: (themesOf.get(q.findingId) ?? []).join(';'),
    char_start: q.start,
    char_end: q.end,
    key_question_id: q.keyQuestionId,
  }));
  const finding_themes: FindingThemeRow[] = [...p.tags]
    .sort((a, b) => (findingById.get(a.findingId)!.start - findingById.get(b.findingId)!.start) || (themeOrder.get(a.theme) ?? 999) - (themeOrder.get(b.theme) ?? 999))
    .map((t) => {
      const f = findingById.get(t.findingId)!;
      return { finding_id: t.findingId, report_id: id, unit_name: unit, section: f.section, polarity: f.polarity, theme: t.theme, evidence: [...new Set(t.evidence)].join(';') };
    });
  return { reports, ratings, key_questions, findings, quantities, finding_themes };
}

/** checks.csv rows: every error or warning, with its place when it has one. */
export function checkRows(messages: Message[]): CheckRow[] {
  return messages
    .filter((m) => m.severity !== 'info')
    .map((m) => ({
      report_id: m.reportId ?? '',
      check: m.ruleId,
      severity: m.severity as 'error' | 'warning',
      message: m.message,
      char_start: m.start ?? null,
      char_end: m.end ?? null,
      source_file: m.file ?? '',
      line: m.line ?? null,
      stage: m.source,
    }));
}
