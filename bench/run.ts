/**
 * `npm run bench`: generate the corpora (once) and measure, on the same files, the full pipeline
 * on 1 and 2 workers, wink-nlp's plain readDoc (what a user might run instead) and a plain
 * read-and-regex pass (the floor). Prints a markdown table for the README.
 *
 *   npm run bench                 # 2,000 and 10,000 reports
 *   npm run bench -- 500          # one corpus of 500 reports
 *
 * Each pipeline run writes every output (datasets, texts, stage envelopes) into its own folder
 * under bench/out/, removed only once every measurement is done: deleting gigabytes of outputs
 * keeps the file system busy for a while, which would slow whichever run came next. On corpora
 * of up to 2,000 reports each pipeline run is made twice and the faster kept, since a virtual
 * machine's disk and neighbours make single runs vary by 10-20%.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from './generate-corpus.ts';

const root = join(import.meta.dirname, '..');
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const corpora = sizes.length ? sizes : [2000, 10000];
/** wink-nlp runs at a few MB/s: measure it on at most this many reports. */
const WINK_MAX = 2000;
/** Pipeline runs on corpora up to this size are made twice (the faster is kept). */
const REPEAT_MAX = 2000;
const outRoot = join(root, 'bench', 'out');

interface Row {
  mode: string;
  workers: number;
  reports: number;
  bytes: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
}

let nOut = 0;
function measure(mode: string, dir: string, workers = 1): Row {
  const args = [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'bench/measure.ts'), mode, dir, String(workers)];
  if (mode === 'pipeline') args.push(join(outRoot, `run-${++nOut}`));
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop()!) as Row;
}

const lines: string[] = [];
lines.push(`Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}.`, '');
lines.push('| corpus | run | workers | MB/s | reports/s | CPU s (all threads) | peak RSS (MB) | vs regex floor |');
lines.push('|---|---|---|---|---|---|---|---|');
rmSync(outRoot, { recursive: true, force: true });
try {
  for (const n of corpora) {
    const dir = join(root, 'bench', 'corpus', String(n));
    if (!existsSync(join(dir, `report-${String(n - 1).padStart(5, '0')}.txt`))) {
      process.stderr.write(`generating ${n} reports in ${dir}\n`);
      await generateCorpus(join(root, 'seeds'), dir, n, 42);
    }
    const pipeline = (workers: number): Row => {
      const runs = Array.from({ length: n <= REPEAT_MAX ? 2 : 1 }, () => measure('pipeline', dir, workers));
      return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    };
    const rows: Row[] = [];
    rows.push(measure('regex', dir));
    rows.push(pipeline(1));
    rows.push(pipeline(2));
    if (n <= WINK_MAX) rows.push(measure('wink', dir));
    const floor = rows[0]!;
    const mbps = (r: Row) => r.bytes / 1e6 / r.seconds;
    for (const r of rows) {
      const name = r.mode === 'pipeline' ? 'full pipeline' : r.mode === 'wink' ? 'wink-nlp readDoc' : 'read + regex';
      lines.push(`| ${n.toLocaleString('en-GB')} reports, ${(r.bytes / 1e6).toFixed(0)} MB | ${name} | ${r.workers} | ${mbps(r).toFixed(1)} | ${(r.reports / r.seconds).toFixed(0)} | ${r.cpuSeconds.toFixed(1)} | ${r.maxRssMB} | ${(mbps(r) / mbps(floor)).toFixed(3)}x |`);
      process.stderr.write(`${n} ${r.mode} w${r.workers}: ${mbps(r).toFixed(2)} MB/s, ${r.seconds.toFixed(1)} s, CPU ${r.cpuSeconds.toFixed(1)} s, ${r.maxRssMB} MB\n`);
    }
    const p1 = rows.find((r) => r.mode === 'pipeline' && r.workers === 1)!;
    const p2 = rows.find((r) => r.mode === 'pipeline' && r.workers === 2)!;
    lines.push(`| | speed-up 2 workers / 1 | | ${(mbps(p2) / mbps(p1)).toFixed(2)}x | | | | |`);
  }
} finally {
  rmSync(outRoot, { recursive: true, force: true });
}
process.stdout.write(lines.join('\n') + '\n');
