/**
 * The work done for one input file, in a worker thread or inline: read and decode it, process it
 * (or reuse its persisted outputs when nothing changed), and return what the main thread writes
 * and aggregates: its canonical text, stage envelopes and long datasets serialised, its short
 * dataset rows, theme counts and recurring-finding keys. A pure function of the file, the
 * taxonomy and the pipeline version.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../core/files.ts';
import { ingestFile, type IngestedReport } from '../ingest/ingest-file.ts';
import { MessageSink } from '../core/messages.ts';
import type { Message } from '../schema/message.ts';
import type { ReportMeta } from '../schema/report.ts';
import type { Taxonomy } from '../schema/theme.ts';
import { loadTaxonomy } from '../themes/load-taxonomy.ts';
import { rowsOfReport, type PerReportRows } from '../publish/rows.ts';
import { writeCsvRows, writeJsonRows } from '../publish/dataset-writer.ts';
import { Utf8Sink, writeJson } from '../publish/utf8-sink.ts';
import { countThemes, type ReportThemeCounts } from '../compare/theme-counter.ts';
import { recurringItems, type RecurringItem } from '../compare/recurring-input.ts';
import { FindingRow, FindingThemeRow, QuantityRow } from '../schema/datasets.ts';
import { compactDocument, parseStage, type StageEnvelope, type StageEnvelopes, type StageName } from './envelopes.ts';
import { envelopeRecord, readLineAt, type LineLocation } from './envelope-store.ts';
import { processReport, type ProcessedReport } from './process-report.ts';
import { PIPELINE_VERSION } from './version.ts';

export interface ReportTask {
  /** The file to read. */
  file: string;
  /** Its name as reported (relative to the working directory). */
  sourceFile: string;
  /** Set when an earlier input has the same report id: this one takes a numbered id instead. */
  rename?: { reportId: string };
  outDir: string;
  themesPath?: string;
  taxonomyId: string;
  /** Return the canonical text, envelopes and long datasets serialised, for the caller to write. */
  write: boolean;
  /** Also return those rows whole (for a caller that keeps every record). */
  collect: boolean;
}

/** What every task of a run shares: where the previous run's envelopes of each report are, to reuse them. */
export interface RunContext {
  previous: Record<string, { inputSha256: string } & LineLocation>;
}

/** The per-report datasets that are streamed to disk rather than kept. */
export const STREAMED = { findings: FindingRow, quantities: QuantityRow, finding_themes: FindingThemeRow } as const;
export type StreamedName = keyof typeof STREAMED;

export interface ReportTaskResult {
  /** The file was read and decoded into a canonical text (`reportId` is its id). */
  ingested: boolean;
  ok: boolean;
  reused: boolean;
  reportId: string;
  sourceFile: string;
  meta: ReportMeta | null;
  /** The report's short datasets (one row a report, a standard, a key question). */
  rows: Pick<PerReportRows, 'reports' | 'ratings' | 'key_questions'> | null;
  /** Every message of the report (ingest, segment, extract, themes). */
  messages: Message[];
  bytes: number;
  counts: { findings: number; quantities: number; themeTags: number };
  themeCounts: ReportThemeCounts | null;
  /** The findings as recurring-finding clustering needs them. */
  recurring: RecurringItem[];
  /** The long datasets' rows, validated and serialised in this thread (see `serializeStreamed`). */
  streamed?: StreamedChunks;
  /** The long datasets' rows whole, for a caller that keeps every record. */
  full?: Pick<PerReportRows, StreamedName>;
}

/**
 * The long datasets' CSV records and JSON lines, encoded as UTF-8 into one buffer that is moved,
 * not copied, to the thread that writes the files; `parts` gives each piece's byte range.
 */
export interface StreamedChunks {
  bytes: Uint8Array;
  parts: Record<StreamedName, { csv: [number, number]; json: [number, number]; count: number }>;
  /** The report's line of stages/reports.jsonl. */
  envelopes: [number, number];
  /** Its canonical text (texts/<report_id>.txt); absent when reused, as the file is already there. */
  text?: [number, number];
}

