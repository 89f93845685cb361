import { z } from 'zod';
import type { CrossReport } from './datasets.ts';
import { TABLES, MATRICES } from './datasets.ts';
import { PIPELINE_VERSION, TOOL_NAME } from '../pipeline/version.ts';

/** What each column means; shared names mean the same thing in every dataset. */
const DESCRIPTIONS: Record<string, string> = {
  report_id: 'Stable id of the report: slug of the unit, its type and the fieldwork year (gwent-pdu-2025).',
  title: "The report's title as printed.",
  unit_name: 'The probation delivery unit or region inspected.',
  unit_type: '`pdu` or `region`.',
  region: 'The region the unit belongs to (from the report itself, or from the regional report that names its PDUs).',
  fieldwork_started: 'Month fieldwork started, YYYY-MM.',
  score: 'The score the report states.',
  score_max: 'The maximum score the report states.',
  overall_rating: 'The overall rating the report states.',
  computed_score: "The score re-derived from the standards' ratings (Inadequate 0, Requires improvement 1, Good 2, Outstanding 3).",
  source_file: 'The input file, relative to where the run started.',
  source_sha256: "SHA-256 of the input file's bytes.",
  n_findings: 'Number of findings segmented from the report.',
  n_warnings: 'Number of warnings raised for the report.',
  n_errors: 'Number of errors raised for the report.',
  source_format: '`text`, `html`, `pdf` (the text layer of a PDF, laid out again as lines) or `docx` (a Word document, read as HTML).',
  rendering: 'The text layout recognised: pipe tables (also from HTML and PDF), glued cells, markdown or plain.',
  n_standards: 'Number of standards with their own section.',
  n_key_questions: 'Number of key-question rows.',
  n_quantities: 'Number of quantity mentions.',
  standard_code: 'Standard code, normalised (P1.1, R2.3); several joined with `;` where one question is asked under several standards.',
  standard_name: "The standard's name as the ratings table prints it.",
  domain: '1 = organisational arrangements and activity, 2 = service delivery.',
  rating: 'Outstanding, Good, Requires improvement or Inadequate.',
  rating_points: 'Outstanding 3, Good 2, Requires improvement 1, Inadequate 0.',
  question: 'The key question as printed.',
  percent_yes: "Percentage of inspected cases judged 'Yes'.",
  aspect: 'What the question measures: engagement, desistance, safety or other.',
  is_lowest: "True for the standard's lowest key question (the one that drives its rating).",
  key_question_id: 'Id of the key-question row (report_id/kNNN).',
  char_start: "UTF-16 offset where the quoted span starts in output/texts/<report_id>.txt.",
  char_end: 'UTF-16 offset where the quoted span ends (exclusive).',
  finding_id: 'Id of the finding (report_id/fNNN).',
  section: 'Standard code (P1.2) or the heading the finding sits under (Foreword, Recommendations, ...).',
  section_title: "The standard's name, or the subheading the finding sits under.",
  polarity: 'strength, improvement, recommendation or narrative.',
  ordinal: 'Position of the finding within its list (or within its section for narrative).',
  text: 'The finding as a reader would quote it: bullet and footnote markers removed, whitespace collapsed.',
  themes: 'Theme ids joined with `;`.',
  quote: 'Exactly text.slice(char_start, char_end) of the canonical text.',
  addressee: 'Whom a recommendation is addressed to.',
  footnotes: 'Numbers of the footnotes the finding cites, joined with `;`.',
  quantity_id: 'Id of the quantity mention (report_id/qNNN).',
  kind: 'percent, count_of or fraction.',
  raw: 'The exact span of the mention.',
  numerator: 'For count_of, the part.',
  denominator: 'For count_of, the whole.',
  percent: 'For percent, the number as written.',
  value: 'The proportion in 0..1 (41% gives 0.41).',
  qualifier: 'The hedge governing the mention (almost, over, only, ...), empty if none.',
  value_low: 'Lowest proportion the qualifier allows.',
  value_high: 'Highest proportion the qualifier allows.',
  unit: 'The counted noun (cases, respondents, ...).',
  theme: 'Theme id from the taxonomy.',
  theme_group: 'The taxonomy group of the theme.',
  evidence: 'The words or phrases that triggered the theme, joined with `;`.',
  check: 'The rule id of the check (see the README Messages table).',
  severity: 'error or warning.',
  message: 'What was found.',
  line: 'Line of the canonical text (or of the input file) where the problem is.',
  stage: 'The pipeline stage that raised it.',
  n_strength: 'Findings of this unit tagged with the theme, strengths.',
  n_improvement: 'Areas for improvement tagged with the theme.',
  n_recommendation: 'Recommendations tagged with the theme.',
  n_narrative: 'Narrative findings tagged with the theme.',
  share_of_findings: "Share of the unit's findings that carry the theme.",
  cluster_id: 'Id of the cluster of recurring findings.',
  n_reports: 'Number of reports the statement recurs in.',
  units: 'The units it recurs in, joined with `;`.',
  label: 'A short phrase representing the cluster.',
  finding_ids: 'Member finding ids, joined with `;`.',
  example: "One member's text.",
  mean_similarity: 'Mean pairwise similarity of the members.',
  min: 'Lowest value across units.',
  max: 'Highest value across units.',
  spread: 'max - min.',
  mean: 'Mean across units.',
};

