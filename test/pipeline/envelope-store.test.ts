import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvelopeStore, EnvelopeWriter, envelopeLine, envelopesPath, readLineAt } from '../../src/pipeline/envelope-store.ts';
import type { StageEnvelopes } from '../../src/pipeline/envelopes.ts';

const ingest = (reportId: string, note = '') => ({
  ingest: {
    schema: 'ingest@1',
    reportId,
    inputSha256: 'a'.repeat(64),
    pipelineVersion: 'test',
    data: { sourceFile: `${reportId}.txt${note}`, format: 'text', encoding: 'utf-8', textFile: `texts/${reportId}.txt`, textSha256: 'b'.repeat(64) },
    messages: [],
  },
}) as StageEnvelopes;

async function writeStore(dir: string, ids: string[]): Promise<void> {
  const w = await EnvelopeWriter.open(dir);
  // Non-ASCII text: offsets count bytes, not characters.
  for (const id of ids) w.append(id, envelopeLine(id, ingest(id, ' — café')));
  await w.commit();
}

describe('the envelope file and its index', () => {
  it('reads each report back by its byte range, in the order written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'if-env-'));
    await writeStore(dir, ['b-pdu-2025', 'a-pdu-2025', 'c-region-2025']);
    const store = await EnvelopeStore.open(dir);
    expect(store.ids).toEqual(['b-pdu-2025', 'a-pdu-2025', 'c-region-2025']);
    expect(store.read('ingest', 'a-pdu-2025').data.sourceFile).toBe('a-pdu-2025.txt — café');
    expect(readLineAt(dir, store.location('c-region-2025')!, 'c-region-2025')).toBe(envelopeLine('c-region-2025', ingest('c-region-2025', ' — café')));
    expect(readLineAt(dir, store.location('c-region-2025')!, 'a-pdu-2025')).toBeNull();
    expect(() => store.read('segment', 'a-pdu-2025')).toThrow(/holds no segment output/);
    store.close();
    expect(readdirSync(join(dir, 'stages')).sort()).toEqual(['reports.index.json', 'reports.jsonl']);
  });

  it('rebuilds the index by scanning when it is missing or does not match the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'if-env-'));
    await writeStore(dir, ['x-pdu-2025', 'y-pdu-2025']);
    const index = join(dir, 'stages', 'reports.index.json');
    rmSync(index);
    let store = await EnvelopeStore.open(dir);
    expect(store.ids).toEqual(['x-pdu-2025', 'y-pdu-2025']);
    expect(store.read('ingest', 'y-pdu-2025').reportId).toBe('y-pdu-2025');
    store.close();
    // An index of another file (the sizes differ) is not trusted.
    writeFileSync(index, JSON.stringify({ schema: 'envelope-index@1', bytes: 3, reports: [{ reportId: 'x-pdu-2025', offset: 0, length: 3 }] }));
    writeFileSync(envelopesPath(dir), readFileSync(envelopesPath(dir), 'utf8') + envelopeLine('z-pdu-2025', ingest('z-pdu-2025')));
    store = await EnvelopeStore.open(dir);
    expect(store.ids).toEqual(['x-pdu-2025', 'y-pdu-2025', 'z-pdu-2025']);
    store.close();
  });

  it('scans lines longer than its read buffer and ignores an unfinished last line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'if-env-'));
    mkdirSync(join(dir, 'stages'), { recursive: true });
    const long = envelopeLine('long-pdu-2025', ingest('long-pdu-2025', 'x'.repeat(5_000_000)));
    writeFileSync(envelopesPath(dir), envelopeLine('first-pdu-2025', ingest('first-pdu-2025')) + long + '{"reportId":"cut-pdu-2025","ing');
    const store = await EnvelopeStore.open(dir);
    expect(store.ids).toEqual(['first-pdu-2025', 'long-pdu-2025']);
    expect(store.read('ingest', 'long-pdu-2025').data.sourceFile).toHaveLength('long-pdu-2025.txt'.length + 5_000_000);
    store.close();
  });

  it('is empty where nothing was written, and an aborted writer leaves the old file in place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'if-env-'));
    const empty = await EnvelopeStore.open(dir);
    expect(empty.ids).toEqual([]);
    expect(() => empty.read('ingest', 'a-pdu-2025')).toThrow(/holds no output for a-pdu-2025/);
    await writeStore(dir, ['kept-pdu-2025']);
    const before = readFileSync(envelopesPath(dir));
    const w = await EnvelopeWriter.open(dir);
    w.append('other-pdu-2025', envelopeLine('other-pdu-2025', ingest('other-pdu-2025')));
    await w.abort();
    expect(readFileSync(envelopesPath(dir)).equals(before)).toBe(true);
    expect(readdirSync(join(dir, 'stages')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('removes the one-file-a-report layout of earlier versions when it commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'if-env-'));
    mkdirSync(join(dir, 'stages', 'reports'), { recursive: true });
    writeFileSync(join(dir, 'stages', 'reports', 'old-pdu-2025.json'), '{}');
    await writeStore(dir, ['new-pdu-2025']);
    expect(existsSync(join(dir, 'stages', 'reports'))).toBe(false);
  });
});
