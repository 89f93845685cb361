import { POLARITY_FAMILY, isContextParagraph, prepareFindings, scorePair } from '../src/compare/recurring-findings.ts';
import { labelledPairs, seedFindingRows } from '../test/compare/seed-findings.ts';
const rows = seedFindingRows().filter((r) => !isContextParagraph(r)).sort((a, b) => (a.finding_id < b.finding_id ? -1 : 1));
const p = prepareFindings(rows);
const fam = (r: any) => POLARITY_FAMILY[r.polarity as keyof typeof POLARITY_FAMILY];
const lp = labelledPairs(rows);
const labelled = new Map(lp.map(x => [[x.rowA.finding_id, x.rowB.finding_id].sort().join('|'), x.same]));
for (const lf of [1, 0.9, 0.8, 0.7, 0.6, 0.5]) {
  const sc: { s: number; l: boolean | undefined; key: string }[] = [];
  for (let i = 0; i < rows.length; i++) for (let j = i + 1; j < rows.length; j++) {
    if (rows[i].report_id === rows[j].report_id || fam(rows[i]) !== fam(rows[j])) continue;
    const key = [rows[i].finding_id, rows[j].finding_id].sort().join('|');
    sc.push({ s: scorePair(p, i, j, { leaningFactor: lf }).score, l: labelled.get(key), key });
  }
  sc.sort((a, b) => b.s - a.s);
  const line: string[] = [];
  for (const n of [10, 20, 30, 40, 50, 60, 70]) {
    const top = sc.slice(0, n);
    line.push(`top${n}@${top[n - 1].s.toFixed(3)}: ${top.filter(x => x.l === true).length}/${top.filter(x => x.l === false).length}/${top.filter(x => x.l === undefined).length}`);
  }
  console.log(String(lf).padEnd(5), line.join('  '));
  if (lf === Number(process.argv[2])) sc.slice(0, 80).forEach((x, k) => { if (x.l === undefined) console.log('  unlabelled', k + 1, x.s.toFixed(3), x.key); });
}
