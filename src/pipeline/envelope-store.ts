/**
 * Where the stage envelopes live: `stages/reports.jsonl`, one line per report in input order,
 * `{"reportId": ..., "ingest": {...}, "segment": {...}, "extract": {...}, "themes": {...}}`, each
 * envelope with its own schema name, input hash and pipeline version. One file for the run rather
 * than one a report: creating a file costs more than writing a report's envelopes, and a corpus
 * of 10,000 reports is one file to copy, not 10,000. `stages/reports.index.json` gives each
 * report's byte range, so that one report is read without reading the rest; a reader checks the
 * index against the file (its size, and the id that starts each line) and rebuilds it by
 * scanning when they disagree.
 *
 * The file is written under a temporary name and renamed when complete: a reader of the
 * previous run's envelopes (an incremental run reusing them) keeps reading the old file until
 * then, and a failed run leaves the old pair in place.
 */
import { closeSync, createWriteStream, openSync, readSync, fstatSync, type WriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { toJson, writeFileAtomic } from '../core/files.ts';
import { closed } from '../publish/dataset-writer.ts';
import { STAGE_ORDER, parseStage, type StageEnvelope, type StageEnvelopes, type StageName } from './envelopes.ts';

export const EnvelopeIndex = z.object({
  schema: z.literal('envelope-index@1'),
  /** Size of reports.jsonl when the index was written. */
  bytes: z.number().int().nonnegative(),
  reports: z.array(z.object({ reportId: z.string(), offset: z.number().int().nonnegative(), length: z.number().int().positive() })),
});
export type EnvelopeIndex = z.infer<typeof EnvelopeIndex>;

export interface LineLocation {
  offset: number;
  length: number;
}

export const envelopesPath = (outDir: string) => join(outDir, 'stages', 'reports.jsonl');
const indexPath = (outDir: string) => join(outDir, 'stages', 'reports.index.json');

/** A report's line: its id first, so that a reader can tell it found the line it wanted. */
export function envelopeLine(reportId: string, envs: StageEnvelopes): string {
  return JSON.stringify(envelopeRecord(reportId, envs)) + '\n';
}

/** What a report's line holds: its id, then its envelopes in stage order. */
export function envelopeRecord(reportId: string, envs: StageEnvelopes): Record<string, unknown> {
  const ordered: Record<string, unknown> = { reportId };
  for (const st of STAGE_ORDER) if (envs[st]) ordered[st] = envs[st];
  return ordered;
}

const linePrefix = (reportId: string) => `{"reportId":${JSON.stringify(reportId)}`;

/** The line at `at` of the file open as `fd`, or null when it is not the line of `reportId`. */
function readLine(fd: number, at: LineLocation, reportId: string): string | null {
  const buf = Buffer.allocUnsafe(at.length);
  if (readSync(fd, buf, 0, at.length, at.offset) !== at.length) return null;
  const line = buf.toString('utf8');
  return line.startsWith(linePrefix(reportId)) && line.endsWith('\n') ? line : null;
}

/** Read one report's line from an envelope file by its location (a worker reusing a previous run's output). */
export function readLineAt(outDir: string, at: LineLocation, reportId: string): string | null {
  let fd = -1;
  try {
    fd = openSync(envelopesPath(outDir), 'r');
    return readLine(fd, at, reportId);
  } catch {
    return null;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** The envelopes a previous run (or stage) wrote, read report by report. */
export class EnvelopeStore {
  private constructor(
    private readonly path: string,
    private readonly fd: number | null,
    private readonly at: Map<string, LineLocation>,
  ) {}

  /** The store of `outDir`; empty when nothing has been written there yet. */
  static async open(outDir: string): Promise<EnvelopeStore> {
    const path = envelopesPath(outDir);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return new EnvelopeStore(path, null, new Map());
    }
    const size = fstatSync(fd).size;
    let index: EnvelopeIndex | null = null;
    try {
      const parsed = EnvelopeIndex.safeParse(JSON.parse(await readFile(indexPath(outDir), 'utf8')));
      if (parsed.success && parsed.data.bytes === size) index = parsed.data;
    } catch {
      index = null;
    }
    const at = new Map<string, LineLocation>();
    if (index) for (const r of index.reports) at.set(r.reportId, { offset: r.offset, length: r.length });
    else for (const r of scanLines(fd, size)) at.set(r.reportId, r);
    return new EnvelopeStore(path, fd, at);
  }

  /** Report ids in the order they were written. */
  get ids(): string[] {
    return [...this.at.keys()];
  }

  location(reportId: string): LineLocation | undefined {
    return this.at.get(reportId);
  }

  /** Every envelope of a report, unvalidated; null when the store does not hold it. */
  readAll(reportId: string): Record<string, unknown> | null {
    const at = this.at.get(reportId);
    if (!at || this.fd === null) return null;
    const line = readLine(this.fd, at, reportId);
    if (line === null) throw new Error(`${this.path} does not hold ${reportId} where its index says: re-run the pipeline`);
    return JSON.parse(line) as Record<string, unknown>;
  }

  /** One stage's envelope of a report, validated. */
  read<S extends StageName>(stage: S, reportId: string): StageEnvelope<S> {
    const all = this.readAll(reportId);
    if (!all) throw new Error(`${this.path} holds no output for ${reportId}; run the ingest stage`);
    return parseStage(stage, all[stage], `${this.path} (${reportId})`);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
  }
}

/** Each line's id and byte range, by reading the whole file (when its index is missing or stale). */
function scanLines(fd: number, size: number): Array<{ reportId: string } & LineLocation> {
  const out: Array<{ reportId: string } & LineLocation> = [];
  const chunk = Buffer.allocUnsafe(1 << 22);
  let lineStart = 0;
  let head: Buffer[] = [];
  let headLen = 0;
  for (let pos = 0; pos < size; ) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, size - pos), pos);
    if (n <= 0) break;
    let from = 0;
    while (from < n) {
      const nl = chunk.indexOf(10, from);
      const end = nl < 0 || nl >= n ? n : nl;
      if (headLen < 512) {
        head.push(Buffer.from(chunk.subarray(from, Math.min(end, from + 512 - headLen))));
        headLen += Math.min(end - from, 512 - headLen);
      }
      if (nl < 0 || nl >= n) break;
      const m = /^\{"reportId":("(?:[^"\\]|\\.)*")/.exec(Buffer.concat(head).toString('utf8'));
      if (m) out.push({ reportId: JSON.parse(m[1]!) as string, offset: lineStart, length: pos + nl + 1 - lineStart });
      lineStart = pos + nl + 1;
      head = [];
      headLen = 0;
      from = nl + 1;
    }
    pos += n;
  }
  return out;
}

