/**
 * Datasets of the four seed reports for the dashboard tests, made by the project's own stages,
 * and a scaled copy of them for load tests.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '../../src/core/files.ts';
import { processReport } from '../../src/pipeline/process-report.ts';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { loadTaxonomy } from '../../src/themes/load-taxonomy.ts';
import { buildDatasets, type Datasets } from '../../src/publish/datasets.ts';
import { keyQuestionMatrix, ratingsMatrix } from '../../src/compare/matrices.ts';
import { ThemeCounter } from '../../src/compare/theme-counter.ts';
import type { UnitColumn } from '../../src/compare/link-units.ts';
import type { ProcessedReport } from '../../src/pipeline/process-report.ts';
import type { Message } from '../../src/schema/message.ts';
import { loadSeedDocs, SEEDS_DIR } from '../helpers/seeds.ts';

let cached: Datasets | null = null;
/** Datasets of the four seeds, made by the real stages in this thread (nothing written). */
export function fixtureDatasets(): Datasets {
  if (cached) return cached;
  const taxonomy = loadTaxonomy();
  const good: ProcessedReport[] = [];
  const ingest = new Map<string, Message[]>();
  for (const s of loadSeedDocs()) {
    const id = s.doc.meta.reportId;
    good.push(processReport({ reportId: id, sourceFile: `seeds/${s.file}`, sourceSha256: sha256(s.text), format: 'text', encoding: 'utf-8', text: s.text }, taxonomy));
    ingest.set(id, []);
  }
  cached = buildDatasets(good, ingest, [], taxonomy);
  return cached;
}

/** Datasets of the seeds from `runPipeline` itself (nothing written), with the theme labels. */
export async function seedDatasets(): Promise<{ datasets: Datasets; source: 'pipeline'; reason: string; themeLabels: Record<string, string> }> {
  const out = mkdtempSync(join(tmpdir(), 'dash-run-'));
  const r = await runPipeline({ inputs: [SEEDS_DIR], outDir: out, write: false, workers: 1, publish: false });
  return { datasets: r.datasets, source: 'pipeline', reason: '', themeLabels: Object.fromEntries(r.taxonomy.themes.map((t) => [t.id, t.label])) };
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
  out.theme_matrix = counter.matrix(loadTaxonomy(), units);
  out.recurring_findings = base.recurring_findings.map((c) => {
    const ids = c.finding_ids.split(';').flatMap((id) => Array.from({ length: copies }, (_, k) => fid(id, k)));
    const us = [...new Set(out.findings.filter((f) => ids.includes(f.finding_id)).map((f) => f.unit_name))];
    return { ...c, finding_ids: ids.join(';'), units: us.join(';'), n_reports: us.length, n_findings: ids.length };
  });
  return out;
}
