/**
 * Per-stage single-core throughput over a corpus folder (default bench/corpus/200):
 *   npx tsx bench/stages.ts [corpusDir] [--rounds N] [--only segment,themes,extract,process]
 * Each stage is timed over the whole corpus (after a warm-up pass), best of N rounds (default 3).
 * MB/s is UTF-8 bytes of whole report text divided by the stage's time, for every stage, so the
 * figures are comparable with each other and with the pipeline's own MB/s.
 * Ingest (decoding, HTML to text) is done once up front and not timed.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ingestBytes, type IngestedReport } from '../src/ingest/ingest-file.ts';
import { extractStage, processReport, segmentStage, themesStage } from '../src/pipeline/process-report.ts';
import type { ReportDocument } from '../src/schema/document.ts';
import { loadTaxonomy } from '../src/themes/load-taxonomy.ts';

const args = process.argv.slice(2);
let dir = 'bench/corpus/200';
let rounds = 3;
let only: Set<string> | null = null;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--rounds') rounds = Number(args[++i]);
  else if (a === '--only') only = new Set(args[++i]!.split(','));
  else dir = a;
}

const files = (await readdir(dir)).filter((f) => /\.(txt|html?)$/i.test(f)).sort();
if (!files.length) throw new Error(`no reports in ${dir}`);
const reports: IngestedReport[] = [];
for (const f of files) {
  const r = ingestBytes(await readFile(join(dir, f)), f);
  if (r.ok) reports.push(r.report);
}
const bytes = reports.reduce((n, r) => n + Buffer.byteLength(r.text, 'utf8'), 0);
const taxonomy = loadTaxonomy();

const docs: Array<{ report: IngestedReport; doc: ReportDocument }> = [];
for (const r of reports) {
  const d = segmentStage(r).doc;
  if (d) docs.push({ report: r, doc: d });
}

function time(fn: () => void): number {
  fn(); // warm-up
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best;
}

let sink = 0;
const stages: Array<[string, () => void]> = [
  ['segment', () => { for (const r of reports) sink += segmentStage(r).doc ? 1 : 0; }],
  ['themes', () => { for (const d of docs) sink += themesStage(d.report, d.doc, taxonomy).tags.length; }],
  ['extract', () => { for (const d of docs) sink += extractStage(d.report, d.doc).quantities.length; }],
  ['process', () => { for (const r of reports) sink += processReport(r, taxonomy).tags.length; }],
];

console.log(`${reports.length} reports, ${(bytes / 1e6).toFixed(2)} MB, best of ${rounds}`);
for (const [name, fn] of stages) {
  if (only && !only.has(name)) continue;
  const s = time(fn);
  console.log(`${name.padEnd(8)} ${(bytes / 1e6 / s).toFixed(1).padStart(7)} MB/s  ${(s * 1000).toFixed(0).padStart(6)} ms`);
}
if (sink < 0) console.log(sink);
