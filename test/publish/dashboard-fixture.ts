/**
 * Datasets of the four seed reports for the dashboard tests, built through the project's own
 * `buildDatasets` from the segmented seeds. Quantities are left empty and themes come from a
 * small keyword taxonomy of this file, so the fixture needs neither the quantity extractor nor
 * the theme tagger. `seedDatasets()` prefers the real pipeline when it is complete.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '../../src/core/files.ts';
import { checkConsistency } from '../../src/segment/checks.ts';
import { buildDatasets, type Datasets } from '../../src/publish/datasets.ts';
import { keyQuestionMatrix, ratingsMatrix } from '../../src/compare/matrices.ts';
import { ThemeCounter } from '../../src/compare/theme-counter.ts';
import type { UnitColumn } from '../../src/compare/link-units.ts';
import type { ProcessedReport } from '../../src/pipeline/process-report.ts';
import type { FindingTheme, Taxonomy } from '../../src/schema/theme.ts';
import type { FindingRow, RecurringFindingRow } from '../../src/schema/datasets.ts';
import type { Message } from '../../src/schema/message.ts';
import { loadSeedDocs, SEEDS_DIR } from '../helpers/seeds.ts';

export const FIXTURE_TAXONOMY: Taxonomy = {
  name: 'dashboard-fixture',
  version: '1',
  themes: [
    { id: 'leadership', group: 'Organisation', label: 'Leadership', about: '', terms: ['leader', 'leadership', 'vision', 'strategy'], exclude: [], sections: [] },
    { id: 'staffing_workload', group: 'Organisation', label: 'Staffing and workload', about: '', terms: ['workload', 'vacanc', 'staffing', 'caseload', 'staff'], exclude: [], sections: [] },
    { id: 'management_oversight', group: 'Organisation', label: 'Management oversight', about: '', terms: ['oversight', 'manager'], exclude: [], sections: [] },
    { id: 'risk_of_harm', group: 'Practice', label: 'Risk of harm', about: '', terms: ['risk of harm', 'keeping people safe', 'keep people safe', 'safety', 'risk management'], exclude: [], sections: [] },
    { id: 'victims', group: 'Practice', label: 'Victims', about: '', terms: ['victim'], exclude: [], sections: [] },
    { id: 'information_sharing', group: 'Practice', label: 'Information sharing', about: '', terms: ['information sharing', 'information', 'police', "children's services", 'children’s services'], exclude: [], sections: [] },
    { id: 'engagement', group: 'Practice', label: 'Engagement', about: '', terms: ['engag', 'relationship'], exclude: [], sections: [] },
    { id: 'accommodation', group: 'Services', label: 'Accommodation', about: '', terms: ['accommodation', 'housing', 'homeless'], exclude: [], sections: [] },
    { id: 'mental_health', group: 'Services', label: 'Mental health', about: '', terms: ['mental health'], exclude: [], sections: [] },
    { id: 'substance_misuse', group: 'Services', label: 'Substance misuse', about: '', terms: ['drug', 'alcohol', 'substance'], exclude: [], sections: [] },
    { id: 'diversity', group: 'People on probation', label: 'Diversity and inclusion', about: '', terms: ['diversity', 'divers', 'inclusion', 'protected characteristic', 'women', 'welsh'], exclude: [], sections: [] },
  ],
};

/** Tag a text with the fixture taxonomy: each theme whose term appears (case-insensitive). */
function tagText(id: string, text: string): FindingTheme[] {
  const low = text.toLowerCase();
  const out: FindingTheme[] = [];
  for (const t of FIXTURE_TAXONOMY.themes) {
    const hits = t.terms.filter((term) => low.includes(term.toLowerCase()));
    if (hits.length) out.push({ findingId: id, theme: t.id, evidence: hits, spans: [] });
  }
  return out;
}

const STOP = new Set('the and that with were was for their this have had from been not they but more which when also there where these into than being some such would could should other people probation pdu region staff work cases practitioners'.split(' '));
const words = (t: string): Set<string> => new Set((t.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => !STOP.has(w)).map((w) => w.replace(/(ing|ed|es|s)$/, '')));

