/**
 * Evaluates recurring-findings matching against pairs labelled by hand, and times the clustering.
 *
 *   npx tsx scripts/eval-recurring.ts            # pair P/R by threshold, errors, clusters, timings
 *   npx tsx scripts/eval-recurring.ts --scale 75 # also time 4 x 75 = 300 synthetic reports
 *
 * The pair classifier is the one `findRecurringFindings` links with: two findings from different
 * reports, of the same polarity family, whose similarity score is >= the threshold. Labels are in
 * test/fixtures/recurring/labelled-pairs.json (see its description for how they were drawn).
 */
import { DEFAULT_THRESHOLD, POLARITY_FAMILY, findRecurringFindings, isContextParagraph, prepareFindings, scorePair, type PairScore } from '../src/compare/recurring-findings.ts';
import type { FindingRow } from '../src/schema/datasets.ts';
import { labelledPairs, seedFindingRows } from '../test/compare/seed-findings.ts';

const args = process.argv.slice(2);
const scale = Number(args[args.indexOf('--scale') + 1] ?? 0) || 0;

const t0 = performance.now();
const all = seedFindingRows();
const tSeeds = performance.now() - t0;
const rows = all.filter((r) => !isContextParagraph(r)).sort((a, b) => (a.finding_id < b.finding_id ? -1 : 1));
const index = new Map(rows.map((r, i) => [r.finding_id, i]));
const prepared = prepareFindings(rows);

// 1. The labelled pairs, scored.
const scored = labelledPairs(rows).map((p) => {
  const i = index.get(p.rowA.finding_id)!;
  const j = index.get(p.rowB.finding_id)!;
  const sameFamily = POLARITY_FAMILY[rows[i]!.polarity] === POLARITY_FAMILY[rows[j]!.polarity];
  return { ...p, a: p.rowA.finding_id, b: p.rowB.finding_id, sameFamily, s: scorePair(prepared, i, j) };
});
const nSame = scored.filter((p) => p.same).length;
console.log(`Labelled pairs: ${scored.length} (${nSame} same, ${scored.length - nSame} not same; ${scored.filter((p) => !p.sameFamily).length} cross polarity family)\n`);

type Variant = { name: string; f: (s: PairScore) => number };
const variants: Variant[] = [
  { name: 'whole-text cosine', f: (s) => s.doc },
  { name: 'best sentence pair', f: (s) => s.sentence },
  { name: 'mean of the two', f: (s) => (s.doc + s.sentence) / 2 },
  { name: 'mean, x0.5 if contra', f: (s) => ((s.doc + s.sentence) / 2) * (s.contradicts ? 0.5 : 1) },
  { name: 'mean, 0 if contra (used)', f: (s) => s.score },
];
const prf = (v: Variant, t: number, subset = scored) => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of subset) {
    const linked = p.sameFamily && v.f(p.s) >= t;
    if (linked && p.same) tp += 1;
    else if (linked) fp += 1;
    else if (p.same) fn += 1;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
};
const pct = (x: number) => `${(100 * x).toFixed(0)}%`.padStart(4);
const thresholds = Array.from({ length: 13 }, (_, k) => Math.round((0.3 + 0.025 * k) * 1000) / 1000);
console.log('Precision / recall / F1 on the labelled pairs of "same polarity family and score >= t":');
console.log(`${'t'.padEnd(7)}${variants.map((v) => v.name.padEnd(26)).join('')}`);
for (const t of thresholds) {
  const cells = variants.map((v) => {
    const r = prf(v, t);
    return `${pct(r.precision)} ${pct(r.recall)} ${pct(r.f1)}`.padEnd(26);
  });
  console.log(`${t.toFixed(3).padEnd(7)}${cells.join('')}${t === DEFAULT_THRESHOLD ? '<- default' : ''}`);
}

// The same classifier over every cross-report pair of one family in the seeds: how many pairs it
// links, and how many of those are labelled (all of them above 0.355, by design of the labels).
const labelOfPair = new Map(scored.map((p) => [[p.a, p.b].sort().join('|'), p.same]));
const population: { score: number; label: boolean | undefined }[] = [];
for (let i = 0; i < rows.length; i += 1)
  for (let j = i + 1; j < rows.length; j += 1) {
    if (rows[i]!.report_id === rows[j]!.report_id || POLARITY_FAMILY[rows[i]!.polarity] !== POLARITY_FAMILY[rows[j]!.polarity]) continue;
    population.push({ score: scorePair(prepared, i, j).score, label: labelOfPair.get([rows[i]!.finding_id, rows[j]!.finding_id].sort().join('|')) });
  }
console.log(`\nAll ${population.length} cross-report pairs of one polarity family, by the score used: pairs linked at t (labelled same / not same / unlabelled)`);
let chosen: number | null = null;
for (const t of thresholds) {
  const linked = population.filter((x) => x.score >= t);
  const same = linked.filter((x) => x.label === true).length;
  const not = linked.filter((x) => x.label === false).length;
  if (chosen === null && same + not > 0 && same / (same + not) >= 0.8 && not + same === linked.length) chosen = t;
  console.log(`  t=${t.toFixed(3)}: ${String(linked.length).padStart(3)} pairs (${same} / ${not} / ${linked.length - same - not})${same + not ? `, precision ${pct(same / (same + not))}` : ''}${t === DEFAULT_THRESHOLD ? '  <- default' : ''}`);
}
console.log(`Rule: the lowest threshold whose links are all labelled and at least 80% the same finding: ${chosen} (DEFAULT_THRESHOLD is ${DEFAULT_THRESHOLD})`);

