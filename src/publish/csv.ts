import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';

export interface CsvOptions {
  /** Prefix a UTF-8 byte-order mark, for spreadsheet programs that guess the encoding otherwise. */
  bom?: boolean;
}

function nativeCell(v: unknown): unknown {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number' && !Number.isFinite(v)) return '';
  return v;
}

/**
 * RFC 4180 CSV with CRLF records. `escape_formulas` makes every text cell that starts with
 * `=`, `+`, `-`, `@`, tab or carriage return inert in Excel and LibreOffice; numbers stay numbers.
 */
function csv(columns: string[], records: unknown[][], opts: CsvOptions): string {
  const body = stringify([columns, ...records], {
    record_delimiter: '\r\n',
    escape_formulas: true,
    cast: { boolean: (b: boolean) => (b ? 'true' : 'false') },
  });
  return (opts.bom ? '\ufeff' : '') + body;
}

/** A dataset's CSV: the header comes from the row schema, so columns keep the contract's order. */
export function toCsv<T extends z.ZodObject>(schema: T, rows: z.infer<T>[], opts: CsvOptions = {}): string {
  const columns = Object.keys(schema.shape);
  return csv(columns, rows.map((r) => columns.map((c) => nativeCell((r as Record<string, unknown>)[c]))), opts);
}

/** Columns known only at run time (the matrices have one column per unit). */
export function toCsvColumns(columns: string[], rows: Record<string, unknown>[], opts: CsvOptions = {}): string {
  return csv(columns, rows.map((r) => columns.map((c) => nativeCell(r[c]))), opts);
}