/**
 * Stand-in recurring findings while the project's clusterer is not there: strengths and
 * shortfalls of different reports whose content words overlap (Jaccard >= 0.3), joined greedily.
 */
export function fixtureClusters(findings: FindingRow[]): RecurringFindingRow[] {
  const fam = (p: string) => (p === 'strength' ? 'strength' : p === 'narrative' ? '' : 'shortfall');
  const cand = findings.filter((f) => fam(f.polarity)).map((f) => ({ f, w: words(f.text) }));
  const parent = cand.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < cand.length; i++)
    for (let j = i + 1; j < cand.length; j++) {
      const a = cand[i]!;
      const b = cand[j]!;
      if (a.f.report_id === b.f.report_id || fam(a.f.polarity) !== fam(b.f.polarity)) continue;
      let inter = 0;
      for (const w of a.w) if (b.w.has(w)) inter++;
      if (inter / (a.w.size + b.w.size - inter || 1) >= 0.3) parent[find(i)] = find(j);
    }
  const groups = new Map<number, FindingRow[]>();
  cand.forEach((c, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), c.f]));
  const out: RecurringFindingRow[] = [];
  for (const fs of groups.values()) {
    const reports = [...new Set(fs.map((f) => f.report_id))];
    if (reports.length < 2) continue;
    const themeCount = new Map<string, number>();
    for (const f of fs) for (const t of f.themes.split(';').filter(Boolean)) themeCount.set(t, (themeCount.get(t) ?? 0) + 1);
    const theme = [...themeCount].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
    out.push({
      cluster_id: '',
      theme,
      polarity: fam(fs[0]!.polarity),
      n_reports: reports.length,
      units: [...new Set(fs.map((f) => f.unit_name))].join(';'),
      label: fs[0]!.text.split(/\s+/).slice(0, 10).join(' '),
      finding_ids: fs.map((f) => f.finding_id).join(';'),
      example: fs[0]!.text,
      n_findings: fs.length,
      mean_similarity: 0.3,
    });
  }
  out.sort((a, b) => b.n_reports - a.n_reports || b.n_findings - a.n_findings || (a.finding_ids < b.finding_ids ? -1 : 1));
  out.forEach((c, i) => (c.cluster_id = `c${String(i + 1).padStart(3, '0')}`));
  return out;
}

let cached: Datasets | null = null;
/** Datasets of the four seeds from the segmenter, the consistency checks and the fixture tagger. */
export function fixtureDatasets(): Datasets {
  if (cached) return cached;
  const good: ProcessedReport[] = [];
  const ingest = new Map<string, Message[]>();
  for (const s of loadSeedDocs()) {
    const id = s.doc.meta.reportId;
    const sinkMsgs = s.sink.list.map((m) => ({ ...m, reportId: id }));
    const before = s.sink.list.length;
    checkConsistency(s.doc, s.sink);
    const checks = s.sink.list.splice(before).map((m) => ({ ...m, reportId: id }));
    good.push({
      report: { reportId: id, sourceFile: `seeds/${s.file}`, sourceSha256: sha256(s.text), format: 'text', encoding: 'utf-8', text: s.text },
      doc: s.doc,
      quantities: [],
      tags: s.doc.findings.flatMap((f) => tagText(f.id, f.text)),
      messages: { segment: [...sinkMsgs, ...checks], extract: [], themes: [] },
    });
    ingest.set(id, []);
  }
  const d = buildDatasets(good, ingest, [], FIXTURE_TAXONOMY);
  if (!d.recurring_findings.length) d.recurring_findings = fixtureClusters(d.findings);
  cached = d;
  return cached;
}

/**
 * Datasets of the seeds from the real pipeline (`runPipeline`, nothing written) when it runs;
 * else the fixture above, with the reason. The dashboard is what these tests check: a pipeline
 * that is incomplete or failing is reported by its own tests, so it only costs realism here.
 */
