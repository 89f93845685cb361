import { availableParallelism } from 'node:os';
import { readdir, rm } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import pLimit from 'p-limit';
import { Piscina } from 'piscina';
import { expandInputs, sha256, toJson, writeFileAtomic } from '../core/files.ts';
import { MessageSink } from '../core/messages.ts';
import type { Message } from '../schema/message.ts';
import type { ReportMeta } from '../schema/report.ts';
import type { Taxonomy } from '../schema/theme.ts';
import { FindingRow, FindingThemeRow, QuantityRow, CheckRow } from '../schema/datasets.ts';
import type { KeyQuestionRow, RatingDatasetRow, ReportRow } from '../schema/datasets.ts';
import { loadTaxonomy } from '../themes/load-taxonomy.ts';
import { DatasetStream } from '../publish/dataset-writer.ts';
import { buildCrossReport, writeCrossReport, type Datasets } from '../publish/datasets.ts';
import { ThemeCounter } from '../compare/theme-counter.ts';
import { RecurringInput } from '../compare/recurring-input.ts';
import { checkRows } from '../publish/rows.ts';
import { publish } from '../publish/publish.ts';
import { readFile } from 'node:fs/promises';
import { writeManifest, readManifest, type StageName } from './envelopes.ts';
import { failedResult, runReportTask, type ReportTask, type ReportTaskResult, type RunContext } from './report-task.ts';
import { EnvelopeStore, EnvelopeWriter } from './envelope-store.ts';
import { PIPELINE_VERSION } from './version.ts';

export interface RunOptions {
  /** Files and folders (searched recursively). */
  inputs: string[];
  outDir: string;
  /** A taxonomy file replacing or extending the default. */
  themesPath?: string;
  /** Write CSVs with a UTF-8 byte-order mark. */
  bom?: boolean;
  /** Worker threads for processing reports (default: one per core, at most one per report; 1 = in this thread). */
  workers?: number;
  /** Reprocess every report even when its content and the pipeline are unchanged. */
  force?: boolean;
  /** Write the stage outputs and datasets (default true). */
  write?: boolean;
  /** Keep every dataset row in the result (default true; the CLI turns it off to keep memory flat). */
  collect?: boolean;
  /** Also write the XLSX workbook and the dashboard page (default true). */
  publish?: boolean;
  /**
   * Stops the run between two reports (the CLI aborts it on Ctrl-C): the run rejects with an
   * `InterruptedError`, having removed every temporary file, and the previous outputs stay as they were.
   */
  signal?: AbortSignal;
  /** Called once the inputs are known, with their number. */
  onStart?: (total: number) => void;
  /** Called as each report finishes, in input order. */
  onReport?: (event: ReportEvent) => void;
  /** Called as each step after the last report starts (clustering, cross-report datasets, workbook and page), saying what it does. */
  onPhase?: (what: string) => void;
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
  counts: { reports: number; findings: number; quantities: number; themeTags: number; checks: number; reused: number };
  /** Inputs that could not be used at all, each with the reason. */
  failures: { sourceFile: string; ruleId: string; message: string }[];
  messages: Message[];
  /** 0 when every input was processed without an error, 1 otherwise. */
  exitCode: number;
  taxonomy: Taxonomy;
  /** Characters of canonical text processed. */
  bytes: number;
}

/** Past this many findings the workbook and the dashboard are not written (Excel stops at 1,048,576 rows). */
const MAX_PUBLISHED_FINDINGS = 300_000;

/** Up to this many reports are processed in the main thread when one worker is asked for. */
const INLINE_MAX_REPORTS = 32;

/** Files written at once, and writes queued before the run waits for them. */
const IO_CONCURRENCY = 8;
const MAX_QUEUED_WRITES = 64;

/** Old-generation heap of each worker thread, in MB. */
const WORKER_HEAP_MB = 384;

const STREAMED = { findings: FindingRow, quantities: QuantityRow, finding_themes: FindingThemeRow, checks: CheckRow } as const;

