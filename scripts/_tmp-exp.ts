import { POLARITY_FAMILY, isContextParagraph, prepareFindings } from '../src/compare/recurring-findings.ts';
import { dot } from '../src/compare/similarity.ts';
import { labelledPairs, seedFindingRows } from '../test/compare/seed-findings.ts';
const rows = seedFindingRows().filter((r) => !isContextParagraph(r)).sort((a, b) => (a.finding_id < b.finding_id ? -1 : 1));
const index = new Map(rows.map((r, i) => [r.finding_id, i]));
const p = prepareFindings(rows);
const pairs = labelledPairs(rows).filter(x => POLARITY_FAMILY[x.rowA.polarity] === POLARITY_FAMILY[x.rowB.polarity]);
const NEG = /\b(insufficient(ly)?|not|no|only|poor(ly)?|lack(ed|ing)?|limited|weak(er|est|ened)?|fail(ed|ing)?|too|concern(s|ing|ed)?|inconsistent(ly)?|gaps?|missed|below|unclear|inadequate|fewer|delay(s|ed)?|backlog|absent|overdue|underdeveloped|disappointing|deficits?|ineffective|less|unmet|worse|low)\b/gi;
const POS = /\b(effective(ly)?|strong(ly)?|good|positive(ly)?|well|appropriate(ly)?|robust|improved|encouraging|valued|sufficient(ly)?|most|majority|successful(ly)?|impressive|excellent|clear(ly)?|welcomed)\b/gi;
const tone = (t: string) => (t.match(POS)?.length ?? 0) - 2 * (t.match(NEG)?.length ?? 0);
function feats(i: number, j: number) {
  const d = dot(p.docVec[i], p.docVec[j]);
  const A = p.sentVecs[i], B = p.sentVecs[j];
  let s = -1; let bi = -1, bj = -1;
  A.forEach((a, x) => B.forEach((b, y) => { const c = dot(a, b); if (c > s) { s = c; bi = x; bj = y; } }));
  if (s < 0) s = d;
  const cov = (X: typeof A, Y: typeof B) => { if (!X.length || !Y.length) return d; let num = 0, den = 0; for (const x of X) { let m = 0; for (const y of Y) m = Math.max(m, dot(x, y)); const w = x.ids.length; num += w * m; den += w; } return num / den; };
  const cAB = cov(A, B), cBA = cov(B, A);
  return { d, s, cmax: Math.max(cAB, cBA), cmean: (cAB + cBA) / 2 };
}
const data = pairs.map(x => ({ same: x.same, f: feats(index.get(x.rowA.finding_id)!, index.get(x.rowB.finding_id)!), ta: tone(x.rowA.text), tb: tone(x.rowB.text), note: x.note }));
const auc = (sc: number[]) => { let n = 0, w = 0; data.forEach((a, i) => data.forEach((b, j) => { if (a.same && !b.same) { n++; w += sc[i] > sc[j] ? 1 : sc[i] === sc[j] ? 0.5 : 0; } })); return w / n; };
const best = (sc: number[]) => { let bf = 0, bt = 0, bp = 0, br = 0, bf5 = 0, bt5 = 0; const tot = 85; for (let t = 0.2; t < 0.8; t += 0.01) { let tp = 0, fp = 0; data.forEach((x, i) => { if (sc[i] >= t) { x.same ? tp++ : fp++; } }); const P = tp / (tp + fp || 1), R = tp / tot; const F = 2 * P * R / (P + R || 1); const F5 = 1.25 * P * R / (0.25 * P + R || 1); if (F > bf) { bf = F; bt = t; bp = P; br = R; } if (F5 > bf5) { bf5 = F5; bt5 = t; } } return `AUC ${auc(sc).toFixed(3)} bestF1 ${bf.toFixed(3)} @${bt.toFixed(2)} (P${bp.toFixed(2)} R${br.toFixed(2)}) bestF0.5 ${bf5.toFixed(3)} @${bt5.toFixed(2)}`; };
const V: Record<string, (f: any) => number> = {
  doc: f => f.d, sent: f => f.s, mean: f => (f.d + f.s) / 2, cmax: f => f.cmax, cmean: f => f.cmean,
  'mean(d,s,cmax)': f => (f.d + f.s + f.cmax) / 3, 'geo d*s': f => Math.sqrt(f.d * f.s), '0.3d+0.7s': f => 0.3 * f.d + 0.7 * f.s,
};
for (const [k, fn] of Object.entries(V)) {
  console.log(k.padEnd(16), best(data.map(x => fn(x.f))));
  console.log((k + '+tone').padEnd(16), best(data.map(x => fn(x.f) * (Math.sign(x.ta) * Math.sign(x.tb) < 0 ? 0.8 : 1))));
}
// population view
const fam = (r: any) => POLARITY_FAMILY[r.polarity as keyof typeof POLARITY_FAMILY];
const labelled = new Map(pairs.map(x => [[x.rowA.finding_id, x.rowB.finding_id].sort().join('|'), x.same]));
const pop: { key: string; f: any; ta: number; tb: number }[] = [];
const tones = rows.map(r => tone(r.text));
for (let i = 0; i < rows.length; i++) for (let j = i + 1; j < rows.length; j++) {
  if (rows[i].report_id === rows[j].report_id || fam(rows[i]) !== fam(rows[j])) continue;
  pop.push({ key: [rows[i].finding_id, rows[j].finding_id].sort().join('|'), f: feats(i, j), ta: tones[i], tb: tones[j] });
}
console.log('population', pop.length);
const W: Record<string, (x: any) => number> = {
  doc: x => x.f.d, mean: x => (x.f.d + x.f.s) / 2, cmean: x => x.f.cmean, 'd+cmean': x => (x.f.d + x.f.cmean) / 2,
  'mean+tone': x => (x.f.d + x.f.s) / 2 * (Math.sign(x.ta) * Math.sign(x.tb) < 0 ? 0.8 : 1),
  'cmean+tone': x => x.f.cmean * (Math.sign(x.ta) * Math.sign(x.tb) < 0 ? 0.8 : 1),
  'd+cmean+tone': x => (x.f.d + x.f.cmean) / 2 * (Math.sign(x.ta) * Math.sign(x.tb) < 0 ? 0.8 : 1),
};
for (const [k, fn] of Object.entries(W)) {
  const sc = pop.map(x => ({ s: fn(x), l: labelled.get(x.key) })).sort((a, b) => b.s - a.s);
  const line: string[] = [];
  for (const n of [10, 20, 30, 40, 50, 60]) {
    const top = sc.slice(0, n);
    const same = top.filter(x => x.l === true).length, not = top.filter(x => x.l === false).length, unl = top.filter(x => x.l === undefined).length;
    line.push(`top${n}@${top[n - 1].s.toFixed(2)}: ${same}/${not}/${unl}`);
  }
  console.log(k.padEnd(14), line.join('  '));
}
