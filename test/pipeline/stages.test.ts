import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { runCompareStage, runExtractStage, runIngestStage, runSegmentStage, runThemesStage } from '../../src/pipeline/stages.ts';
import { readEnvelope } from '../../src/pipeline/envelope-store.ts';
import { SEEDS_DIR } from '../helpers/seeds.ts';

// The stage scripts in pipelines/ re-run one stage from the previous stage's persisted output.
describe('stages run one by one', () => {
  const staged = mkdtempSync(join(tmpdir(), 'if-stages-'));
  const whole = mkdtempSync(join(tmpdir(), 'if-whole-'));

  beforeAll(async () => {
    await runIngestStage([SEEDS_DIR], staged);
    await runSegmentStage(staged);
    await runExtractStage(staged);
    await runThemesStage(staged);
    await runCompareStage(staged);
    await runPipeline({ inputs: [SEEDS_DIR], outDir: whole, workers: 1, publish: false });
  }, 120_000);

  it.each(['reports', 'ratings', 'key_questions', 'findings', 'quantities', 'finding_themes', 'checks', 'ratings_matrix', 'key_question_matrix', 'theme_matrix', 'recurring_findings', 'datapackage'])(
    '%s is the same as a whole run',
    (name) => {
      const file = name === 'datapackage' ? 'datapackage.json' : `${name}.csv`;
      expect(readFileSync(join(staged, file), 'utf8')).toBe(readFileSync(join(whole, file), 'utf8'));
    },
  );

  it('writes versioned envelopes that validate when read back', async () => {
    const env = await readEnvelope(staged, 'segment', 'gwent-pdu-2025');
    expect(env.schema).toBe('segment@2');
    expect(env.data.findings).toHaveLength(98);
  });

  it('persists a quote only where it differs from the text, and restores it on reading', async () => {
    const line = readFileSync(join(staged, 'stages', 'reports.jsonl'), 'utf8').split('\n').find((l) => l.startsWith('{"reportId":"gwent-pdu-2025"'))!;
    const raw = JSON.parse(line).segment.data.findings as { quote?: string; text: string }[];
    const kept = raw.filter((f) => f.quote !== undefined);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(raw.length / 4);
    for (const f of kept) expect(f.quote).not.toBe(f.text);
    const text = readFileSync(join(staged, 'texts', 'gwent-pdu-2025.txt'), 'utf8');
    const env = await readEnvelope(staged, 'segment', 'gwent-pdu-2025');
    for (const f of env.data.findings) expect(f.quote).toBe(text.slice(f.start, f.end));
  });

  it('refuses an envelope of another schema version with a clear error', async () => {
    const path = join(staged, 'stages', 'reports.jsonl');
    // Edited in place, same length: the index still points at the line.
    const lines = readFileSync(path, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.startsWith('{"reportId":"gwent-pdu-2025"'));
    lines[i] = lines[i]!.replace('"schema":"extract@1"', '"schema":"extract@0"');
    writeFileSync(path, lines.join('\n'));
    await expect(readEnvelope(staged, 'extract', 'gwent-pdu-2025')).rejects.toThrow(/not a valid extract output.*schema/);
  });

  it('finds every report again when the index is missing', async () => {
    rmSync(join(staged, 'stages', 'reports.index.json'));
    const env = await readEnvelope(staged, 'segment', 'cardiff-and-the-vale-pdu-2025');
    expect(env.reportId).toBe('cardiff-and-the-vale-pdu-2025');
    await expect(readEnvelope(staged, 'extract', 'gwent-pdu-2025')).rejects.toThrow(/not a valid extract output/);
    await expect(readEnvelope(staged, 'segment', 'nowhere-pdu-2025')).rejects.toThrow(/holds no output for nowhere-pdu-2025/);
  });

  it('refuses a canonical text edited after ingest', async () => {
    writeFileSync(join(staged, 'texts', 'gwent-pdu-2025.txt'), 'edited');
    await expect(runSegmentStage(staged)).rejects.toThrow(/changed after ingest/);
  });
});