/** Run every stage over the inputs; write the stage outputs and datasets; return the records. */
export async function runPipeline(opts: RunOptions): Promise<RunResult> {
  const write = opts.write ?? true;
  const collect = opts.collect ?? true;
  const taxonomy = loadTaxonomy(opts.themesPath);
  const taxonomyId = `${taxonomy.name}@${taxonomy.version}#${sha256(JSON.stringify(taxonomy)).slice(0, 12)}`;
  const files = await expandInputs(opts.inputs);
  const display = (f: string) => relative(process.cwd(), f) || basename(f);
  opts.onStart?.(files.length);

  if (write) await removeOrphanedTemps(opts.outDir);
  // The previous run's envelopes stay readable (to reuse) until this run's replace them at the end.
  const context: RunContext = { previous: opts.force || !write ? {} : await reusable(opts.outDir) };

  const nWorkers = Math.max(1, Math.min(opts.workers ?? availableParallelism(), files.length || 1));
  // Even one worker runs off the main thread on a corpus: its heap is capped, so memory stays flat.
  const usePool = nWorkers > 1 || files.length > INLINE_MAX_REPORTS;
  const pool = usePool ? new Piscina({
          filename: new URL('./worker.ts', import.meta.url).href,
          minThreads: nWorkers,
          maxThreads: nWorkers,
          workerData: context,
          // Workers load TypeScript through tsx, whichever runner started this process.
          execArgv: workerExecArgv(),
          // A worker holds one report at a time: a small heap makes V8 collect early, so memory stays flat.
          resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
        }) : null;
  const runTask = async (t: ReportTask): Promise<ReportTaskResult> => {
    try {
      return await (pool ? pool.run(t) : runReportTask(t, context));
    } catch (err) {
      // A defect met on one report must not cost the others: report it and go on.
      const sink = new MessageSink('pipeline', { file: t.sourceFile });
      sink.error('processing_failed', `processing failed: ${err instanceof Error ? err.message : String(err)}`);
      return failedResult({ ingested: false, reportId: '', sourceFile: t.sourceFile, messages: sink.list, bytes: 0 });
    }
  };

  const envelopes = write ? await EnvelopeWriter.open(opts.outDir) : null;
  const streams = write ? await Promise.all(Object.entries(STREAMED).map(([name, schema]) => new DatasetStream(opts.outDir, name, schema as never, { bom: opts.bom }).open())) : [];
  const streamOf = (name: keyof typeof STREAMED) => streams.find((s) => s.name === name);
  const collected = { findings: [] as FindingRow[], quantities: [] as QuantityRow[], finding_themes: [] as FindingThemeRow[], checks: [] as CheckRow[] };
  const reports: ReportRow[] = [];
  const ratings: RatingDatasetRow[] = [];
  const keyQuestions: KeyQuestionRow[] = [];
  const metas: ReportMeta[] = [];
  const themeCounter = new ThemeCounter();
  const recurring = new RecurringInput();
  const failures: RunResult['failures'] = [];
  const allMessages: Message[] = [];
  const manifestEntries: { reportId: string; sourceFile: string; inputSha256: string }[] = [];
  const counts = { reports: 0, findings: 0, quantities: 0, themeTags: 0, checks: 0, reused: 0 };
  let bytes = 0;

  const emit = (name: keyof typeof STREAMED, rows: never[]) => {
    streamOf(name)?.write(rows);
    if (collect) (collected[name] as unknown[]).push(...rows);
  };
  const emitMessages = (msgs: Message[]) => {
    allMessages.push(...msgs);
    const rows = checkRows(msgs);
    counts.checks += rows.length;
    emit('checks', rows as never[]);
  };

  const texts = new TextWriter(opts.outDir);
  const drained = () => Promise.all([...streams.map((st) => st.drained()), envelopes?.drained(), texts.drained()]);

  /** Results are taken in input order, whatever order the workers finish in: runs are reproducible. */
  const handle = (r: ReportTaskResult) => {
    bytes += r.bytes;
    if (!r.ok || !r.rows) {
      const e = r.messages.find((m) => m.severity === 'error');
      failures.push({ sourceFile: r.sourceFile, ruleId: e?.ruleId ?? 'not_inspection_report', message: e?.message ?? 'not a report' });
    } else {
      counts.reports++;
      if (r.reused) counts.reused++;
      reports.push(...r.rows.reports);
      ratings.push(...r.rows.ratings);
      keyQuestions.push(...r.rows.key_questions);
      metas.push(r.meta!);
      themeCounter.addCounts(r.themeCounts!);
      recurring.addItems(r.recurring);
      for (const name of ['findings', 'quantities', 'finding_themes'] as const) {
        const st = streamOf(name);
        if (st && r.streamed) {
          const { bytes: b, parts } = r.streamed;
          st.writeEncoded(b.subarray(...parts[name].csv), b.subarray(...parts[name].json), parts[name].count);
        } else if (st && r.full) st.write(r.full[name] as never[]);
        if (collect && r.full) (collected[name] as unknown[]).push(...r.full[name]);
      }
      if (r.streamed) envelopes?.append(r.reportId, r.streamed.bytes.subarray(...r.streamed.envelopes));
      if (r.streamed?.text) texts.write(r.reportId, r.streamed.bytes.subarray(...r.streamed.text));
      counts.findings += r.counts.findings;
      counts.quantities += r.counts.quantities;
      counts.themeTags += r.counts.themeTags;
      manifestEntries.push({ reportId: r.reportId, sourceFile: r.sourceFile, inputSha256: r.rows.reports[0]!.source_sha256 });
    }
    emitMessages(r.messages);
    opts.onReport?.({
      sourceFile: r.sourceFile,
      reportId: r.ok ? r.reportId : null,
      ok: r.ok,
      reused: r.reused,
      nFindings: r.counts.findings,
      nQuantities: r.counts.quantities,
      messages: r.messages,
      bytes: r.bytes,
    });
  };

  try {
    const seen = new Map<string, number>();
    const inFlight: { task: ReportTask; result: Promise<ReportTaskResult> }[] = [];
    /** The oldest report in flight, taken in input order; a report whose id an earlier one has is done again under a numbered id. */
    const takeNext = async () => {
      if (opts.signal?.aborted) throw new InterruptedError();
      const { task, result } = inFlight.shift()!;
      let r = await result;
      if (r.ingested) {
        const n = (seen.get(r.reportId) ?? 0) + 1;
        seen.set(r.reportId, n);
        if (n > 1) r = await runTask({ ...task, rename: { reportId: `${r.reportId}-${n}` } });
      }
      handle(r);
      await drained();
    };
    // Enough reports in flight to keep every worker busy (and, inline, to overlap file writes).
    const window = Math.max(8, nWorkers * 4);
    for (const file of files) {
      const task: ReportTask = { file, sourceFile: display(file), outDir: opts.outDir, themesPath: opts.themesPath, taxonomyId, write, collect };
      inFlight.push({ task, result: runTask(task) });
      while (inFlight.length >= window) await takeNext();
    }
    while (inFlight.length) await takeNext();
  } catch (err) {
    await Promise.all([...streams.map((s) => s.abort()), envelopes?.abort(), texts.close().catch(() => undefined)]);
    throw err;
  } finally {
    await pool?.destroy();
  }

  if (recurring.sampled < 1) {
    const sink = new MessageSink('compare');
    sink.warn('recurring_sampled', `the corpus has too many distinct findings to cluster whole: recurring findings come from a consistent sample of ${(recurring.sampled * 100).toFixed(1)}% of them`);
    emitMessages(sink.list);
  }
  opts.onPhase?.(`clustering recurring findings (${recurring.distinct} distinct texts) and building the cross-report datasets`);
  const cross = buildCrossReport({ reports, ratings, keyQuestions, metas, themeCounter, recurring, taxonomy });
  if (write) {
    opts.onPhase?.('writing the datasets');
    await Promise.all(streams.map((s) => s.close()));
    await texts.close();
    await envelopes!.commit();
    await writeCrossReport(opts.outDir, cross, { bom: opts.bom, counts: Object.fromEntries(streams.map((s) => [s.name, s.count])) });
    await writeManifests(opts.outDir, manifestEntries, failures);
  }
  const datasets: Datasets = { ...cross, ...collected };
  if (write && (opts.publish ?? true) && counts.findings > MAX_PUBLISHED_FINDINGS) {
    const sink = new MessageSink('publish');
    sink.warn('publish_skipped', `${counts.findings} findings are more than a workbook or a page can show (${MAX_PUBLISHED_FINDINGS}): the XLSX and index.html were not written; the CSVs hold everything`);
    allMessages.push(...sink.list);
  } else if (write && (opts.publish ?? true)) {
    opts.onPhase?.('writing the workbook and the dashboard page');
    // Rows that were only streamed are read back for the workbook and the page.
    const full = collect ? datasets : { ...datasets, ...(await readStreamed(opts.outDir)) };
    await publish(opts.outDir, full, taxonomy);
  }
  const hasError = failures.length > 0 || allMessages.some((m) => m.severity === 'error');
  return { datasets, counts, failures, messages: allMessages, exitCode: hasError ? 1 : 0, taxonomy, bytes };
}