export async function seedDatasets(): Promise<{ datasets: Datasets; source: 'pipeline' | 'fixture'; reason: string; themeLabels: Record<string, string> }> {
  try {
    const { runPipeline } = await import('../../src/pipeline/run-pipeline.ts');
    const out = mkdtempSync(join(tmpdir(), 'dash-run-'));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the pipeline took over 45 s on the seeds')), 45_000);
    });
    const r = await Promise.race([runPipeline({ inputs: [SEEDS_DIR], outDir: out, write: false, workers: 1, publish: false }), timeout]).finally(() => clearTimeout(timer));
    return { datasets: r.datasets, source: 'pipeline', reason: '', themeLabels: Object.fromEntries(r.taxonomy.themes.map((t) => [t.id, t.label])) };
  } catch (err) {
    const reason = String((err as Error).message ?? err).split('\n')[0]!;
    return { datasets: fixtureDatasets(), source: 'fixture', reason, themeLabels: Object.fromEntries(FIXTURE_TAXONOMY.themes.map((t) => [t.id, t.label])) };
  }
}

/**
 * A large corpus for load tests: the fixture's reports copied `copies` times (copy k of a unit is
 * "<unit> k", in region "<region> k"), the matrices rebuilt by the project's own functions.
 */
export function scaledDatasets(copies: number): Datasets {
  const base = fixtureDatasets();
  const rid = (id: string, k: number) => (k ? `${id}-copy${k}` : id);
  const name = (n: string, k: number) => (k ? `${n} ${k}` : n);
  const fid = (id: string, k: number) => {
    const [r, f] = id.split('/');
    return `${rid(r!, k)}/${f}`;
  };
  const out: Datasets = { ...base, reports: [], ratings: [], key_questions: [], findings: [], quantities: [], finding_themes: [], checks: [], recurring_findings: [] };
  const units: UnitColumn[] = [];
  for (let k = 0; k < copies; k++) {
    for (const r of base.reports) {
      out.reports.push({ ...r, report_id: rid(r.report_id, k), unit_name: name(r.unit_name, k), region: name(r.region, k) });
      units.push({ reportId: rid(r.report_id, k), column: name(r.unit_name, k), unitType: r.unit_type, region: name(r.region, k) });
    }
    out.ratings.push(...base.ratings.map((r) => ({ ...r, report_id: rid(r.report_id, k), unit_name: name(r.unit_name, k) })));
    out.key_questions.push(...base.key_questions.map((r) => ({ ...r, report_id: rid(r.report_id, k), unit_name: name(r.unit_name, k), percent_yes: Math.max(0, Math.min(100, r.percent_yes + ((k * 7) % 11) - 5)) })));
    out.findings.push(...base.findings.map((r) => ({ ...r, finding_id: fid(r.finding_id, k), report_id: rid(r.report_id, k), unit_name: name(r.unit_name, k) })));
    out.checks.push(...base.checks.map((r) => ({ ...r, report_id: rid(r.report_id, k) })));
  }
  units.sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : a.unitType === b.unitType ? (a.column < b.column ? -1 : 1) : a.unitType === 'region' ? -1 : 1));
  out.ratings_matrix = ratingsMatrix(out.ratings, units);
  out.key_question_matrix = keyQuestionMatrix(out.key_questions, units);
  const counter = new ThemeCounter();
  counter.add(out.findings);
  out.theme_matrix = counter.matrix(FIXTURE_TAXONOMY, units);
  out.recurring_findings = base.recurring_findings.map((c) => {
    const ids = c.finding_ids.split(';').flatMap((id) => Array.from({ length: copies }, (_, k) => fid(id, k)));
    const us = [...new Set(out.findings.filter((f) => ids.includes(f.finding_id)).map((f) => f.unit_name))];
    return { ...c, finding_ids: ids.join(';'), units: us.join(';'), n_reports: us.length, n_findings: ids.length };
  });
  return out;
}
