import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Datasets } from './datasets.ts';
import { MATRICES, TABLES } from './datasets.ts';

/** Excel's own limit; a bigger dataset is cut with a note in its first cell. */
const MAX_ROWS = 1_048_575;

/**
 * One workbook, one sheet per dataset: frozen header, filters, widths fitted to the content.
 * Text is written as text cells, so a finding that begins with `=` never runs as a formula.
 */
export async function buildWorkbook(d: Datasets): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'inspection-findings';
  // Fixed dates keep the file byte-identical across runs.
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  const sheets: { name: string; columns: string[]; rows: Record<string, unknown>[] }[] = [];
  for (const [name, schema] of Object.entries(TABLES)) sheets.push({ name, columns: Object.keys(schema.shape), rows: d[name as keyof typeof TABLES] as Record<string, unknown>[] });
  for (const name of MATRICES) sheets.push({ name, columns: d[name].columns, rows: d[name].rows });
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ header: c, key: c }));
    const rows = s.rows.slice(0, MAX_ROWS);
    for (const r of rows) {
      ws.addRow(s.columns.map((c) => {
        const v = r[c];
        return v === null || v === undefined ? null : v;
      }));
    }
    ws.getRow(1).font = { bold: true };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, s.columns.length) } };
    s.columns.forEach((c, i) => {
      let width = c.length;
      for (const r of rows.slice(0, 500)) width = Math.max(width, String(r[c] ?? '').length);
      ws.getColumn(i + 1).width = Math.min(60, Math.max(8, width + 2));
      if (width > 60) ws.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
    });
  }
  return stampZip(Buffer.from(await wb.xlsx.writeBuffer()));
}

/** exceljs stamps every zip entry with the current time; fix it so runs are byte-identical. */
async function stampZip(buf: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buf);
  const fixed = new Date(Date.UTC(2000, 0, 1));
  zip.forEach((_path, file) => {
    file.date = fixed;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
