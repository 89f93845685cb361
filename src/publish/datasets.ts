import { join } from 'node:path';
import type { z } from 'zod';
import { toJson, writeFileAtomic } from '../core/files.ts';
import { linkRegions, unitColumns } from '../compare/link-units.ts';
import { keyQuestionMatrix, ratingsMatrix, themeMatrix, type Matrix } from '../compare/matrices.ts';
import { findRecurringFindings } from '../compare/recurring-findings.ts';
import type { ProcessedReport } from '../pipeline/process-report.ts';
import {
  CheckRow,
  FindingRow,
  FindingThemeRow,
  KeyQuestionRow,
  QuantityRow,
  RatingDatasetRow,
  RecurringFindingRow,
  ReportRow,
  ThemeMatrixRow,
} from '../schema/datasets.ts';
import type { Message } from '../schema/message.ts';
import type { Taxonomy } from '../schema/theme.ts';
import { toCsv, toCsvColumns, type CsvOptions } from './csv.ts';
import { buildDataPackage } from './datapackage.ts';
import { checkRows, rowsOfReport, type PerReportRows } from './rows.ts';

export interface Datasets extends PerReportRows {
  checks: CheckRow[];
  ratings_matrix: Matrix;
  key_question_matrix: Matrix;
  theme_matrix: ThemeMatrixRow[];
  recurring_findings: RecurringFindingRow[];
}

/** The fixed-column datasets and the schema of their rows. */
export const TABLES = {
  reports: ReportRow,
  ratings: RatingDatasetRow,
  key_questions: KeyQuestionRow,
  findings: FindingRow,
  quantities: QuantityRow,
  finding_themes: FindingThemeRow,
  checks: CheckRow,
  theme_matrix: ThemeMatrixRow,
  recurring_findings: RecurringFindingRow,
} as const satisfies Record<string, z.ZodObject>;
export type TableName = keyof typeof TABLES;
export const MATRICES = ['ratings_matrix', 'key_question_matrix'] as const;

/** Every dataset of a run, from the processed reports (in report-id order). */
export function buildDatasets(good: ProcessedReport[], ingestMessages: Map<string, Message[]>, otherMessages: Message[], taxonomy: Taxonomy): Datasets {
  const sorted = [...good].sort((a, b) => a.report.reportId.localeCompare(b.report.reportId));
  const regionOf = linkRegions(sorted.map((p) => p.doc!.meta));
  const acc: PerReportRows = { reports: [], ratings: [], key_questions: [], findings: [], quantities: [], finding_themes: [] };
  const messages: Message[] = [...otherMessages];
  for (const p of sorted) {
    const rows = rowsOfReport(p, ingestMessages.get(p.report.reportId) ?? [], taxonomy);
    rows.reports[0]!.region = regionOf.get(p.report.reportId) || rows.reports[0]!.region;
    for (const k of Object.keys(acc) as (keyof PerReportRows)[]) (acc[k] as unknown[]).push(...rows[k]);
    messages.push(...(ingestMessages.get(p.report.reportId) ?? []), ...p.messages.segment, ...p.messages.extract, ...p.messages.themes);
  }
  const units = unitColumns(
    sorted.map((p) => p.doc!.meta),
    regionOf,
  );
  const datasets: Datasets = {
    ...acc,
    checks: checkRows(messages),
    ratings_matrix: ratingsMatrix(acc.ratings, units),
    key_question_matrix: keyQuestionMatrix(acc.key_questions, units),
    theme_matrix: themeMatrix(acc.findings, taxonomy, units),
    recurring_findings: findRecurringFindings(acc.findings),
  };
  validateDatasets(datasets);
  return datasets;
}

/** Every row is checked against its schema before anything is written. */
export function validateDatasets(d: Datasets): void {
  for (const [name, schema] of Object.entries(TABLES)) {
    const rows = d[name as TableName] as unknown[];
    rows.forEach((row, i) => {
      const r = schema.safeParse(row);
      if (!r.success) throw new Error(`${name}.csv row ${i + 1} breaks its schema: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    });
  }
}

/** CSV and JSON for every dataset, and the datapackage describing them; each file written atomically. */
export async function writeDatasets(outDir: string, d: Datasets, opts: CsvOptions = {}): Promise<void> {
  for (const [name, schema] of Object.entries(TABLES)) {
    const rows = d[name as TableName] as Record<string, unknown>[];
    await writeFileAtomic(join(outDir, `${name}.csv`), toCsv(schema, rows as never[], opts));
    await writeFileAtomic(join(outDir, `${name}.json`), toJson(rows));
  }
  for (const name of MATRICES) {
    const m = d[name];
    await writeFileAtomic(join(outDir, `${name}.csv`), toCsvColumns(m.columns, m.rows, opts));
    await writeFileAtomic(join(outDir, `${name}.json`), toJson(m));
  }
  await writeFileAtomic(join(outDir, 'datapackage.json'), toJson(buildDataPackage(d)));
}
