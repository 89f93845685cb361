import { POLARITY_FAMILY, isContextParagraph, prepareFindings, scorePair } from '../src/compare/recurring-findings.ts';
import { labelledPairs, seedFindingRows } from '../test/compare/seed-findings.ts';
const rows = seedFindingRows().filter((r) => !isContextParagraph(r)).sort((a, b) => (a.finding_id < b.finding_id ? -1 : 1));
const index = new Map(rows.map((r, i) => [r.finding_id, i]));
const p = prepareFindings(rows);
const out = labelledPairs(rows).filter(x => POLARITY_FAMILY[x.rowA.polarity] === POLARITY_FAMILY[x.rowB.polarity]).map((x) => ({ x, s: scorePair(p, index.get(x.rowA.finding_id)!, index.get(x.rowB.finding_id)!) }));
const key = process.argv[2] ?? 'score';
out.sort((a, b) => (b.s as any)[key] - (a.s as any)[key]);
for (const o of out) console.log(`${(o.s as any)[key].toFixed(3)} d=${o.s.doc.toFixed(2)} s=${o.s.sentence.toFixed(2)} ${o.x.same ? 'SAME' : '    '} ${o.x.note.slice(0, 90)}`);
