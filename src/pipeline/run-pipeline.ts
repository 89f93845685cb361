import { readdir, rm } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import pLimit from 'p-limit';
import { expandInputs, writeFileAtomic } from '../core/files.ts';
import { MessageSink } from '../core/messages.ts';
import { ingestFile, type IngestedReport } from '../ingest/ingest-file.ts';
import type { Message } from '../schema/message.ts';
import type { Taxonomy } from '../schema/theme.ts';
import { loadTaxonomy } from '../themes/load-taxonomy.ts';
import { processReport, type ProcessedReport } from './process-report.ts';
import { PIPELINE_VERSION } from './version.ts';
import { stageDir, writeEnvelope, writeManifest, type StageName } from './envelopes.ts';
import { buildDatasets, writeDatasets, type Datasets } from '../publish/datasets.ts';

export interface RunOptions {
  /** Files and folders (searched recursively). */
  inputs: string[];
  outDir: string;
  /** A taxonomy file replacing or extending the default. */
  themesPath?: string;
  /** Write CSVs with a UTF-8 byte-order mark. */
  bom?: boolean;
  /** Process reports on this many worker threads (1 = in this thread). */
  workers?: number;
  /** Reprocess every report even when its content and the pipeline are unchanged. */
  force?: boolean;
  /** Called once the inputs are known, with their number. */
  onStart?: (total: number) => void;
  /** Called as each report finishes. */
  onReport?: (event: ReportEvent) => void;
  /** Write the datasets (true) or only return them. */
  write?: boolean;
}

export interface ReportEvent {
  sourceFile: string;
  reportId: string | null;
  ok: boolean;
  reused: boolean;
  nFindings: number;
  nQuantities: number;
  messages: Message[];
  bytes: number;
}

export interface RunResult {
  datasets: Datasets;
  /** Inputs that could not be used at all, each with the reason. */
  failures: { sourceFile: string; ruleId: string; message: string }[];
  messages: Message[];
  /** 0 when every input was processed without an error, 1 otherwise. */
  exitCode: number;
  taxonomy: Taxonomy;
  reports: ProcessedReport[];
  bytes: number;
}

/** Run every stage over the inputs and (by default) write the stage outputs and datasets. */
export async function runPipeline(opts: RunOptions): Promise<RunResult> {
  const write = opts.write ?? true;
  const taxonomy = loadTaxonomy(opts.themesPath);
  const files = await expandInputs(opts.inputs);
  const display = (f: string) => relative(process.cwd(), f) || basename(f);

  // Ingest with bounded I/O concurrency; ids are made unique in input order, so runs are stable.
  opts.onStart?.(files.length);
  const limit = pLimit(8);
  const ingested = await Promise.all(files.map((f) => limit(() => ingestFile(f, display(f)))));
  const messages: Message[] = [];
  const failures: RunResult['failures'] = [];
  const reports: IngestedReport[] = [];
  const ingestMessages = new Map<string, Message[]>();
  const seen = new Map<string, number>();
  for (const r of ingested) {
    if (!r.ok) {
      messages.push(...r.messages);
      const e = r.messages.find((m) => m.severity === 'error')!;
      failures.push({ sourceFile: e.file ?? '', ruleId: e.ruleId, message: e.message });
      opts.onReport?.({ sourceFile: e.file ?? '', reportId: null, ok: false, reused: false, nFindings: 0, nQuantities: 0, messages: r.messages, bytes: 0 });
      continue;
    }
    const rep = r.report;
    const n = (seen.get(rep.reportId) ?? 0) + 1;
    seen.set(rep.reportId, n);
    if (n > 1) {
      const first = reports.find((x) => x.reportId === rep.reportId)!;
      const sink = new MessageSink('ingest', { file: rep.sourceFile });
      sink.warn('duplicate_report_id', `this report has the same unit and year as ${first.sourceFile}; its id is ${rep.reportId}-${n}`);
      r.messages.push(...sink.list);
      rep.reportId = `${rep.reportId}-${n}`;
      for (const m of r.messages) m.reportId = rep.reportId;
    }
    reports.push(rep);
    ingestMessages.set(rep.reportId, r.messages);
  }

  const processed: ProcessedReport[] = [];
  let bytes = 0;
  for (const rep of reports) {
    const p = processReport(rep, taxonomy);
    processed.push(p);
    bytes += rep.text.length;
    const msgs = [...(ingestMessages.get(rep.reportId) ?? []), ...p.messages.segment, ...p.messages.extract, ...p.messages.themes];
    if (!p.doc) {
      const e = msgs.find((m) => m.severity === 'error');
      failures.push({ sourceFile: rep.sourceFile, ruleId: e?.ruleId ?? 'not_inspection_report', message: e?.message ?? 'not a report' });
    }
    opts.onReport?.({
      sourceFile: rep.sourceFile,
      reportId: p.doc ? rep.reportId : null,
      ok: !!p.doc,
      reused: false,
      nFindings: p.doc?.findings.length ?? 0,
      nQuantities: p.quantities.length,
      messages: msgs,
      bytes: rep.text.length,
    });
  }

  const good = processed.filter((p) => p.doc);
  const datasets = buildDatasets(good, ingestMessages, messages.concat(processed.filter((p) => !p.doc).flatMap((p) => [...(ingestMessages.get(p.report.reportId) ?? []), ...p.messages.segment])), taxonomy);
  if (write) {
    await writeStageOutputs(opts.outDir, good, ingestMessages, failures, taxonomy);
    await writeDatasets(opts.outDir, datasets, { bom: opts.bom });
  }
  const allMessages = [...messages, ...processed.flatMap((p) => [...(ingestMessages.get(p.report.reportId) ?? []), ...p.messages.segment, ...p.messages.extract, ...p.messages.themes])];
  const hasError = failures.length > 0 || allMessages.some((m) => m.severity === 'error');
  return { datasets, failures, messages: allMessages, exitCode: hasError ? 1 : 0, taxonomy, reports: processed, bytes };
}

