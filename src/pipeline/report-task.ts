/**
 * The work done for one report, in a worker thread or inline: process it (or reuse its
 * persisted outputs when nothing changed), write its stage envelopes and canonical text, and
 * return its dataset rows. A pure function of the report, the taxonomy and the pipeline version.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256, writeFileAtomicSync } from '../core/files.ts';
import type { IngestedReport } from '../ingest/ingest-file.ts';
import type { Message } from '../schema/message.ts';
import type { ReportMeta } from '../schema/report.ts';
import type { Taxonomy } from '../schema/theme.ts';
import { loadTaxonomy } from '../themes/load-taxonomy.ts';
import { rowsOfReport, type PerReportRows } from '../publish/rows.ts';
import { serializeRows, type SerializedRows } from '../publish/dataset-writer.ts';
import { FindingRow, FindingThemeRow, QuantityRow } from '../schema/datasets.ts';
import { readEnvelope, writeEnvelopesSync } from './envelopes.ts';
import { processReport, type ProcessedReport } from './process-report.ts';
import { PIPELINE_VERSION } from './version.ts';

export interface ReportTask {
  report: IngestedReport;
  ingestMessages: Message[];
  outDir: string;
  themesPath?: string;
  taxonomyId: string;
  /** Try the persisted outputs first (their hash and versions are checked). */
  reuse: boolean;
  write: boolean;
  /** Return the long per-report datasets already serialised (the caller streams them to disk). */
  serialize: boolean;
  /** Also return those rows whole (for a caller that keeps every record). */
  collect: boolean;
}

/** The per-report datasets that are streamed to disk rather than kept. */
export const STREAMED = { findings: FindingRow, quantities: QuantityRow, finding_themes: FindingThemeRow } as const;
export type StreamedName = keyof typeof STREAMED;

export interface ReportTaskResult {
  ok: boolean;
  reused: boolean;
  reportId: string;
  sourceFile: string;
  meta: ReportMeta | null;
  rows: PerReportRows | null;
  /** Every message of the report (ingest, segment, extract, themes). */
  messages: Message[];
  bytes: number;
  /** The streamed datasets' rows, validated and serialised in this thread. */
  streamed?: Record<StreamedName, SerializedRows>;
}

const taxonomies = new Map<string, Taxonomy>();
function taxonomyFor(path: string | undefined): Taxonomy {
  const key = path ?? '';
  let t = taxonomies.get(key);
  if (!t) taxonomies.set(key, (t = loadTaxonomy(path)));
  return t;
}

export async function runReportTask(task: ReportTask): Promise<ReportTaskResult> {
  const taxonomy = taxonomyFor(task.themesPath);
  const { report } = task;
  let p: ProcessedReport | null = task.reuse ? await reuseOutputs(task) : null;
  const reused = !!p;
  if (!p) p = processReport(report, taxonomy);
  const messages = [...task.ingestMessages, ...p.messages.segment, ...p.messages.extract, ...p.messages.themes];
  if (p.doc && task.write && !reused) writeOutputs(task, p);
  const rows = p.doc ? rowsOfReport(p, task.ingestMessages, taxonomy) : null;
  let streamed: ReportTaskResult['streamed'];
  if (rows && task.serialize) {
    // Serialising here, in the worker, keeps the thread that writes the files from becoming the bottleneck.
    streamed = {
      findings: serializeRows('findings', FindingRow, rows.findings),
      quantities: serializeRows('quantities', QuantityRow, rows.quantities),
      finding_themes: serializeRows('finding_themes', FindingThemeRow, rows.finding_themes),
    };
    if (!task.collect) {
      // What the caller still needs: the findings for theme counts and clustering, without quotes.
      rows.findings = rows.findings.map((f) => ({ ...f, quote: '', section_title: '', addressee: '', footnotes: '' }));
      rows.quantities = [];
      rows.finding_themes = [];
    }
  }
  return { ok: !!p.doc, reused, reportId: report.reportId, sourceFile: report.sourceFile, meta: p.doc?.meta ?? null, rows, messages, bytes: report.text.length, streamed };
}

/** A report's canonical text and stage envelopes, written synchronously (see writeFileAtomicSync). */
function writeOutputs(task: ReportTask, p: ProcessedReport): void {
  const { outDir, report } = task;
  const base = { reportId: report.reportId, inputSha256: report.sourceSha256, pipelineVersion: PIPELINE_VERSION };
  writeFileAtomicSync(join(outDir, 'texts', `${report.reportId}.txt`), report.text);
  writeEnvelopesSync(outDir, report.reportId, {
    ingest: {
      schema: 'ingest@1',
      ...base,
      data: { sourceFile: report.sourceFile, format: report.format, encoding: report.encoding, textFile: `texts/${report.reportId}.txt`, textSha256: sha256(report.text) },
      messages: task.ingestMessages,
    },
    segment: { schema: 'segment@1', ...base, data: p.doc!, messages: p.messages.segment },
    extract: { schema: 'extract@1', ...base, data: { quantities: p.quantities }, messages: p.messages.extract },
    themes: { schema: 'themes@1', ...base, data: { taxonomy: task.taxonomyId, tags: p.tags }, messages: p.messages.themes },
  });
}

/** The persisted outputs of an unchanged report, or null when any of them is missing or stale. */
async function reuseOutputs(task: ReportTask): Promise<ProcessedReport | null> {
  const { outDir, report } = task;
  try {
    await access(join(outDir, 'texts', `${report.reportId}.txt`));
    const [seg, ex, th, text] = await Promise.all([
      readEnvelope(outDir, 'segment', report.reportId),
      readEnvelope(outDir, 'extract', report.reportId),
      readEnvelope(outDir, 'themes', report.reportId),
      readFile(join(outDir, 'texts', `${report.reportId}.txt`), 'utf8'),
    ]);
    const fresh = (e: { inputSha256: string; pipelineVersion: string }) => e.inputSha256 === report.sourceSha256 && e.pipelineVersion === PIPELINE_VERSION;
    if (!fresh(seg) || !fresh(ex) || !fresh(th) || th.data.taxonomy !== task.taxonomyId || text !== report.text) return null;
    return { report, doc: seg.data, quantities: ex.data.quantities, tags: th.data.tags, messages: { segment: seg.messages, extract: ex.messages, themes: th.messages } };
  } catch {
    return null;
  }
}
