import { isContextParagraph, prepareFindings } from '../src/compare/recurring-findings.ts';
import { seedFindingRows } from '../test/compare/seed-findings.ts';
const rows = seedFindingRows().filter((r) => !isContextParagraph(r));
const p = prepareFindings(rows);
const top = [...p.df.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
console.log(rows.length, top.map(([t, d]) => `${t}:${(100 * d / rows.length).toFixed(0)}%`).join(' '));
