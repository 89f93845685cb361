import { join } from 'node:path';
import { writeFileAtomic } from '../core/files.ts';
import type { Taxonomy } from '../schema/theme.ts';
import { writeDashboard } from './dashboard.ts';
import type { Datasets } from './datasets.ts';
import { buildWorkbook } from './xlsx.ts';

/** The files people open: the XLSX workbook (a sheet per dataset) and the dashboard page. */
export async function publish(outDir: string, d: Datasets, taxonomy: Taxonomy): Promise<void> {
  await writeFileAtomic(join(outDir, 'inspection-findings.xlsx'), await buildWorkbook(d));
  await writeDashboard(outDir, d, { themeLabels: Object.fromEntries(taxonomy.themes.map((t) => [t.id, t.label])) });
}
