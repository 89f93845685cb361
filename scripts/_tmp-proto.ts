import { seedFindingRows } from '../test/helpers/_tmp-rf.ts';
import { prepareFindings, scorePair, POLARITY_FAMILY } from '../src/compare/recurring-findings.ts';
import { isContextParagraph } from "../src/compare/recurring-findings.ts";
const rows = seedFindingRows().filter((r) => !isContextParagraph(r));
let t0 = performance.now();
const p = prepareFindings(rows);
console.error('prep ms', performance.now() - t0, rows.length);
const out: any[] = [];
for (let i = 0; i < rows.length; i++) for (let j = i + 1; j < rows.length; j++) {
  if (rows[i].report_id === rows[j].report_id) continue;
  if (POLARITY_FAMILY[rows[i].polarity] !== POLARITY_FAMILY[rows[j].polarity]) continue;
  const s = scorePair(p, i, j);
  out.push({ i, j, ...s });
}
console.error('pairs', out.length);
const key = process.argv[2] ?? 'score';
out.sort((a, b) => b[key] - a[key]);
for (const o of out.slice(0, Number(process.argv[3] ?? 80))) {
  const a = rows[o.i], b = rows[o.j];
  console.log(`\n=== ${key} score=${o.score.toFixed(3)} doc=${o.doc.toFixed(3)} sent=${o.sentence.toFixed(3)}  ${a.finding_id} [${a.polarity} ${a.section}] ~ ${b.finding_id} [${b.polarity} ${b.section}]`);
  console.log('  A: ' + a.text.slice(0, 300));
  console.log('  B: ' + b.text.slice(0, 300));
}
