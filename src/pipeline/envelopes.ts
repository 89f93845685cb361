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

/** Envelopes are machine outputs, written compact: they are the bulk of a run's bytes. */
export async function writeEnvelope<S extends StageName>(outDir: string, stage: S, env: StageEnvelope<S>): Promise<void> {
  await writeFileAtomic(join(stageDir(outDir, stage), `${env.reportId}.json`), JSON.stringify(env) + '\n');
}

export function writeEnvelopeSync<S extends StageName>(outDir: string, stage: S, env: StageEnvelope<S>): void {
  writeFileAtomicSync(join(stageDir(outDir, stage), `${env.reportId}.json`), JSON.stringify(env) + '\n');
}

/** Read and validate a persisted envelope; a stale or hand-edited file fails with the reason. */
export async function readEnvelope<S extends StageName>(outDir: string, stage: S, reportId: string): Promise<StageEnvelope<S>> {
  const path = join(stageDir(outDir, stage), `${reportId}.json`);
  const raw = JSON.parse(await readFile(path, 'utf8'));
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
