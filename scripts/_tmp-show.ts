import { seedFindingRows } from '../test/compare/seed-findings.ts';
const rows = new Map(seedFindingRows().map((r) => [r.finding_id, r]));
for (const k of process.argv.slice(2)) {
  const [a, b] = k.split('|');
  console.log(`\n## ${a} [${rows.get(a)!.polarity}] ~ ${b} [${rows.get(b)!.polarity}]\nA: ${rows.get(a)!.text}\nB: ${rows.get(b)!.text}`);
}
