import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import { csvRow } from './csv-record.ts';

/** Corked writes are let out once this many bytes (roughly) are waiting. */
const FLUSH_BYTES = 1 << 20;

/**
 * Streams the rows of one dataset to `<name>.csv` and `<name>.json` as reports finish, so memory
 * does not grow with the corpus. Both files are written beside their targets under temporary
 * names and renamed only by `close()`: a failed run leaves no partial dataset behind.
 */
export class DatasetStream<T extends z.ZodObject> {
  private csv!: WriteStream;
  private json!: WriteStream;
  private first = true;
  /** Bytes written since the streams were corked. */
  private pending = 0;
  private readonly columns: string[];
  private readonly tmp: { csv: string; json: string };
  count = 0;

  constructor(
    private readonly outDir: string,
    readonly name: string,
    private readonly schema: T,
    private readonly opts: { bom?: boolean } = {},
  ) {
    this.columns = Object.keys(schema.shape);
    const suffix = `.${process.pid}.tmp`;
    this.tmp = { csv: join(outDir, `.${name}.csv${suffix}`), json: join(outDir, `.${name}.json${suffix}`) };
  }

  async open(): Promise<this> {
    await mkdir(this.outDir, { recursive: true });
    this.csv = createWriteStream(this.tmp.csv);
    this.json = createWriteStream(this.tmp.json);
    this.csv.write((this.opts.bom ? '\ufeff' : '') + csvLines([this.columns]));
    this.json.write('[');
    return this;
  }

  /** Validate and append rows (in the order they must appear). */
  write(rows: z.infer<T>[]): void {
    const chunk = serializeRows(this.name, this.schema, rows, this.count);
    this.writeEncoded(chunk.csv, chunk.json, chunk.count);
  }

  /** The same, encoded as UTF-8 (by a worker thread, say): written as they are, without copying. */
  writeEncoded(csv: string | Uint8Array, json: string | Uint8Array, count: number): void {
    if (!count) return;
    if (!this.pending) {
      // Many small chunks go out as one writev call: a system call per chunk costs more than the copy.
      this.csv.cork();
      this.json.cork();
    }
    this.csv.write(csv);
    this.json.write(this.first ? '\n' : ',\n');
    this.json.write(json);
    this.pending += csv.length + json.length;
    if (this.pending >= FLUSH_BYTES) this.flush();
    this.first = false;
    this.count += count;
  }

  private flush(): void {
    if (!this.pending) return;
    this.pending = 0;
    this.csv.uncork();
    this.json.uncork();
  }

  /** Wait until both files have written out what they buffered (backpressure: memory stays flat). */
  async drained(): Promise<void> {
    // While corked, at most FLUSH_BYTES wait in memory; the wait for 'drain' comes once they are let out.
    if (this.pending) return;
    await Promise.all(
      [this.csv, this.json].map((st) => (st.writableNeedDrain ? new Promise<void>((resolve) => st.once('drain', () => resolve())) : undefined)),
    );
  }

  async close(): Promise<void> {
    this.flush();
    this.json.write(this.first ? ']\n' : '\n]\n');
    await Promise.all([end(this.csv), end(this.json)]);
    await rename(this.tmp.csv, join(this.outDir, `${this.name}.csv`));
    await rename(this.tmp.json, join(this.outDir, `${this.name}.json`));
  }

  async abort(): Promise<void> {
    // What is still buffered is being thrown away: a failed write of it is no news. The files are
    // removed once the streams have closed: a stream destroyed before its file was opened opens it still.
    await Promise.all([this.csv, this.json].map((st) => (st ? closed(st) : undefined)));
    await rm(this.tmp.csv, { force: true });
    await rm(this.tmp.json, { force: true });
  }
}

/**
 * Rows as CSV records and as the JSON array's items (one compact row a line: quick to write,
 * and a line-oriented tool can still read it), validated against their schema.
 */
export interface SerializedRows {
  csv: string;
  json: string;
  count: number;
}

export function serializeRows<T extends z.ZodObject>(name: string, schema: T, rows: z.infer<T>[], offset = 0): SerializedRows {
  const csv: string[] = [];
  const json: string[] = [];
  writeCsvRows(name, schema, rows, (s) => csv.push(s), offset);
  writeJsonRows(rows, (s) => json.push(s));
  // Joined once: a string grown piece by piece is flattened again by every reader.
  return { csv: csv.join(''), json: json.join(''), count: rows.length };
}

/** Validate rows against their schema and write their CSV records (`offset`: rows before them, for messages). */
export function writeCsvRows<T extends z.ZodObject>(name: string, schema: T, rows: z.infer<T>[], write: (s: string) => void, offset = 0): void {
  const columns = Object.keys(schema.shape);
  rows.forEach((row, i) => {
    const r = schema.safeParse(row);
    if (!r.success) throw new Error(`${name}.csv row ${offset + i + 1} breaks its schema: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    write(csvRow(row as Record<string, unknown>, columns));
  });
}

/** Write rows as items of a JSON array, one a line (the caller writes the brackets). */
export function writeJsonRows(rows: unknown[], write: (s: string) => void): void {
  for (let i = 0; i < rows.length; i++) {
    if (i) write(',\n');
    write(JSON.stringify(rows[i]));
  }
}

/** Destroy a stream and wait until its file is closed. */
export async function closed(st: WriteStream): Promise<void> {
  st.on('error', () => undefined).destroy();
  await finished(st).catch(() => undefined);
}

function end(s: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.end(resolve);
  });
}


export function cellValue(v: unknown): unknown {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number' && !Number.isFinite(v)) return '';
  return v;
}

/**
 * RFC 4180 records with CRLF. `escape_formulas` makes every text cell that starts with `=`,
 * `+`, `-`, `@`, tab or carriage return inert in Excel and LibreOffice; numbers stay numbers.
 * `quoted_match` quotes a cell holding a bare line feed or carriage return: with a CRLF record
 * delimiter csv-stringify would leave it unquoted, and spreadsheets would split the row there
 * (adaltas/node-csv#467).
 */
export function csvLines(records: unknown[][]): string {
  return stringify(records, { record_delimiter: '\r\n', escape_formulas: true, quoted_match: LINE_BREAK, cast: { boolean: (b: boolean) => (b ? 'true' : 'false') } });
}
const LINE_BREAK = /[\r\n]/;
