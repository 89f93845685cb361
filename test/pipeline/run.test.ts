import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InterruptedError, runPipeline, type RunResult } from '../../src/pipeline/run-pipeline.ts';
import { SEEDS_DIR } from '../helpers/seeds.ts';

const SEEDS = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt'));

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('a run over the seeds and a folder of bad inputs', () => {
  const root = mkdtempSync(join(tmpdir(), 'if-run-'));
  const inputs = join(root, 'in');
  const out = join(root, 'out');
  let result: RunResult;

  beforeAll(async () => {
    mkdirSync(join(inputs, 'nested'), { recursive: true });
    for (const f of SEEDS) copyFileSync(join(SEEDS_DIR, f), join(inputs, f));
    writeFileSync(join(inputs, 'empty.txt'), '');
    writeFileSync(join(inputs, 'nested', 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
    writeFileSync(join(inputs, 'shopping.txt'), 'Shopping list\n\nEggs, milk and bread.\n');
    const gwent = readFileSync(join(SEEDS_DIR, 'gwent-pdu-2025.txt'), 'utf8');
    writeFileSync(join(inputs, 'truncated.txt'), gwent.slice(0, Math.floor(gwent.length * 0.45)).replace(/Gwent/g, 'Truncshire'));
    // The same report saved in Windows-1252: decoded with a warning, processed.
    const cwm = readFileSync(join(SEEDS_DIR, 'cwm-taf-morgannwg-pdu-2025.txt'), 'utf8').replace(/Cwm Taf Morgannwg/g, 'Latinshire').replace('Martin Jones CBE', 'Martin Jones CBE, café');
    const cp1252 = Buffer.from(cwm.replace(/[‘’]/g, "'").replace(/[^\x00-\xff]/g, '?'), 'latin1');
    writeFileSync(join(inputs, 'nested', 'latin.txt'), cp1252);
    result = await runPipeline({ inputs: [inputs], outDir: out, workers: 1 });
  }, 120_000);

  it('names every failed input with its reason and says the run failed', () => {
    expect(result.exitCode).toBe(1);
    const byFile = Object.fromEntries(result.failures.map((f) => [f.sourceFile.replace(/.*\/in\//, ''), f.ruleId]));
    expect(byFile).toEqual({ 'empty.txt': 'empty_file', 'nested/binary.txt': 'binary_file', 'shopping.txt': 'not_inspection_report' });
    const checks = readFileSync(join(out, 'checks.csv'), 'utf8');
    for (const rule of ['empty_file', 'binary_file', 'not_inspection_report', 'truncated_report', 'decoded_windows_1252']) expect(checks).toContain(rule);
  });

  it('still processes and writes every other report', () => {
    const ids = result.datasets.reports.map((r) => r.report_id);
    expect(ids).toEqual(['cardiff-and-the-vale-pdu-2025', 'cwm-taf-morgannwg-pdu-2025', 'gwent-pdu-2025', 'latinshire-pdu-2025', 'truncshire-pdu-2025', 'wales-region-2025']);
    for (const id of ids) expect(readFileSync(join(out, 'texts', `${id}.txt`), 'utf8').length).toBeGreaterThan(1000);
    const latin = result.datasets.findings.filter((f) => f.report_id === 'latinshire-pdu-2025');
    expect(latin).toHaveLength(77);
  });

  it('leaves no temporary or partial file behind', () => {
    expect(listFiles(out).filter((f) => /\.tmp$|\/\./.test(f) || f.startsWith('.'))).toEqual([]);
  });

  it('writes every dataset as CSV and JSON', () => {
    for (const name of ['reports', 'ratings', 'key_questions', 'findings', 'quantities', 'finding_themes', 'checks', 'ratings_matrix', 'key_question_matrix', 'theme_matrix', 'recurring_findings']) {
      expect(readFileSync(join(out, `${name}.csv`), 'utf8').split('\r\n')[0]!.length).toBeGreaterThan(5);
      expect(() => JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8'))).not.toThrow();
    }
    const json = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
    expect(json).toEqual(result.datasets.findings);
  });
});

describe('provenance and determinism on the seeds', () => {
  const a = mkdtempSync(join(tmpdir(), 'if-a-'));
  const b = mkdtempSync(join(tmpdir(), 'if-b-'));
  let ra: RunResult;

  beforeAll(async () => {
    ra = await runPipeline({ inputs: [SEEDS_DIR], outDir: a, workers: 1 });
    await runPipeline({ inputs: [SEEDS_DIR], outDir: b, workers: 2 });
  }, 180_000);

  it('every record with offsets quotes its span of the canonical text', () => {
    const text = (id: string) => readFileSync(join(a, 'texts', `${id}.txt`), 'utf8');
    const d = ra.datasets;
    let n = 0;
    for (const f of d.findings) {
      expect(text(f.report_id).slice(f.char_start, f.char_end)).toBe(f.quote);
      n++;
    }
    for (const q of d.quantities) {
      expect(text(q.report_id).slice(q.char_start, q.char_end)).toBe(q.raw);
      n++;
    }
    for (const k of d.key_questions) {
      expect(text(k.report_id).slice(k.char_start, k.char_end)).toContain(k.question.slice(0, 20));
      n++;
    }
    for (const r of d.ratings) {
      expect(text(r.report_id).slice(r.char_start, r.char_end)).toContain(r.rating);
      n++;
    }
    for (const c of d.checks.filter((x) => x.char_start !== null)) {
      expect(c.char_end! >= c.char_start!).toBe(true);
      n++;
    }
    expect(n).toBeGreaterThan(700);
    // theme evidence words are in their finding
    const byId = new Map(d.findings.map((f) => [f.finding_id, f]));
    for (const t of d.finding_themes) for (const e of t.evidence.split(';').filter((x) => !x.startsWith('section:'))) expect(byId.get(t.finding_id)!.quote.toLowerCase().replace(/\s+/g, ' ')).toContain(e.toLowerCase().replace(/\s+/g, ' '));
  });

  it('gives byte-identical outputs on two runs (1 and 2 workers)', () => {
    const fa = listFiles(a);
    expect(fa).toEqual(listFiles(b));
    expect(fa.length).toBeGreaterThan(30);
    for (const f of fa) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });

  it('reuses unchanged reports on a second run into the same folder, and redoes them with force', async () => {
    const again = await runPipeline({ inputs: [SEEDS_DIR], outDir: a, workers: 1 });
    expect(again.counts.reused).toBe(4);
    expect(JSON.stringify(again.datasets.findings)).toBe(JSON.stringify(ra.datasets.findings));
    const forced = await runPipeline({ inputs: [SEEDS_DIR], outDir: a, workers: 1, force: true });
    expect(forced.counts.reused).toBe(0);
  }, 120_000);
});

describe('a PDF run again', () => {
  const root = mkdtempSync(join(tmpdir(), 'if-pdf-'));
  const pdf = join(import.meta.dirname, '..', 'fixtures', 'pdf', 'gwent-pdu-2025.pdf');

  it('reuses its outputs without laying out its text again, unless the text kept was changed', async () => {
    const first = await runPipeline({ inputs: [pdf], outDir: root, workers: 1, publish: false });
    expect(first.counts).toMatchObject({ reports: 1, findings: 98, reused: 0 });
    const textFile = join(root, 'texts', 'gwent-pdu-2025.txt');
    const text = readFileSync(textFile, 'utf8');
    // A PDF is read again only when the text it gave is not at hand: a changed text file is not used.
    writeFileSync(textFile, text.replace('Foreword', 'Forward'));
    const tampered = await runPipeline({ inputs: [pdf], outDir: root, workers: 1, publish: false });
    expect(tampered.counts.reused).toBe(0);
    expect(readFileSync(textFile, 'utf8')).toBe(text);
    const again = await runPipeline({ inputs: [pdf], outDir: root, workers: 1, publish: false });
    expect(again.counts.reused).toBe(1);
    expect(JSON.stringify(again.datasets.findings)).toBe(JSON.stringify(first.datasets.findings));
  }, 120_000);
});

describe('two inputs with the same unit and year', () => {
  const root = mkdtempSync(join(tmpdir(), 'if-dup-'));
  const inputs = join(root, 'in');
  const out = join(root, 'out');
  let result: RunResult;

  beforeAll(async () => {
    mkdirSync(inputs, { recursive: true });
    copyFileSync(join(SEEDS_DIR, 'gwent-pdu-2025.txt'), join(inputs, 'a-gwent.txt'));
    copyFileSync(join(SEEDS_DIR, 'gwent-pdu-2025.txt'), join(inputs, 'b-gwent-copy.txt'));
    copyFileSync(join(SEEDS_DIR, 'wales-region-2025.txt'), join(inputs, 'c-wales.txt'));
    // Two workers, so that the copy may finish first: the first input keeps the plain id all the same.
    result = await runPipeline({ inputs: [inputs], outDir: out, workers: 2, publish: false });
  }, 120_000);

  it('keeps the first input under the plain id and numbers the next, with a warning naming the file', () => {
    expect(result.datasets.reports.map((r) => [r.report_id, r.source_file.split('/').pop()])).toEqual([
      ['gwent-pdu-2025', 'a-gwent.txt'],
      ['gwent-pdu-2025-2', 'b-gwent-copy.txt'],
      ['wales-region-2025', 'c-wales.txt'],
    ]);
    const dup = result.messages.filter((m) => m.ruleId === 'duplicate_report_id');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ severity: 'warning', reportId: 'gwent-pdu-2025-2' });
    expect(dup[0]!.file).toMatch(/b-gwent-copy\.txt$/);
    expect(result.exitCode).toBe(0);
  });

  it('gives the numbered report its own ids, text and envelopes', () => {
    const second = result.datasets.findings.filter((f) => f.report_id === 'gwent-pdu-2025-2');
    expect(second).toHaveLength(result.datasets.findings.filter((f) => f.report_id === 'gwent-pdu-2025').length);
    expect(second[0]!.finding_id).toBe('gwent-pdu-2025-2/f001');
    const text = readFileSync(join(out, 'texts', 'gwent-pdu-2025-2.txt'), 'utf8');
    expect(text).toBe(readFileSync(join(out, 'texts', 'gwent-pdu-2025.txt'), 'utf8'));
    for (const f of second) expect(text.slice(f.char_start, f.char_end)).toBe(f.quote);
    const ids = readFileSync(join(out, 'stages', 'reports.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).reportId);
    expect(ids).toEqual(['gwent-pdu-2025', 'gwent-pdu-2025-2', 'wales-region-2025']);
  });
});

describe('a run stopped part-way', () => {
  const root = mkdtempSync(join(tmpdir(), 'if-stop-'));
  const out = join(root, 'out');

  it('rejects, removes its temporary files and leaves the previous outputs as they were', async () => {
    await runPipeline({ inputs: [SEEDS_DIR], outDir: out, workers: 1, publish: false });
    const before = new Map(listFiles(out).filter((f) => !f.startsWith('texts/')).map((f) => [f, readFileSync(join(out, f))]));
    const stop = new AbortController();
    const run = runPipeline({ inputs: [SEEDS_DIR], outDir: out, workers: 1, publish: false, force: true, signal: stop.signal, onReport: () => stop.abort() });
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    const after = listFiles(out).filter((f) => !f.startsWith('texts/'));
    expect(after).toEqual([...before.keys()]);
    for (const f of after) expect(readFileSync(join(out, f)).equals(before.get(f)!), f).toBe(true);
    expect(listFiles(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('removes what a killed run left behind, and not what a running one is writing', async () => {
    const dead = 2 ** 22 + 12345; // above any pid this system hands out
    writeFileSync(join(out, `.findings.csv.${dead}.tmp`), 'partial');
    writeFileSync(join(out, 'stages', `.reports.jsonl.${dead}.tmp`), 'partial');
    writeFileSync(join(out, 'texts', `.gwent-pdu-2025.txt.${dead}.0.7.tmp`), 'partial');
    writeFileSync(join(out, `.findings.json.${process.ppid}.tmp`), 'another run, still going');
    await runPipeline({ inputs: [SEEDS_DIR], outDir: out, workers: 1, publish: false });
    expect(listFiles(out).filter((f) => f.endsWith('.tmp'))).toEqual([`.findings.json.${process.ppid}.tmp`]);
  }, 120_000);
});
