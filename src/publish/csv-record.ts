/**
 * CSV records for the long per-report datasets (findings, quantities, theme tags), written
 * hundreds of thousands at a time. csv-stringify spends about 2 µs a field on its general
 * machinery (option objects, cast callbacks, per-call normalisation); these datasets hold only
 * strings, numbers, booleans and empty cells, so this writes the same bytes with a regex test
 * and a join. test/publish/csv-record.test.ts checks, on random records, that the output is
 * byte-for-byte what csv-stringify writes with the options of `csvLines`.
 */

/** Text cells starting with one of these are formulas to a spreadsheet: a leading `'` makes them inert. */
const FORMULA_START = new Set([...'=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20'].map((c) => c.charCodeAt(0)));
/** A cell holding any of these must be quoted (RFC 4180). */
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

export type CsvCell = string | number | boolean | null | undefined;

export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = FORMULA_START.has(v.charCodeAt(0)) ? `'${v}` : v;
  if (NEEDS_QUOTES.test(s)) s = `"${s.replace(QUOTE, '""')}"`;
  return s;
}

/** One record, CRLF-terminated. */
export function csvRecord(cells: readonly CsvCell[]): string {
  return csvRow(cells as unknown as Record<string, unknown>, cells.map((_, i) => String(i)));
}

/** One record of a row's `columns`, CRLF-terminated (the same as `csvRecord` of those cells). */
export function csvRow(row: Readonly<Record<string, unknown>>, columns: readonly string[]): string {
  let out = '';
  for (let i = 0; i < columns.length; i++) {
    if (i) out += ',';
    out += csvCell(row[columns[i]!] as CsvCell);
  }
  return out + '\r\n';
}
