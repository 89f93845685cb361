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
import type { ProcessedReport } from '../../src/pipeline/process-report.ts';
import type { FindingTheme, Taxonomy } from '../../src/schema/theme.ts';
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
  cached = buildDatasets(good, ingest, [], FIXTURE_TAXONOMY);
  return cached;
}

/**
 * Datasets of the seeds from the real pipeline (`runPipeline`, not written) when every stage of
 * it exists; else the fixture above. Only a missing module falls back: any other failure of the
 * pipeline is thrown.
 */
export async function seedDatasets(): Promise<{ datasets: Datasets; source: 'pipeline' | 'fixture'; themeLabels: Record<string, string> }> {
  try {
    const { runPipeline } = await import('../../src/pipeline/run-pipeline.ts');
    const out = mkdtempSync(join(tmpdir(), 'dash-run-'));
    const r = await runPipeline({ inputs: [SEEDS_DIR], outDir: out, write: false });
    return { datasets: r.datasets, source: 'pipeline', themeLabels: Object.fromEntries(r.taxonomy.themes.map((t) => [t.id, t.label])) };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const msg = String((err as Error).message ?? err);
    if (code !== 'ERR_MODULE_NOT_FOUND' && !/Cannot find (module|package)|ENOENT.*taxonomy/i.test(msg)) throw err;
    return { datasets: fixtureDatasets(), source: 'fixture', themeLabels: Object.fromEntries(FIXTURE_TAXONOMY.themes.map((t) => [t.id, t.label])) };
  }
}
