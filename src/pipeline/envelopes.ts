import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic, toJson } from '../core/files.ts';
import { ReportDocument } from '../schema/document.ts';
import { Envelope } from '../schema/envelope.ts';
import { Quantity } from '../schema/quantity.ts';
import { FindingTheme } from '../schema/theme.ts';
import { SourceFormat } from '../schema/report.ts';

/** The canonical text itself is in texts/<report_id>.txt; the envelope holds its hash. */
export const IngestData = z.object({
  sourceFile: z.string(),
  format: SourceFormat,
  encoding: z.string(),
  textFile: z.string(),
  textSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * The document as persisted: a finding's `quote` is left out when it is the same as its `text`
 * (as it is for nearly every finding), since the findings are most of an envelope's bytes;
 * reading restores it before the document is validated.
 */
const PersistedDocument = z.preprocess((raw) => {
  const findings = (raw as { findings?: unknown } | null)?.findings;
  if (Array.isArray(findings)) for (const f of findings as Record<string, unknown>[]) if (f && typeof f === 'object' && f.quote === undefined) f.quote = f.text;
  return raw;
}, ReportDocument);

/** The document in its persisted form (see PersistedDocument). */
export function compactDocument(doc: ReportDocument): ReportDocument {
  return { ...doc, findings: doc.findings.map((f) => (f.quote === f.text ? (({ quote: _, ...rest }) => rest)(f) : f)) as ReportDocument['findings'] };
}

export const STAGES = {
  ingest: Envelope('ingest@1', IngestData),
  segment: Envelope('segment@2', PersistedDocument),
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

export const STAGE_ORDER: StageName[] = ['ingest', 'segment', 'extract', 'themes'];

export type StageEnvelopes = Partial<{ [S in StageName]: StageEnvelope<S> }>;

/**
 * Validate one stage's envelope as read back from `where` (a file, a report); a stale or
 * hand-edited envelope fails with the reason.
 */
export function parseStage<S extends StageName>(stage: S, raw: unknown, where: string): StageEnvelope<S> {
  if (raw === undefined) throw new Error(`${where} holds no ${stage} output; run the ${stage} stage`);
  const parsed = STAGES[stage].safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${where} is not a valid ${stage} output (${first.join('; ')}); re-run the ${stage} stage`);
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
