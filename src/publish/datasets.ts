import { join } from 'node:path';
import type { z } from 'zod';
import { toJson, writeFileAtomic } from '../core/files.ts';
import { linkRegions, unitColumns } from '../compare/link-units.ts';
import { keyQuestionMatrix, ratingsMatrix, type Matrix } from '../compare/matrices.ts';
import { RecurringInput } from '../compare/recurring-input.ts';
import { ThemeCounter } from '../compare/theme-counter.ts';
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
import type { ReportMeta } from '../schema/report.ts';
import type { Taxonomy } from '../schema/theme.ts';
import { toCsvColumns, type CsvOptions } from './csv.ts';
import { DatasetStream } from './dataset-writer.ts';
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

/** The datasets that need every report: the small per-report ones, kept whole, and the comparisons. */
export type CrossReport = Pick<Datasets, 'reports' | 'ratings' | 'key_questions' | 'ratings_matrix' | 'key_question_matrix' | 'theme_matrix' | 'recurring_findings'>;

export interface CrossReportInput {
  reports: ReportRow[];
  ratings: RatingDatasetRow[];
  keyQuestions: KeyQuestionRow[];
  metas: ReportMeta[];
  themeCounter: ThemeCounter;
  /** Findings for clustering, collected as they streamed past. */
  recurring: RecurringInput;
  taxonomy: Taxonomy;
}

const byId = <T extends { report_id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.report_id < b.report_id ? -1 : a.report_id > b.report_id ? 1 : 0));

/** Regions linked, units in columns, the matrices and the recurring findings. */
export function buildCrossReport(x: CrossReportInput): CrossReport {
  const regionOf = linkRegions(x.metas);
  const reports = byId(x.reports).map((r) => ({ ...r, region: regionOf.get(r.report_id) || r.region }));
  const ratings = byId(x.ratings);
  const key_questions = byId(x.keyQuestions);
  const units = unitColumns(x.metas, regionOf);
  return {
    reports,
    ratings,
    key_questions,
    ratings_matrix: ratingsMatrix(ratings, units),
    key_question_matrix: keyQuestionMatrix(key_questions, units),
    theme_matrix: x.themeCounter.matrix(x.taxonomy, units),
    recurring_findings: x.recurring.cluster(),
  };
}

/** Every dataset from processed reports held in memory (used by the stage scripts and tests). */
export function buildDatasets(good: ProcessedReport[], ingestMessages: Map<string, Message[]>, otherMessages: Message[], taxonomy: Taxonomy): Datasets {
  const sorted = [...good].sort((a, b) => a.report.reportId.localeCompare(b.report.reportId));
  const acc: PerReportRows = { reports: [], ratings: [], key_questions: [], findings: [], quantities: [], finding_themes: [] };
  const messages: Message[] = [...otherMessages];
  const counter = new ThemeCounter();
  const recurring = new RecurringInput();
  for (const p of sorted) {
    const rows = rowsOfReport(p, ingestMessages.get(p.report.reportId) ?? [], taxonomy);
    for (const k of Object.keys(acc) as (keyof PerReportRows)[]) (acc[k] as unknown[]).push(...rows[k]);
    counter.add(rows.findings);
    recurring.add(rows.findings);
    messages.push(...(ingestMessages.get(p.report.reportId) ?? []), ...p.messages.segment, ...p.messages.extract, ...p.messages.themes);
  }
  const cross = buildCrossReport({
    reports: acc.reports,
    ratings: acc.ratings,
    keyQuestions: acc.key_questions,
    metas: sorted.map((p) => p.doc!.meta),
    themeCounter: counter,
    recurring,
    taxonomy,
  });
  const d: Datasets = { ...acc, ...cross, checks: checkRows(messages) };
  validateDatasets(d);
  return d;
}

/** Every row is checked against its schema before anything is written. */
export function validateDatasets(d: Partial<Datasets>): void {
  for (const [name, schema] of Object.entries(TABLES)) {
    const rows = (d[name as TableName] ?? []) as unknown[];
    rows.forEach((row, i) => {
      const r = schema.safeParse(row);
      if (!r.success) throw new Error(`${name}.csv row ${i + 1} breaks its schema: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    });
  }
}

/**
 * Rows are written a few at a time, about this many characters of text a time: a table of a
 * large corpus is never one string in memory (a recurring finding of 10,000 reports lists
 * 10,000 finding ids), and what validating and serialising a chunk leaves behind is collected
 * young instead of growing the heap.
 */
const WRITE_CHUNK_CHARS = 1 << 18;

/** Consecutive runs of rows holding about `WRITE_CHUNK_CHARS` characters each. */
function* chunks<T>(rows: T[]): Generator<T[]> {
  let from = 0;
  let chars = 0;
  for (let i = 0; i < rows.length; i++) {
    for (const v of Object.values(rows[i] as object)) chars += typeof v === 'string' ? v.length : 8;
    if (chars >= WRITE_CHUNK_CHARS) {
      yield rows.slice(from, i + 1);
      from = i + 1;
      chars = 0;
    }
  }
  if (from < rows.length) yield rows.slice(from);
}

async function writeTable(outDir: string, name: TableName, rows: unknown[], opts: CsvOptions): Promise<void> {
  const stream = await new DatasetStream(outDir, name, TABLES[name] as never, opts).open();
  try {
    for (const chunk of chunks(rows)) {
      stream.write(chunk as never[]);
      await stream.drained();
    }
    await stream.close();
  } catch (err) {
    await stream.abort();
    throw err;
  }
}

/** The cross-report datasets, the matrices and the datapackage (streamed tables are written elsewhere). */
export async function writeCrossReport(outDir: string, c: CrossReport, opts: CsvOptions & { counts: Record<string, number> }): Promise<void> {
  validateDatasets(c);
  for (const name of ['reports', 'ratings', 'key_questions', 'theme_matrix', 'recurring_findings'] as const) await writeTable(outDir, name, c[name], opts);
  for (const name of MATRICES) {
    const m = c[name];
    await writeFileAtomic(join(outDir, `${name}.csv`), toCsvColumns(m.columns, m.rows, opts));
    await writeFileAtomic(join(outDir, `${name}.json`), toJson(m));
  }
  const rowCounts: Record<string, number> = { ...opts.counts };
  for (const name of ['reports', 'ratings', 'key_questions', 'theme_matrix', 'recurring_findings'] as const) rowCounts[name] = c[name].length;
  for (const name of MATRICES) rowCounts[name] = c[name].rows.length;
  await writeFileAtomic(join(outDir, 'datapackage.json'), toJson(buildDataPackage(c, rowCounts)));
}

/** Every dataset, from rows held in memory. */
export async function writeDatasets(outDir: string, d: Datasets, opts: CsvOptions = {}): Promise<void> {
  for (const name of ['findings', 'quantities', 'finding_themes', 'checks'] as const) await writeTable(outDir, name, d[name], opts);
  await writeCrossReport(outDir, d, { ...opts, counts: { findings: d.findings.length, quantities: d.quantities.length, finding_themes: d.finding_themes.length, checks: d.checks.length } });
}
