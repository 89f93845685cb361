/**
 * One measurement in its own process, so that peak memory is its own:
 *   tsx bench/measure.ts <pipeline|wink|regex> <corpusDir> [workers] [outDir]
 * Prints one JSON line: {mode, workers, reports, bytes, seconds, cpuSeconds, maxRssMB}.
 * The pipeline writes into outDir (a new temporary folder by default), which is left for the
 * caller to remove: deleting a run's outputs makes the file system busy for a while, and that
 * must not fall inside the next measurement.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [mode, dir, workersArg, outArg] = process.argv.slice(2);
const files = (await readdir(dir!)).filter((f) => f.endsWith('.txt')).sort().map((f) => join(dir!, f));
let bytes = 0;
let reports = 0;
const t0 = process.hrtime.bigint();

if (mode === 'pipeline') {
  const { runPipeline } = await import('../src/pipeline/run-pipeline.ts');
  const out = outArg ?? (await mkdtemp(join(tmpdir(), 'bench-out-')));
  const r = await runPipeline({ inputs: [dir!], outDir: out, workers: Number(workersArg ?? 1), collect: false, publish: false, force: true });
  bytes = r.bytes;
  reports = r.counts.reports;
} else if (mode === 'wink') {
  const winkNLP = (await import('wink-nlp')).default;
  const model = (await import('wink-eng-lite-web-model')).default;
  const nlp = winkNLP(model);
  for (const f of files) {
    const text = await readFile(f, 'utf8');
    nlp.readDoc(text);
    bytes += text.length;
    reports++;
  }
} else if (mode === 'regex') {
  const re = /\b\d+(?:\.\d+)?\s?(?:%|per cent)|\b\d+ (?:out )?of \d+\b/g;
  let hits = 0;
  for (const f of files) {
    const text = await readFile(f, 'utf8');
    hits += text.match(re)?.length ?? 0;
    bytes += text.length;
    reports++;
  }
  if (hits < 0) console.log(hits);
} else {
  throw new Error(`unknown mode ${mode}`);
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const usage = process.resourceUsage();
// Every thread's CPU time (workers included), user and system.
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
console.log(JSON.stringify({ mode, workers: Number(workersArg ?? 1), reports, bytes, seconds, cpuSeconds, maxRssMB: Math.round(usage.maxRSS / 1024) }));