const taxonomies = new Map<string, Taxonomy>();
function taxonomyFor(path: string | undefined): Taxonomy {
  const key = path ?? '';
  let t = taxonomies.get(key);
  if (!t) taxonomies.set(key, (t = loadTaxonomy(path)));
  return t;
}

export async function runReportTask(task: ReportTask, context: RunContext): Promise<ReportTaskResult> {
  const ing = await ingestFile(task.file, task.sourceFile, { knownPdfText: (sha) => previousText(task.outDir, context, sha) });
  if (!ing.ok) return failedResult({ ingested: false, reportId: '', sourceFile: task.sourceFile, messages: ing.messages, bytes: 0 });
  const { report } = ing;
  const ingestMessages = ing.messages;
  if (task.rename) {
    const sink = new MessageSink('ingest', { file: report.sourceFile });
    sink.warn('duplicate_report_id', `another input has the same unit and year (${report.reportId}); this one is ${task.rename.reportId}`);
    report.reportId = task.rename.reportId;
    ingestMessages.push(...sink.list);
    for (const m of ingestMessages) m.reportId = report.reportId;
  }
  const taxonomy = taxonomyFor(task.themesPath);
  const before = context.previous[report.reportId];
  const previous = before && before.inputSha256 === report.sourceSha256 ? reuseOutputs(task, report, before) : null;
  const reused = !!previous;
  const p = previous?.processed ?? processReport(report, taxonomy);
  const messages = [...ingestMessages, ...p.messages.segment, ...p.messages.extract, ...p.messages.themes];
  const result: ReportTaskResult = {
    ingested: true,
    ok: !!p.doc,
    reused,
    reportId: report.reportId,
    sourceFile: report.sourceFile,
    meta: p.doc?.meta ?? null,
    rows: null,
    messages,
    bytes: report.text.length,
    counts: { findings: 0, quantities: 0, themeTags: 0 },
    themeCounts: null,
    recurring: [],
  };
  if (!p.doc) return result;
  const rows = rowsOfReport(p, ingestMessages, taxonomy);
  result.rows = { reports: rows.reports, ratings: rows.ratings, key_questions: rows.key_questions };
  result.counts = { findings: rows.findings.length, quantities: rows.quantities.length, themeTags: rows.finding_themes.length };
  result.themeCounts = countThemes(report.reportId, p.doc.meta.unitName, rows.findings);
  result.recurring = recurringItems(rows.findings);
  // Serialising here, in the worker, keeps the thread that writes the files from becoming the bottleneck.
  if (task.write) result.streamed = serializeStreamed(rows, previous?.line ?? { reportId: report.reportId, ...envelopesOf(task, p, ingestMessages) }, reused ? null : report.text);
  if (task.collect) result.full = { findings: rows.findings, quantities: rows.quantities, finding_themes: rows.finding_themes };
  return result;
}

/** Where a worker serialises a report's outputs, reused from report to report. */
const sink = new Utf8Sink(1 << 22);

/**
 * The long datasets' rows, the report's envelope line (as read from a previous run, or its
 * envelopes to write as one) and its canonical text, encoded as UTF-8 one after the other into
 * one buffer of their exact size.
 */
export function serializeStreamed(rows: Pick<PerReportRows, StreamedName>, envelopes: string | StageEnvelopes & { reportId: string }, text: string | null): StreamedChunks {
  sink.reset();
  const parts = {} as StreamedChunks['parts'];
  for (const name of Object.keys(STREAMED) as StreamedName[]) {
    const list = rows[name] as never[];
    const start = sink.length;
    writeCsvRows(name, STREAMED[name] as never, list, sink.write);
    const middle = sink.length;
    writeJsonRows(list, sink.write);
    parts[name] = { csv: [start, middle], json: [middle, sink.length], count: list.length };
  }
  const start = sink.length;
  if (typeof envelopes === 'string') sink.write(envelopes);
  else {
    const { reportId, ...envs } = envelopes;
    // Opened down to each finding, quantity and tag: no part of the line is one large string.
    writeJson(envelopeRecord(reportId, envs), sink.write, 4);
    sink.write('\n');
  }
  const out: Omit<StreamedChunks, 'bytes'> = { parts, envelopes: [start, sink.length] };
  if (text !== null) {
    const from = sink.length;
    sink.write(text);
    out.text = [from, sink.length];
  }
  return { bytes: sink.take(), ...out };
}

