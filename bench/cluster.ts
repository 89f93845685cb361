/**
 * Recurring-finding clustering on texts far more alike than the synthetic corpus's (which repeats
 * whole findings, so that clustering is cheap there):
 *   npx tsx bench/cluster.ts [distinct texts, default 20000] [seed]
 *
 * Each text is a finding of the seed reports with three of its words replaced by words drawn from
 * the seeds' findings, in a report of 100 findings; so each seed finding has n / 413 near-copies.
 * Prints the time of the clustering step alone, its peak memory (the process's, resident) and a
 * hash of its output, so that two versions of the clustering can be compared on the same input.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { RecurringInput } from '../src/compare/recurring-input.ts';
import { runPipeline } from '../src/pipeline/run-pipeline.ts';

const n = Number(process.argv[2] ?? 20_000);
let state = Number(process.argv[3] ?? 42) >>> 0;
const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;

const seeds = await runPipeline({ inputs: [join(import.meta.dirname, '..', 'seeds')], outDir: '', workers: 0, write: false, publish: false, force: true });
const rows = seeds.datasets.findings;
const words = rows.flatMap((r) => r.text.split(/\s+/)).filter((w) => /^[a-z]{4,}$/.test(w));

const input = new RecurringInput();
for (let i = 0; i < n; i++) {
  const base = rows[i % rows.length]!;
  const tokens = base.text.split(' ');
  for (let k = 0; k < 3; k++) tokens[Math.floor(random() * tokens.length)] = words[Math.floor(random() * words.length)]!;
  const report = Math.floor(i / 100);
  const finding = `u${report}-pdu-2025/f${String((i % 100) + 1).padStart(3, '0')}`;
  input.add([{ finding_id: finding, report_id: `u${report}-pdu-2025`, unit_name: `U${report} PDU`, section: base.section, polarity: base.polarity, themes: base.themes, text: tokens.join(' ') }]);
}
const t0 = performance.now();
const out = input.cluster();
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    distinctTexts: n,
    sampled: input.sampled,
    clusters: out.length,
    seconds: Number(seconds.toFixed(1)),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    outputHash: createHash('sha256').update(JSON.stringify(out)).digest('hex').slice(0, 12),
  }),
);
