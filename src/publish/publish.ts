import { join } from 'node:path';
import { writeFileAtomic } from '../core/files.ts';
import type { Datasets } from './datasets.ts';
import { buildWorkbook } from './xlsx.ts';

/** The files people open: one XLSX workbook with a sheet per dataset. */
export async function publish(outDir: string, d: Datasets): Promise<void> {
  await writeFileAtomic(join(outDir, 'inspection-findings.xlsx'), await buildWorkbook(d));
}