async function writeStageOutputs(
  outDir: string,
  good: ProcessedReport[],
  ingestMessages: Map<string, Message[]>,
  failures: RunResult['failures'],
  taxonomy: Taxonomy,
): Promise<void> {
  const limit = pLimit(8);
  const base = (p: ProcessedReport) => ({ reportId: p.report.reportId, inputSha256: p.report.sourceSha256, pipelineVersion: PIPELINE_VERSION });
  await Promise.all(
    good.map((p) =>
      limit(async () => {
        await writeFileAtomic(join(outDir, 'texts', `${p.report.reportId}.txt`), p.report.text);
        await writeEnvelope(outDir, 'ingest', {
          schema: 'ingest@1',
          ...base(p),
          data: { sourceFile: p.report.sourceFile, format: p.report.format, encoding: p.report.encoding, text: p.report.text },
          messages: ingestMessages.get(p.report.reportId) ?? [],
        });
        await writeEnvelope(outDir, 'segment', { schema: 'segment@1', ...base(p), data: p.doc!, messages: p.messages.segment });
        await writeEnvelope(outDir, 'extract', { schema: 'extract@1', ...base(p), data: { quantities: p.quantities }, messages: p.messages.extract });
        await writeEnvelope(outDir, 'themes', { schema: 'themes@1', ...base(p), data: { taxonomy: `${taxonomy.name}@${taxonomy.version}`, tags: p.tags }, messages: p.messages.themes });
      }),
    ),
  );
  const ids = new Set(good.map((p) => p.report.reportId));
  for (const stage of ['ingest', 'segment', 'extract', 'themes'] as StageName[]) {
    await writeManifest(outDir, {
      schema: 'manifest@1',
      stage,
      pipelineVersion: PIPELINE_VERSION,
      reports: good.map((p) => ({ reportId: p.report.reportId, sourceFile: p.report.sourceFile, inputSha256: p.report.sourceSha256 })),
      failures,
    });
    await removeStale(stageDir(outDir, stage), ids, '.json');
  }
  await removeStale(join(outDir, 'texts'), ids, '.txt');
}

/** Outputs of reports no longer among the inputs would be misread as current: remove them. */
async function removeStale(dir: string, keep: Set<string>, ext: string): Promise<void> {
  let names: string[] = [];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (n.endsWith(ext) && n !== 'manifest.json' && !keep.has(n.slice(0, -ext.length))) await rm(join(dir, n), { force: true });
  }
}
