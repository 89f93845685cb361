/**
 * Where a run's time goes, on a corpus folder (default bench/corpus/2000):
 *   npx tsx bench/where.ts [corpusDir] [--reports N]
 *
 * 1. One thread, report by report (the work of a worker, without the pool): the analysis with
 *    each report's rows, theme counts and recurring-finding keys; then the same with every
 *    output serialised (CSV, JSON, stage envelopes, canonical text as UTF-8). In ms a report.
 * 2. The pool on 1 and 2 workers with nothing written (`write: false`), to set against
 *    `npm run bench`'s full runs: the difference is serialising and writing the outputs.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runPipeline } from '../src/pipeline/run-pipeline.ts';
import { runReportTask } from '../src/pipeline/report-task.ts';

const args = process.argv.slice(2);
let dir = join(import.meta.dirname, 'corpus', '2000');
let limit = 1000;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--reports') limit = Number(args[++i]);
  else dir = args[i]!;
}
const files = (await readdir(dir)).filter((f) => /\.(txt|html?)$/i.test(f)).sort();
if (!files.length) throw new Error(`no reports in ${dir} (npm run bench generates the corpora)`);

async function oneThread(write: boolean): Promise<{ ms: number; mbps: number }> {
  const chosen = files.slice(0, limit);
  let bytes = 0;
  const t0 = performance.now();
  for (const f of chosen) {
    const r = await runReportTask({ file: join(dir, f), sourceFile: f, outDir: '', taxonomyId: 'bench', write, collect: false }, { previous: {} });
    bytes += r.bytes;
  }
  const s = (performance.now() - t0) / 1000;
  return { ms: (s * 1000) / chosen.length, mbps: bytes / 1e6 / s };
}

await oneThread(false); // warm-up: module loading, word caches
const analysis = await oneThread(false);
const serialised = await oneThread(true);
console.log(`one thread, ${Math.min(limit, files.length)} reports:`);
console.log(`  analysis, rows and keys      ${analysis.ms.toFixed(1)} ms a report (${analysis.mbps.toFixed(1)} MB/s)`);
console.log(`  ... with outputs serialised  ${serialised.ms.toFixed(1)} ms a report (${serialised.mbps.toFixed(1)} MB/s)`);

for (const workers of [1, 2]) {
  const t0 = performance.now();
  const r = await runPipeline({ inputs: [dir], outDir: '', workers, write: false, collect: false, publish: false, force: true });
  const s = (performance.now() - t0) / 1000;
  console.log(`pool, ${workers} worker${workers > 1 ? 's' : ''}, ${r.counts.reports} reports, nothing written: ${s.toFixed(1)} s (${(r.bytes / 1e6 / s).toFixed(1)} MB/s)`);
}