/** Every stage's envelope of a processed report. */
function envelopesOf(task: ReportTask, p: ProcessedReport, ingestMessages: Message[]): { [S in StageName]: StageEnvelope<S> } {
  const { report } = p;
  const base = { reportId: report.reportId, inputSha256: report.sourceSha256, pipelineVersion: PIPELINE_VERSION };
  return {
    ingest: {
      schema: 'ingest@1',
      ...base,
      data: { sourceFile: report.sourceFile, format: report.format, encoding: report.encoding, textFile: `texts/${report.reportId}.txt`, textSha256: report.textSha256 ?? sha256(report.text) },
      messages: ingestMessages,
    },
    segment: { schema: 'segment@2', ...base, data: compactDocument(p.doc!), messages: p.messages.segment },
    extract: { schema: 'extract@1', ...base, data: { quantities: p.quantities }, messages: p.messages.extract },
    themes: { schema: 'themes@1', ...base, data: { taxonomy: task.taxonomyId, tags: p.tags }, messages: p.messages.themes },
  };
}

/**
 * The persisted outputs of an unchanged report, with its line of the envelope file (written
 * again as it is), or null when any of them is missing or stale.
 */
function reuseOutputs(task: ReportTask, report: IngestedReport, at: LineLocation): { processed: ProcessedReport; line: string } | null {
  const { outDir } = task;
  try {
    const line = readLineAt(outDir, at, report.reportId);
    if (line === null) return null;
    const all = JSON.parse(line) as Record<string, unknown>;
    const where = `${report.reportId}'s envelopes`;
    const [seg, ex, th] = [parseStage('segment', all.segment, where), parseStage('extract', all.extract, where), parseStage('themes', all.themes, where)];
    const fresh = (e: { inputSha256: string; pipelineVersion: string }) => e.inputSha256 === report.sourceSha256 && e.pipelineVersion === PIPELINE_VERSION;
    if (!fresh(seg) || !fresh(ex) || !fresh(th) || th.data.taxonomy !== task.taxonomyId) return null;
    if (readFileSync(join(outDir, 'texts', `${report.reportId}.txt`), 'utf8') !== report.text) return null;
    return {
      processed: { report, doc: seg.data, quantities: ex.data.quantities, tags: th.data.tags, messages: { segment: seg.messages, extract: ex.messages, themes: th.messages } },
      line,
    };
  } catch {
    return null;
  }
}

/** Report ids of the previous run by the sha256 of their input (made once per run context). */
const idsBySha = new WeakMap<RunContext, Map<string, string>>();

/** The canonical text the previous run wrote for the input with this sha256, if it is there. */
function previousText(outDir: string, context: RunContext, sha: string): string | null {
  let ids = idsBySha.get(context);
  if (!ids) idsBySha.set(context, (ids = new Map(Object.entries(context.previous).map(([id, p]) => [p.inputSha256, id]))));
  const id = ids.get(sha);
  if (!id || !outDir) return null;
  try {
    const text = readFileSync(join(outDir, 'texts', `${id}.txt`), 'utf8');
    // Only the text that run extracted: its ingest envelope holds the text's hash.
    const line = readLineAt(outDir, context.previous[id]!, id);
    const ingest = line === null ? null : (JSON.parse(line) as { ingest?: { data?: { textSha256?: string } } }).ingest;
    return ingest?.data?.textSha256 === sha256(text) ? text : null;
  } catch {
    return null;
  }
}

/** The result for an input that could not be used. */
export function failedResult(r: Pick<ReportTaskResult, 'ingested' | 'reportId' | 'sourceFile' | 'messages' | 'bytes'>): ReportTaskResult {
  return { ...r, ok: false, reused: false, meta: null, rows: null, counts: { findings: 0, quantities: 0, themeTags: 0 }, themeCounts: null, recurring: [] };
}