/** Writes a new envelope file, line by line, and its index; `commit` puts both in place. */
export class EnvelopeWriter {
  private stream!: WriteStream;
  private readonly tmp: string;
  private offset = 0;
  private readonly reports: EnvelopeIndex['reports'] = [];

  private constructor(private readonly outDir: string) {
    this.tmp = join(outDir, 'stages', `.reports.jsonl.${process.pid}.tmp`);
  }

  static async open(outDir: string): Promise<EnvelopeWriter> {
    const w = new EnvelopeWriter(outDir);
    await mkdir(join(outDir, 'stages'), { recursive: true });
    w.stream = createWriteStream(w.tmp);
    return w;
  }

  /** Append a report's line (made by `envelopeLine`; bytes when a worker encoded it). */
  append(reportId: string, line: string | Uint8Array): void {
    const length = typeof line === 'string' ? Buffer.byteLength(line) : line.length;
    this.reports.push({ reportId, offset: this.offset, length });
    this.offset += length;
    this.stream.write(line);
  }

  async drained(): Promise<void> {
    if (this.stream.writableNeedDrain) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }

  async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(resolve);
    });
    await rename(this.tmp, envelopesPath(this.outDir));
    await writeFileAtomic(indexPath(this.outDir), toJson({ schema: 'envelope-index@1', bytes: this.offset, reports: this.reports } satisfies EnvelopeIndex));
    // Outputs of earlier versions kept one file per report here.
    await rm(join(this.outDir, 'stages', 'reports'), { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    if (this.stream) await closed(this.stream);
    await rm(this.tmp, { force: true });
  }
}

/** One stage's envelope of one report, read and validated (opens the store each time: for a few reads). */
export async function readEnvelope<S extends StageName>(outDir: string, stage: S, reportId: string): Promise<StageEnvelope<S>> {
  const store = await EnvelopeStore.open(outDir);
  try {
    return store.read(stage, reportId);
  } finally {
    store.close();
  }
}