/** The run was stopped by its AbortSignal before it finished. */
export class InterruptedError extends Error {
  constructor() {
    super('interrupted: the datasets and stage outputs were left as they were');
    this.name = 'InterruptedError';
  }
}

/** Temporary files are named `.<name>.<pid>[.<thread>.<n>].tmp` (see writeFileAtomic, DatasetStream, EnvelopeWriter). */
const TEMP_NAME = /^\..+?\.(\d+)(?:\.\d+\.\d+)?\.tmp$/;

/**
 * Temporary files of runs that were killed before they could clean up (a process that no longer
 * exists): removed, so that an output folder holds only finished files. Those of a run still
 * going are left alone.
 */
async function removeOrphanedTemps(outDir: string): Promise<void> {
  for (const dir of [outDir, join(outDir, 'stages'), join(outDir, 'texts')]) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = TEMP_NAME.exec(name);
      if (m && !isRunning(Number(m[1]))) await rm(join(dir, name), { force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Where the previous run's envelopes of each report are, when that run's outputs may be reused. */
async function reusable(outDir: string): Promise<RunContext['previous']> {
  const manifest = await readManifest(outDir, 'themes');
  if (manifest?.pipelineVersion !== PIPELINE_VERSION) return {};
  const store = await EnvelopeStore.open(outDir);
  store.close();
  const out: RunContext['previous'] = {};
  for (const r of manifest.reports) {
    const at = store.location(r.reportId);
    if (at) out[r.reportId] = { inputSha256: r.inputSha256, ...at };
  }
  return out;
}

/**
 * Writes the canonical texts (texts/<report_id>.txt) a few at a time, off this thread's way:
 * creating a file can block for a millisecond, so the writes are asynchronous, bounded by
 * p-limit, and the run waits only when too many are queued.
 */
class TextWriter {
  private readonly limit = pLimit(IO_CONCURRENCY);
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(private readonly outDir: string) {}

  write(reportId: string, text: Uint8Array): void {
    const p = this.limit(() => writeFileAtomic(join(this.outDir, 'texts', `${reportId}.txt`), text)).catch((err: unknown) => {
      this.failure ??= err;
    });
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  async drained(): Promise<void> {
    while (this.pending.size > MAX_QUEUED_WRITES) await Promise.race(this.pending);
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failure) throw this.failure;
  }
}

/** The module-loading flags of this process (workers refuse others), with tsx's loader added if missing. */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (/^--(import|loader|experimental-loader|require)=/.test(a)) out.push(a);
    else if (/^(--import|--loader|--experimental-loader|--require|-r)$/.test(a) && argv[i + 1]) out.push(a, argv[++i]!);
  }
  return out.some((a) => a.includes('tsx')) ? out : [...out, '--import', 'tsx'];
}

async function readStreamed(outDir: string): Promise<Pick<Datasets, keyof typeof STREAMED>> {
  const read = async (name: string) => JSON.parse(await readFile(join(outDir, `${name}.json`), 'utf8'));
  return { findings: await read('findings'), quantities: await read('quantities'), finding_themes: await read('finding_themes'), checks: await read('checks') };
}

async function writeManifests(outDir: string, entries: { reportId: string; sourceFile: string; inputSha256: string }[], failures: RunResult['failures']): Promise<void> {
  const ids = new Set(entries.map((e) => e.reportId));
  for (const stage of ['ingest', 'segment', 'extract', 'themes'] as StageName[]) {
    await writeManifest(outDir, { schema: 'manifest@1', stage, pipelineVersion: PIPELINE_VERSION, reports: entries, failures });
  }
  await removeStale(join(outDir, 'texts'), ids, '.txt');
  await writeFileAtomic(join(outDir, 'run.json'), toJson({ pipelineVersion: PIPELINE_VERSION, reports: entries.length, failures }));
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
