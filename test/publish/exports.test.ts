import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type RunResult } from '../../src/pipeline/run-pipeline.ts';
import { buildWorkbook } from '../../src/publish/xlsx.ts';
import { toCsv } from '../../src/publish/csv.ts';
import { FindingRow } from '../../src/schema/datasets.ts';
import { SEEDS_DIR } from '../helpers/seeds.ts';

const out = mkdtempSync(join(tmpdir(), 'if-exp-'));
let run: RunResult;
beforeAll(async () => {
  run = await runPipeline({ inputs: [SEEDS_DIR], outDir: out, workers: 1 });
}, 120_000);

const readCsv = (name: string) => parse(readFileSync(join(out, `${name}.csv`), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];

describe('datapackage.json', () => {
  it('describes every CSV with the fields it really has', () => {
    const pkg = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8'));
    expect(pkg.profile).toBe('tabular-data-package');
    expect(pkg.resources.map((r: { name: string }) => r.name).sort()).toEqual(
      ['checks', 'finding_themes', 'findings', 'key_question_matrix', 'key_questions', 'quantities', 'ratings', 'ratings_matrix', 'recurring_findings', 'reports', 'theme_matrix'].sort(),
    );
    for (const r of pkg.resources) {
      const header = readFileSync(join(out, r.path), 'utf8').split('\r\n')[0]!.split(',');
      expect(r.schema.fields.map((f: { name: string }) => f.name)).toEqual(header);
      for (const f of r.schema.fields) expect(f.description, `${r.name}.${f.name}`).not.toBe('');
      expect(r.stats.rows).toBe(readCsv(r.name).length);
    }
  });

  it('has primary keys that are unique and foreign keys that resolve', () => {
    const pkg = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8'));
    let checked = 0;
    for (const r of pkg.resources) {
      const rows = readCsv(r.name);
      if (r.schema.primaryKey) {
        const keys = rows.map((row) => r.schema.primaryKey.map((k: string) => row[k]).join('\u0000'));
        expect(new Set(keys).size, `${r.name} primary key`).toBe(keys.length);
      }
      for (const fk of r.schema.foreignKeys ?? []) {
        const target = new Set(readCsv(fk.reference.resource).map((row) => fk.reference.fields.map((k: string) => row[k]).join('\u0000')));
        for (const row of rows) {
          const v = fk.fields.map((k: string) => row[k]).join('\u0000');
          if (v === '') continue; // empty = null, allowed
          expect(target.has(v), `${r.name}.${fk.fields} -> ${fk.reference.resource}: ${v}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('spreadsheet safety', () => {
  const evil = (text: string): FindingRow => ({
    finding_id: 'x/f001', report_id: 'x', unit_name: '@unit', section: 'P1.1', section_title: '+t', polarity: 'strength', ordinal: 1,
    text, themes: '', n_quantities: 0, char_start: 0, char_end: 1, quote: text, addressee: '', footnotes: '',
  });

  it.each(['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('a CSV cell starting %j is inert', (text) => {
    const csv = toCsv(FindingRow, [evil(text)]);
    const row = parse(csv, { columns: true, relax_quotes: true })[0] as Record<string, string>;
    expect(row.text!.startsWith("'")).toBe(true);
    expect(row.unit_name).toBe("'@unit");
    expect(row.char_start).toBe('0'); // numbers stay numbers
  });

  it('writes an XLSX whose formula-like cells read back as text', async () => {
    const d = { ...run.datasets, findings: [evil('=1+1'), ...run.datasets.findings] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildWorkbook(d)) as never);
    const ws = wb.getWorksheet('findings')!;
    const textCol = (ws.getRow(1).values as string[]).indexOf('text');
    const cell = ws.getRow(2).getCell(textCol);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=1+1');
    expect(cell.formula).toBeUndefined();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(wb.worksheets.map((w) => w.name)).toContain('recurring_findings');
  });

  it('adds a byte-order mark when asked', () => {
    expect(toCsv(FindingRow, [], { bom: true }).startsWith('\ufeffinding_id')).toBe(false);
    expect(toCsv(FindingRow, [], { bom: true }).startsWith('\ufefffinding_id')).toBe(true);
  });
});

describe('comparison datasets on the seeds', () => {
  it('puts each unit in its own column, the region first', () => {
    const m = run.datasets.ratings_matrix;
    expect(m.columns).toEqual(['standard_code', 'standard_name', 'Wales', 'Cardiff and the Vale', 'Cwm Taf Morgannwg', 'Gwent']);
    const p21 = m.rows.find((r) => r.standard_code === 'P1.1')!;
    expect([p21['Cardiff and the Vale'], p21['Cwm Taf Morgannwg'], p21.Gwent, p21.Wales]).toEqual(['Requires improvement', 'Good', 'Good', undefined]);
  });

  it('links every PDU to the region that names it', () => {
    expect(Object.fromEntries(run.datasets.reports.map((r) => [r.report_id, r.region]))).toEqual({
      'cardiff-and-the-vale-pdu-2025': 'Wales',
      'cwm-taf-morgannwg-pdu-2025': 'Wales',
      'gwent-pdu-2025': 'Wales',
      'wales-region-2025': 'Wales',
    });
  });

  it('matches a key question asked under a regional and a PDU standard', () => {
    const m = run.datasets.key_question_matrix;
    const safeAssess = m.rows.find((r) => String(r.question).startsWith('Does assessment focus sufficiently on keeping other people safe'))!;
    expect(safeAssess.standard_code).toBe('P2.1;R2.1');
    expect([safeAssess.Wales, safeAssess['Cardiff and the Vale'], safeAssess['Cwm Taf Morgannwg'], safeAssess.Gwent]).toEqual([35, 24, 27, 28]);
    expect([safeAssess.min, safeAssess.max, safeAssess.spread, safeAssess.mean]).toEqual([24, 35, 11, 28.5]);
    // 12 PDU questions (shared by the three PDUs and, for 8 of them, the region) + the region's own 9
    expect(m.rows).toHaveLength(21);
  });

  it('scores every rating and re-derives the score', () => {
    for (const r of run.datasets.reports) expect(r.computed_score).toBe(r.score);
  });
});