const KEYS: Record<string, { primaryKey?: string[]; foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] }> = {
  reports: { primaryKey: ['report_id'] },
  ratings: { primaryKey: ['report_id', 'standard_code'], foreignKeys: [fk('report_id', 'reports')] },
  key_questions: { primaryKey: ['key_question_id'], foreignKeys: [fk('report_id', 'reports')] },
  findings: { primaryKey: ['finding_id'], foreignKeys: [fk('report_id', 'reports')] },
  quantities: { primaryKey: ['quantity_id'], foreignKeys: [fk('report_id', 'reports'), fk('finding_id', 'findings'), fk('key_question_id', 'key_questions')] },
  finding_themes: { primaryKey: ['finding_id', 'theme'], foreignKeys: [fk('finding_id', 'findings'), fk('report_id', 'reports')] },
  checks: { foreignKeys: [fk('report_id', 'reports')] },
  theme_matrix: { primaryKey: ['theme', 'report_id'], foreignKeys: [fk('report_id', 'reports')] },
  recurring_findings: { primaryKey: ['cluster_id'] },
  ratings_matrix: { primaryKey: ['standard_code'] },
  key_question_matrix: {},
};

function fk(field: string, resource: string) {
  return { fields: [field], reference: { resource, fields: [field] } };
}

function fieldType(t: z.ZodTypeAny): string {
  let s = t;
  while (s instanceof z.ZodNullable || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodTypeAny;
  if (s instanceof z.ZodNumber) return s.format === 'safeint' || (s as unknown as { isInt?: boolean }).isInt ? 'integer' : 'number';
  if (s instanceof z.ZodBoolean) return 'boolean';
  return 'string';
}

/** A Frictionless Data Package describing every CSV of the run. */
export function buildDataPackage(d: Pick<CrossReport, 'ratings_matrix' | 'key_question_matrix'>, rowCounts: Record<string, number>) {
  const resources = [];
  for (const [name, schema] of Object.entries(TABLES)) {
    const fields = Object.entries(schema.shape).map(([f, t]) => ({ name: f, type: fieldType(t as z.ZodTypeAny), description: DESCRIPTIONS[f] ?? '' }));
    resources.push(resource(name, fields, rowCounts[name] ?? 0));
  }
  for (const name of MATRICES) {
    const m = d[name];
    const fixed = new Set(['standard_code', 'standard_name', 'question', 'aspect', 'min', 'max', 'spread', 'mean']);
    const fields = m.columns.map((c) => ({
      name: c,
      type: fixed.has(c) ? (['min', 'max', 'spread', 'mean'].includes(c) ? 'number' : 'string') : name === 'ratings_matrix' ? 'string' : 'number',
      description: DESCRIPTIONS[c] ?? (name === 'ratings_matrix' ? `Rating of ${c} for the standard.` : `Percentage 'Yes' of ${c} for the question.`),
    }));
    resources.push(resource(name, fields, rowCounts[name] ?? m.rows.length));
  }
  return {
    profile: 'tabular-data-package',
    name: 'inspection-findings',
    title: 'Findings of HM Inspectorate of Probation reports',
    description: `Datasets written by ${TOOL_NAME} ${PIPELINE_VERSION}. Character offsets are UTF-16 code units into texts/<report_id>.txt.`,
    licenses: [{ name: 'OGL-UK-3.0', path: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', title: 'Open Government Licence v3.0' }],
    resources,
  };

  function resource(name: string, fields: { name: string; type: string; description: string }[], rows: number) {
    const keys = KEYS[name] ?? {};
    return {
      name,
      path: `${name}.csv`,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
      schema: { fields, missingValues: [''], ...keys },
      stats: { rows },
    };
  }
}
