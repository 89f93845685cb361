import { seedFindingRows } from '../test/helpers/_tmp-rf.ts';
import { prepareFindings, scorePair, POLARITY_FAMILY, isContextParagraph } from '../src/compare/recurring-findings.ts';
const rows = seedFindingRows().filter((r) => !isContextParagraph(r));
const p = prepareFindings(rows);
const same: any[] = [], cross: any[] = [];
for (let i = 0; i < rows.length; i++) for (let j = i + 1; j < rows.length; j++) {
  if (rows[i].report_id === rows[j].report_id) continue;
  const s = { i, j, ...scorePair(p, i, j) };
  (POLARITY_FAMILY[rows[i].polarity] === POLARITY_FAMILY[rows[j].polarity] ? same : cross).push(s);
}
// deterministic pseudo-random
let seed = 12345; const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (arr: any[], n: number) => { const a = [...arr]; const out = []; while (out.length < n && a.length) out.push(a.splice(Math.floor(rnd() * a.length), 1)[0]); return out; };
const chosen = new Map<string, any>();
const add = (o: any, why: string) => { const k = `${o.i}-${o.j}`; if (!chosen.has(k)) chosen.set(k, { ...o, why }); };
for (const o of same.filter((o) => o.score >= 0.38)) add(o, 'high');
for (const o of pick(same.filter((o) => o.score >= 0.3 && o.score < 0.38), 16)) add(o, 'mid');
for (const o of pick(same.filter((o) => o.score >= 0.2 && o.score < 0.3), 10)) add(o, 'low');
for (const o of pick(same.filter((o) => o.score >= 0.1 && o.score < 0.2), 4)) add(o, 'vlow');
for (const o of same.filter((o) => o.sentence >= 0.5 && o.score < 0.38).sort((a, b) => b.sentence - a.sentence).slice(0, 8)) add(o, 'sent-high');
for (const o of same.filter((o) => o.doc >= 0.3 && o.score < 0.38).sort((a, b) => b.doc - a.doc).slice(0, 6)) add(o, 'doc-high');
for (const o of cross.sort((a, b) => b.score - a.score).slice(0, 12)) add(o, 'cross-family');
console.error('same', same.length, 'high', same.filter((o) => o.score >= 0.38).length, 'chosen', chosen.size);
const list = [...chosen.values()].sort((a, b) => (rows[a.i].finding_id + rows[a.j].finding_id).localeCompare(rows[b.i].finding_id + rows[b.j].finding_id));
let n = 0;
for (const o of list) {
  const a = rows[o.i], b = rows[o.j];
  console.log(`\n#${++n} ${a.finding_id} [${a.polarity} ${a.section}] ~ ${b.finding_id} [${b.polarity} ${b.section}]`);
  console.log('A: ' + a.text);
  console.log('B: ' + b.text);
}
