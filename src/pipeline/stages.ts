/**
 * Each stage on its own: read the previous stage's persisted envelopes, run, write its own.
 * The scripts in pipelines/ are thin wrappers over these, so a user can re-run one stage.
 */
import { join, relative, basename } from 'node:path';
import { readFile } from 'node:fs/promises';
import { expandInputs, sha256, writeFileAtomic } from '../core/files.ts';
import { ingestFile, type IngestedReport } from '../ingest/ingest-file.ts';
import type { Message } from '../schema/message.ts';
import { loadTaxonomy } from '../themes/load-taxonomy.ts';
import { buildDatasets, writeDatasets } from '../publish/datasets.ts';
import { STAGE_ORDER, compactDocument, readManifest, writeManifest, type Manifest, type StageEnvelope, type StageEnvelopes, type StageName } from './envelopes.ts';
import { EnvelopeStore, EnvelopeWriter, envelopeLine } from './envelope-store.ts';
import { extractStage, segmentStage, themesStage, type ProcessedReport } from './process-report.ts';
import { PIPELINE_VERSION } from './version.ts';

export interface StageSummary {
  stage: string;
  reports: number;
  failures: Manifest['failures'];
  messages: Message[];
}

const base = (r: IngestedReport) => ({ reportId: r.reportId, inputSha256: r.sourceSha256, pipelineVersion: PIPELINE_VERSION });

async function manifestOf(outDir: string, stage: StageName): Promise<Manifest> {
  const m = await readManifest(outDir, stage);
  if (!m) throw new Error(`no ${stage} output in ${outDir}: run the ${stage} stage first`);
  if (m.pipelineVersion !== PIPELINE_VERSION) throw new Error(`the ${stage} output in ${outDir} was written by pipeline ${m.pipelineVersion}, this is ${PIPELINE_VERSION}: run it again`);
  return m;
}

function ingestedOf(outDir: string, store: EnvelopeStore, reportId: string): Promise<IngestedReport> {
  return ingestedFrom(outDir, store.read('ingest', reportId));
}

async function ingestedFrom(outDir: string, env: StageEnvelope<'ingest'>): Promise<IngestedReport> {
  const text = await readFile(join(outDir, env.data.textFile), 'utf8');
  if (sha256(text) !== env.data.textSha256) throw new Error(`${env.data.textFile} was changed after ingest: run the ingest stage again`);
  return { reportId: env.reportId, sourceFile: env.data.sourceFile, sourceSha256: env.inputSha256, format: env.data.format, encoding: env.data.encoding, text };
}

/**
 * Run one stage over the reports of the envelope file, rewriting it: each report keeps the
 * envelopes of earlier stages and gets this stage's (when `make` gives one); those of later
 * stages are dropped, since they were made from what this stage replaces.
 */
async function rewriteStage<S extends StageName>(
  outDir: string,
  stage: S,
  make: (reportId: string, store: EnvelopeStore) => Promise<StageEnvelope<S> | null>,
): Promise<void> {
  const store = await EnvelopeStore.open(outDir);
  const writer = await EnvelopeWriter.open(outDir);
  try {
    for (const id of store.ids) {
      const all = store.readAll(id)!;
      const keep: Record<string, unknown> = {};
      for (const st of STAGE_ORDER.slice(0, STAGE_ORDER.indexOf(stage))) if (all[st] !== undefined) keep[st] = all[st];
      const env = await make(id, store);
      writer.append(id, envelopeLine(id, { ...(keep as StageEnvelopes), ...(env ? { [stage]: env } : {}) }));
      await writer.drained();
    }
    await writer.commit();
  } catch (err) {
    await writer.abort();
    throw err;
  } finally {
    store.close();
  }
}

