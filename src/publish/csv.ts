import type { z } from 'zod';
import { cellValue, csvLines } from './dataset-writer.ts';

export interface CsvOptions {
  /** Prefix a UTF-8 byte-order mark, for spreadsheet programs that guess the encoding otherwise. */
  bom?: boolean;
}

/** A dataset's CSV: the header comes from the row schema, so columns keep the contract's order. */
export function toCsv<T extends z.ZodObject>(schema: T, rows: z.infer<T>[], opts: CsvOptions = {}): string {
  const columns = Object.keys(schema.shape);
  return toCsvColumns(columns, rows as Record<string, unknown>[], opts);
}

/** Columns known only at run time (the matrices have one column per unit). */
export function toCsvColumns(columns: string[], rows: Record<string, unknown>[], opts: CsvOptions = {}): string {
  return (opts.bom ? '\ufeff' : '') + csvLines([columns, ...rows.map((r) => columns.map((c) => cellValue(r[c])))]);
}
