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
import { readEnvelope, readManifest, writeEnvelope, writeManifest, type Manifest, type StageName } from './envelopes.ts';
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

async function ingestedOf(outDir: string, reportId: string): Promise<IngestedReport> {
  const env = await readEnvelope(outDir, 'ingest', reportId);
  const text = await readFile(join(outDir, env.data.textFile), 'utf8');
  if (sha256(text) !== env.data.textSha256) throw new Error(`${env.data.textFile} was changed after ingest: run the ingest stage again`);
  return { reportId, sourceFile: env.data.sourceFile, sourceSha256: env.inputSha256, format: env.data.format, encoding: env.data.encoding, text };
}

export async function runIngestStage(inputs: string[], outDir: string): Promise<StageSummary> {
  const files = await expandInputs(inputs);
  const failures: Manifest['failures'] = [];
  const messages: Message[] = [];
  const reports: IngestedReport[] = [];
  const seen = new Map<string, number>();
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
    await writeEnvelope(outDir, 'ingest', {
      schema: 'ingest@1',
      ...base(r.report),
      data: { sourceFile: r.report.sourceFile, format: r.report.format, encoding: r.report.encoding, textFile: `texts/${r.report.reportId}.txt`, textSha256: sha256(r.report.text) },
      messages: r.messages,
    });
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
  const ok: IngestedReport[] = [];
  const failures = [...m.failures];
  const messages: Message[] = [];
  for (const entry of m.reports) {
    const rep = await ingestedOf(outDir, entry.reportId);
    const seg = segmentStage(rep);
    messages.push(...seg.messages);
    if (!seg.doc) {
      const e = seg.messages.find((x) => x.severity === 'error');
      failures.push({ sourceFile: rep.sourceFile, ruleId: e?.ruleId ?? 'not_inspection_report', message: e?.message ?? '' });
      continue;
    }
    await writeEnvelope(outDir, 'segment', { schema: 'segment@1', ...base(rep), data: seg.doc, messages: seg.messages });
    ok.push(rep);
  }
  await writeManifest(outDir, manifest('segment', ok, failures));
  return { stage: 'segment', reports: ok.length, failures, messages };
}

export async function runExtractStage(outDir: string): Promise<StageSummary> {
  const m = await manifestOf(outDir, 'segment');
  const reps: IngestedReport[] = [];
  const messages: Message[] = [];
  for (const entry of m.reports) {
    const rep = await ingestedOf(outDir, entry.reportId);
    const seg = await readEnvelope(outDir, 'segment', entry.reportId);
    const ex = extractStage(rep, seg.data);
    messages.push(...ex.messages);
    await writeEnvelope(outDir, 'extract', { schema: 'extract@1', ...base(rep), data: { quantities: ex.quantities }, messages: ex.messages });
    reps.push(rep);
  }
  await writeManifest(outDir, manifest('extract', reps, m.failures));
  return { stage: 'extract', reports: reps.length, failures: m.failures, messages };
}

export async function runThemesStage(outDir: string, themesPath?: string): Promise<StageSummary> {
  const taxonomy = loadTaxonomy(themesPath);
  const m = await manifestOf(outDir, 'segment');
  const reps: IngestedReport[] = [];
  for (const entry of m.reports) {
    const rep = await ingestedOf(outDir, entry.reportId);
    const seg = await readEnvelope(outDir, 'segment', entry.reportId);
    const th = themesStage(rep, seg.data, taxonomy);
    await writeEnvelope(outDir, 'themes', { schema: 'themes@1', ...base(rep), data: { taxonomy: `${taxonomy.name}@${taxonomy.version}`, tags: th.tags }, messages: th.messages });
    reps.push(rep);
  }
  await writeManifest(outDir, manifest('themes', reps, m.failures));
  return { stage: 'themes', reports: reps.length, failures: m.failures, messages: [] };
}

/** Build and write every dataset from the persisted stage outputs. */
export async function runCompareStage(outDir: string, opts: { themesPath?: string; bom?: boolean } = {}): Promise<StageSummary> {
  const taxonomy = loadTaxonomy(opts.themesPath);
  const m = await manifestOf(outDir, 'themes');
  const processed: ProcessedReport[] = [];
  const ingestMessages = new Map<string, Message[]>();
  for (const entry of m.reports) {
    const ing = await readEnvelope(outDir, 'ingest', entry.reportId);
    const rep = await ingestedOf(outDir, entry.reportId);
    const seg = await readEnvelope(outDir, 'segment', entry.reportId);
    const ex = await readEnvelope(outDir, 'extract', entry.reportId);
    const th = await readEnvelope(outDir, 'themes', entry.reportId);
    ingestMessages.set(entry.reportId, ing.messages);
    processed.push({ report: rep, doc: seg.data, quantities: ex.data.quantities, tags: th.data.tags, messages: { segment: seg.messages, extract: ex.messages, themes: th.messages } });
  }
  const failedMessages: Message[] = m.failures.map((f) => ({ ruleId: f.ruleId, severity: 'error', message: f.message, file: f.sourceFile, source: 'ingest' }));
  const datasets = buildDatasets(processed, ingestMessages, failedMessages, taxonomy);
  await writeDatasets(outDir, datasets, { bom: opts.bom });
  return { stage: 'compare', reports: processed.length, failures: m.failures, messages: [] };
}
