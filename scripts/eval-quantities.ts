/**
 * Score extractQuantities against the gold lists in test/fixtures/gold/quantities/.
 *
 *   npx tsx scripts/eval-quantities.ts            # table per seed and overall
 *   npx tsx scripts/eval-quantities.ts --verbose  # plus every miss, extra and disagreement
 *   npx tsx scripts/eval-quantities.ts --bench    # plus throughput (MB/s, one core)
 *
 * Matching: same kind and overlapping spans (gold line + raw located in the seed text);
 * a value within 0.001 is value-correct.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lineColumnAt } from '../src/core/lines.ts';
import { MessageSink } from '../src/core/messages.ts';
import { combine, evaluate, GoldQuantity, locateGold, type Evaluation } from '../src/extract/evaluate.ts';
import { extractQuantities } from '../src/extract/extract-quantities.ts';
import { measureExtractionThroughput } from '../src/extract/throughput.ts';
import { segmentReport } from '../src/segment/segment-report.ts';
import type { ReportDocument } from '../src/schema/document.ts';

const ROOT = join(import.meta.dirname, '..');
const SEEDS = join(ROOT, 'seeds');
const GOLD = join(ROOT, 'test', 'fixtures', 'gold', 'quantities');
const verbose = process.argv.includes('--verbose');
const bench = process.argv.includes('--bench');

const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
const rows: string[] = [];
const evals: Evaluation[] = [];
const reports: Array<{ text: string; doc: ReportDocument }> = [];
const header = `${'seed'.padEnd(32)} ${'gold'.padStart(5)} ${'pred'.padStart(5)} ${'match'.padStart(5)}   prec    rec     F1   qual  value   unit`;

for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()) {
  const base = file.replace(/\.txt$/, '');
  const text = readFileSync(join(SEEDS, file), 'utf8');
  const doc = segmentReport(text, new MessageSink('segment', { file, text }));
  if (!doc) {
    console.error(`${file}: did not segment`);
    process.exitCode = 1;
    continue;
  }
  reports.push({ text, doc });
  const sink = new MessageSink('extract', { file, text });
  const predicted = extractQuantities(doc, text, sink);
  const entries = GoldQuantity.array().parse(JSON.parse(readFileSync(join(GOLD, `${base}.json`), 'utf8')));
  const located = locateGold(text, entries);
  if (!located.ok) {
    console.error(`${base}: gold problems:\n  ${located.problems.join('\n  ')}`);
    process.exitCode = 1;
    continue;
  }
  const ev = evaluate(predicted, located.gold);
  evals.push(ev);
  const s = ev.scores;
  rows.push(`${base.padEnd(32)} ${String(s.gold).padStart(5)} ${String(s.predicted).padStart(5)} ${String(s.matched).padStart(5)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${pct(s.qualifierAccuracy)} ${pct(s.valueAccuracy)} ${pct(s.unitAccuracy)}`);
  if (verbose) {
    const at = (o: number) => `L${lineColumnAt(text, o).line}`;
    for (const g of ev.falseNegatives) console.log(`${base} MISS  ${at(g.start)} ${g.kind} "${g.raw}"`);
    for (const p of ev.falsePositives) console.log(`${base} EXTRA ${at(p.start)} ${p.kind} "${p.quote}"`);
    for (const m of ev.matches) {
      const d: string[] = [];
      if (m.gold.qualifier !== m.predicted.qualifier) d.push(`qualifier "${m.predicted.qualifier}" (gold "${m.gold.qualifier}")`);
      if (m.predicted.value === null || Math.abs(m.gold.value - m.predicted.value) > 0.001) d.push(`value ${m.predicted.value} (gold ${m.gold.value})`);
      if (m.gold.unit !== m.predicted.unit) d.push(`unit "${m.predicted.unit}" (gold "${m.gold.unit}")`);
      if (m.gold.raw !== m.predicted.quote) d.push(`raw "${m.predicted.quote}" (gold "${m.gold.raw}")`);
      if (d.length) console.log(`${base} DIFF  ${at(m.gold.start)} "${m.gold.raw}": ${d.join('; ')}`);
    }
    for (const w of sink.list) console.log(`${base} WARN  ${w.ruleId}: ${w.message}`);
  }
}
const all = combine(evals);
console.log(header);
for (const r of rows) console.log(r);
console.log(`${'overall'.padEnd(32)} ${String(all.gold).padStart(5)} ${String(all.predicted).padStart(5)} ${String(all.matched).padStart(5)} ${pct(all.precision)} ${pct(all.recall)} ${pct(all.f1)} ${pct(all.qualifierAccuracy)} ${pct(all.valueAccuracy)} ${pct(all.unitAccuracy)}`);

if (bench) {
  const r = measureExtractionThroughput(reports, { minBytes: 40 * 1024 * 1024 });
  console.log(`throughput: ${r.mbPerSecond.toFixed(1)} MB/s (${(r.bytes / 1048576).toFixed(1)} MB of report text in ${r.ms.toFixed(0)} ms, ${r.rounds} rounds, ${r.quantities} quantities)`);
}