const used = variants[4]!;
const at = prf(used, DEFAULT_THRESHOLD);
const hand = prf(used, DEFAULT_THRESHOLD, scored.filter((p) => p.source === 'hand-picked'));
console.log(`\nAt the default threshold ${DEFAULT_THRESHOLD}: precision ${at.precision.toFixed(3)} (${at.tp}/${at.tp + at.fp}), recall ${at.recall.toFixed(3)} (${at.tp}/${at.tp + at.fn}) of the labelled same pairs, F1 ${at.f1.toFixed(3)}`);
console.log(`  recall on the hand-picked pairs alone (chosen by reading, blind to any score): ${hand.recall.toFixed(3)} (${hand.tp}/${hand.tp + hand.fn}); precision ${hand.precision.toFixed(3)} (${hand.tp}/${hand.tp + hand.fp})`);
console.log('Errors at the default threshold:');
for (const p of scored) {
  const linked = p.sameFamily && p.s.score >= DEFAULT_THRESHOLD;
  if (linked === p.same) continue;
  const why = linked ? 'FP' : p.sameFamily ? 'FN' : 'FN (polarity family)';
  console.log(`  ${why.padEnd(20)} score ${p.s.score.toFixed(3)} (doc ${p.s.doc.toFixed(2)}, sent ${p.s.sentence.toFixed(2)}${p.s.contradicts ? ', contradicts' : ''})  ${p.a} ~ ${p.b}: ${p.note}`);
}

// 2. Clusters on the seeds.
const t1 = performance.now();
const clusters = findRecurringFindings(all);
const tFirst = performance.now() - t1;
const t2 = performance.now();
findRecurringFindings(all);
const tWarm = performance.now() - t2;
console.log(`\nClusters on the seeds: ${clusters.length} (${all.length} findings, ${rows.length} after context paragraphs; segmenting the seeds took ${tSeeds.toFixed(0)} ms)`);
console.log(`findRecurringFindings: ${tFirst.toFixed(0)} ms first call (includes loading the wink model), ${tWarm.toFixed(0)} ms warm`);
const labelOf = new Map(scored.map((p) => [[p.a, p.b].sort().join('|'), p.same]));
let inSame = 0;
let inNot = 0;
for (const c of clusters) {
  const ids = c.finding_ids.split(';');
  for (let x = 0; x < ids.length; x += 1)
    for (let y = x + 1; y < ids.length; y += 1) {
      const l = labelOf.get([ids[x]!, ids[y]!].sort().join('|'));
      if (l === true) inSame += 1;
      if (l === false) inNot += 1;
    }
}
console.log(`Labelled pairs that ended up inside one cluster: ${inSame} labelled same, ${inNot} labelled not same`);
for (const c of clusters) {
  console.log(`\n${c.cluster_id}  ${c.n_reports} reports, ${c.n_findings} findings, ${c.polarity}, mean similarity ${c.mean_similarity}: "${c.label}"  [${c.units}]`);
  for (const id of c.finding_ids.split(';')) console.log(`    ${id}: ${rows[index.get(id)!]!.text.slice(0, 110)}...`);
}

// 3. Scale: many synthetic reports made from the seeds. Each synthetic report copies one seed
// report; a quarter of its findings are kept (10% of words dropped), so each recurs in about a
// quarter of the copies of its report; every other finding is replaced by two to four sentences
// drawn at random from all the seeds' findings: real wording that recurs nowhere as a whole.
if (scale > 0) {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const sentences = all.flatMap((r) => r.text.split(/(?<=[.!?])\s+(?=[A-Z])/));
  const byReport = [...new Set(all.map((r) => r.report_id))].map((id) => all.filter((r) => r.report_id === id));
  const drop = (text: string) =>
    text
      .split(' ')
      .filter(() => rnd() >= 0.1)
      .join(' ');
  const synthetic: FindingRow[] = [];
  for (let k = 0; k < 4 * scale; k += 1) {
    for (const r of byReport[k % byReport.length]!) {
      const text = rnd() < 0.25 ? drop(r.text) : Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => sentences[Math.floor(rnd() * sentences.length)]!).join(' ');
      synthetic.push({ ...r, report_id: `${r.report_id}-${k}`, finding_id: `${r.report_id}-${k}/${r.finding_id.split('/')[1]}`, unit_name: `${r.unit_name} ${k}`, text });
    }
  }
  const nReports = new Set(synthetic.map((r) => r.report_id)).size;
  const t3 = performance.now();
  const big = findRecurringFindings(synthetic);
  console.log(`\nScale: ${nReports} synthetic reports, ${synthetic.length} findings -> ${big.length} clusters (largest spans ${big[0]?.n_reports ?? 0} reports) in ${((performance.now() - t3) / 1000).toFixed(1)} s`);
}
