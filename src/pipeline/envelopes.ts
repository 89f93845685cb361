import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic, writeFileAtomicSync, toJson } from '../core/files.ts';
import { ReportDocument } from '../schema/document.ts';
import { Envelope } from '../schema/envelope.ts';
import { Quantity } from '../schema/quantity.ts';
import { FindingTheme } from '../schema/theme.ts';

/** The canonical text itself is in texts/<report_id>.txt; the envelope holds its hash. */
export const IngestData = z.object({
  sourceFile: z.string(),
  format: z.enum(['text', 'html']),
  encoding: z.string(),
  textFile: z.string(),
  textSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const STAGES = {
  ingest: Envelope('ingest@1', IngestData),
  segment: Envelope('segment@1', ReportDocument),
  extract: Envelope('extract@1', z.object({ quantities: z.array(Quantity) })),
  themes: Envelope('themes@1', z.object({ taxonomy: z.string(), tags: z.array(FindingTheme) })),
} as const;
export type StageName = keyof typeof STAGES;
export type StageEnvelope<S extends StageName> = z.infer<(typeof STAGES)[S]>;

export const Manifest = z.object({
  schema: z.literal('manifest@1'),
  stage: z.string(),
  pipelineVersion: z.string(),
  reports: z.array(z.object({ reportId: z.string(), sourceFile: z.string(), inputSha256: z.string() })),
  failures: z.array(z.object({ sourceFile: z.string(), ruleId: z.string(), message: z.string() })),
});
export type Manifest = z.infer<typeof Manifest>;

export function stageDir(outDir: string, stage: string): string {
  return join(outDir, 'stages', stage);
}

const STAGE_ORDER: StageName[] = ['ingest', 'segment', 'extract', 'themes'];

/**
 * A report's envelopes, one per stage, are kept together in `stages/reports/<report_id>.json`
 * (`{ingest: {...}, segment: {...}, ...}`): one file a report instead of one a stage, since
 * creating files is what a run spends most on after the analysis itself. Each envelope keeps its
 * own schema name, input hash and pipeline version.
 */
export function envelopeFile(outDir: string, reportId: string): string {
  return join(outDir, 'stages', 'reports', `${reportId}.json`);
}

/** Envelopes are machine outputs, written compact: they are the bulk of a run's bytes. */
function serialise(envs: Partial<{ [S in StageName]: StageEnvelope<S> }>): string {
  const ordered: Record<string, unknown> = {};
  for (const st of STAGE_ORDER) if (envs[st]) ordered[st] = envs[st];
  return JSON.stringify(ordered) + '\n';
}

/** Write every stage's envelope of one report at once (a whole run does this). */
export function writeEnvelopesSync(outDir: string, reportId: string, envs: { [S in StageName]: StageEnvelope<S> }): void {
  writeFileAtomicSync(envelopeFile(outDir, reportId), serialise(envs));
}

/**
 * Write one stage's envelope (a stage run on its own): the envelopes of earlier stages are kept,
 * those of later stages dropped, since they were made from what this stage replaces.
 */
export async function writeEnvelope<S extends StageName>(outDir: string, stage: S, env: StageEnvelope<S>): Promise<void> {
  const path = envelopeFile(outDir, env.reportId);
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    current = {};
  }
  const keep: Record<string, unknown> = {};
  for (const st of STAGE_ORDER.slice(0, STAGE_ORDER.indexOf(stage))) if (current[st]) keep[st] = current[st];
  await writeFileAtomic(path, serialise({ ...(keep as object), [stage]: env }));
}

/** Read and validate a persisted envelope; a stale or hand-edited file fails with the reason. */
export async function readEnvelope<S extends StageName>(outDir: string, stage: S, reportId: string): Promise<StageEnvelope<S>> {
  const path = envelopeFile(outDir, reportId);
  const raw = (JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>)[stage];
  if (raw === undefined) throw new Error(`${path} holds no ${stage} output; run the ${stage} stage`);
  const parsed = STAGES[stage].safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${path} is not a valid ${stage} output (${first.join('; ')}); re-run the ${stage} stage`);
  }
  return parsed.data as StageEnvelope<S>;
}

export async function readManifest(outDir: string, stage: string): Promise<Manifest | null> {
  try {
    const parsed = Manifest.safeParse(JSON.parse(await readFile(join(stageDir(outDir, stage), 'manifest.json'), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeManifest(outDir: string, m: Manifest): Promise<void> {
  await writeFileAtomic(join(stageDir(outDir, m.stage), 'manifest.json'), toJson(m));
}
