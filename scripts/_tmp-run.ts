import { seedFindingRows } from '../test/compare/seed-findings.ts';
import { findRecurringFindings } from '../src/compare/recurring-findings.ts';
const rows = seedFindingRows();
const T = Number(process.argv[2] ?? 0.4);
const t0 = performance.now();
const out = findRecurringFindings(rows, { threshold: T });
console.log('ms', (performance.now() - t0).toFixed(0), 'clusters', out.length);
const byId = new Map(rows.map((r) => [r.finding_id, r]));
for (const c of out) {
  console.log(`\n${c.cluster_id} n_reports=${c.n_reports} n=${c.n_findings} sim=${c.mean_similarity} ${c.polarity} | ${c.label} | ${c.units}`);
  for (const id of c.finding_ids.split(';')) console.log(`   ${id}: ${byId.get(id)!.text.slice(0, 150)}`);
}