export async function runIngestStage(inputs: string[], outDir: string): Promise<StageSummary> {
  const files = await expandInputs(inputs);
  const failures: Manifest['failures'] = [];
  const messages: Message[] = [];
  const reports: IngestedReport[] = [];
  const seen = new Map<string, number>();
  const writer = await EnvelopeWriter.open(outDir);
  try {
    for (const f of files) {
      const r = await ingestFile(f, relative(process.cwd(), f) || basename(f));
      messages.push(...r.messages);
      if (!r.ok) {
        const e = r.messages.find((m) => m.severity === 'error')!;
        failures.push({ sourceFile: e.file ?? f, ruleId: e.ruleId, message: e.message });
        continue;
      }
      const n = (seen.get(r.report.reportId) ?? 0) + 1;
      seen.set(r.report.reportId, n);
      if (n > 1) r.report.reportId = `${r.report.reportId}-${n}`;
      reports.push(r.report);
      await writeFileAtomic(join(outDir, 'texts', `${r.report.reportId}.txt`), r.report.text);
      writer.append(
        r.report.reportId,
        envelopeLine(r.report.reportId, {
          ingest: {
            schema: 'ingest@1',
            ...base(r.report),
            data: { sourceFile: r.report.sourceFile, format: r.report.format, encoding: r.report.encoding, textFile: `texts/${r.report.reportId}.txt`, textSha256: sha256(r.report.text) },
            messages: r.messages,
          },
        }),
      );
      await writer.drained();
    }
    await writer.commit();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writeManifest(outDir, manifest('ingest', reports, failures));
  return { stage: 'ingest', reports: reports.length, failures, messages };
}

function manifest(stage: StageName, reports: IngestedReport[], failures: Manifest['failures']): Manifest {
  return {
    schema: 'manifest@1',
    stage,
    pipelineVersion: PIPELINE_VERSION,
    reports: reports.map((r) => ({ reportId: r.reportId, sourceFile: r.sourceFile, inputSha256: r.sourceSha256 })),
    failures,
  };
}

export async function runSegmentStage(outDir: string): Promise<StageSummary> {
  const m = await manifestOf(outDir, 'ingest');
  const todo = new Set(m.reports.map((r) => r.reportId));
  const ok: IngestedReport[] = [];
  const failures = [...m.failures];
  const messages: Message[] = [];
  await rewriteStage(outDir, 'segment', async (id, store) => {
    if (!todo.has(id)) return null;
    const rep = await ingestedOf(outDir, store, id);
    const seg = segmentStage(rep);
    messages.push(...seg.messages);
    if (!seg.doc) {
      const e = seg.messages.find((x) => x.severity === 'error');
      failures.push({ sourceFile: rep.sourceFile, ruleId: e?.ruleId ?? 'not_inspection_report', message: e?.message ?? '' });
      return null;
    }
    ok.push(rep);
    return { schema: 'segment@2', ...base(rep), data: compactDocument(seg.doc), messages: seg.messages };
  });
  await writeManifest(outDir, manifest('segment', ok, failures));
  return { stage: 'segment', reports: ok.length, failures, messages };
}

export async function runExtractStage(outDir: string): Promise<StageSummary> {
  const m = await manifestOf(outDir, 'segment');
  const todo = new Set(m.reports.map((r) => r.reportId));
  const reps: IngestedReport[] = [];
  const messages: Message[] = [];
  await rewriteStage(outDir, 'extract', async (id, store) => {
    if (!todo.has(id)) return null;
    const rep = await ingestedOf(outDir, store, id);
    const ex = extractStage(rep, store.read('segment', id).data);
    messages.push(...ex.messages);
    reps.push(rep);
    return { schema: 'extract@1', ...base(rep), data: { quantities: ex.quantities }, messages: ex.messages };
  });
  await writeManifest(outDir, manifest('extract', reps, m.failures));
  return { stage: 'extract', reports: reps.length, failures: m.failures, messages };
}

export async function runThemesStage(outDir: string, themesPath?: string): Promise<StageSummary> {
  const taxonomy = loadTaxonomy(themesPath);
  const m = await manifestOf(outDir, 'segment');
  const todo = new Set(m.reports.map((r) => r.reportId));
  const reps: IngestedReport[] = [];
  await rewriteStage(outDir, 'themes', async (id, store) => {
    if (!todo.has(id)) return null;
    const rep = await ingestedOf(outDir, store, id);
    const th = themesStage(rep, store.read('segment', id).data, taxonomy);
    reps.push(rep);
    return { schema: 'themes@1', ...base(rep), data: { taxonomy: `${taxonomy.name}@${taxonomy.version}`, tags: th.tags }, messages: th.messages };
  });
  await writeManifest(outDir, manifest('themes', reps, m.failures));
  return { stage: 'themes', reports: reps.length, failures: m.failures, messages: [] };
}

/** Build and write every dataset from the persisted stage outputs. */
export async function runCompareStage(outDir: string, opts: { themesPath?: string; bom?: boolean } = {}): Promise<StageSummary> {
  const taxonomy = loadTaxonomy(opts.themesPath);
  const m = await manifestOf(outDir, 'themes');
  const processed: ProcessedReport[] = [];
  const ingestMessages = new Map<string, Message[]>();
  const store = await EnvelopeStore.open(outDir);
  try {
    for (const entry of m.reports) {
      const ing = store.read('ingest', entry.reportId);
      const rep = await ingestedFrom(outDir, ing);
      const seg = store.read('segment', entry.reportId);
      const ex = store.read('extract', entry.reportId);
      const th = store.read('themes', entry.reportId);
      ingestMessages.set(entry.reportId, ing.messages);
      processed.push({ report: rep, doc: seg.data, quantities: ex.data.quantities, tags: th.data.tags, messages: { segment: seg.messages, extract: ex.messages, themes: th.messages } });
    }
  } finally {
    store.close();
  }
  const failedMessages: Message[] = m.failures.map((f) => ({ ruleId: f.ruleId, severity: 'error', message: f.message, file: f.sourceFile, source: 'ingest' }));
  const datasets = buildDatasets(processed, ingestMessages, failedMessages, taxonomy);
  await writeDatasets(outDir, datasets, { bom: opts.bom });
  return { stage: 'compare', reports: processed.length, failures: m.failures, messages: [] };
}
