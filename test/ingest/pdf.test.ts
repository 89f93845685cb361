import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MessageSink } from '../../src/core/messages.ts';
import { ingestBytes, ingestFile, ingestPdf, isPdf } from '../../src/ingest/ingest-file.ts';
import { layoutPage, pdfToText, PdfTextError } from '../../src/ingest/pdf.ts';
import { segmentReport } from '../../src/segment/segment-report.ts';
import { readingOf } from '../helpers/reading.ts';
import { seedDoc } from '../helpers/seeds.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'pdf');

// Two seeds printed to PDF (scripts/make-pdf-fixtures.sh): a running header and a page number
// on every page, tables with wrapped cells, bullets, numbered recommendations, raised footnote markers.
// And two printed by LibreOffice from plain pages made from their text: wider line spacing, cells
// filled to their edges, cells centred in their rows, rows running over page breaks.
describe.each([
  ['Chromium', 'cwm-taf-morgannwg-pdu-2025'],
  ['Chromium', 'gwent-pdu-2025'],
  ['Chromium', 'wales-region-2025'],
  ['LibreOffice', 'cwm-taf-morgannwg-pdu-2025'],
  ['LibreOffice', 'wales-region-2025'],
])('PDF by %s of %s', async (producer, name) => {
  const bytes = readFileSync(join(FIXTURES, producer === 'LibreOffice' ? 'libreoffice' : '', `${name}.pdf`));
  const r = await ingestPdf(bytes, `${name}.pdf`);
  if (!r.ok) throw new Error(`fixture did not ingest: ${r.messages.map((m) => m.message).join('; ')}`);
  const sink = new MessageSink('segment', { text: r.report.text });
  const pdf = segmentReport(r.report.text, sink)!;
  const txt = seedDoc(name).doc;

  it('is recognised as a PDF and gets the same report id', () => {
    expect(r.report.format).toBe('pdf');
    expect(r.report.reportId).toBe(name);
    // One form feed before each page after the first, where the segmenter looks for page furniture.
    expect(r.report.text.split('\f').length).toBeGreaterThan(10);
  });

  it('yields the same metadata, ratings, standards, key questions, findings and footnotes as the text', () => {
    expect(readingOf(pdf)).toEqual(readingOf(txt));
  });

  it('reports nothing it could not place', () => {
    const ruleIds = (s: MessageSink) => s.list.filter((m) => m.severity !== 'info').map((m) => m.ruleId);
    expect(ruleIds(sink)).toEqual(ruleIds(seedDoc(name).sink));
  });

  it('keeps the running header and page numbers out of every finding, and quotes its own text', () => {
    for (const f of pdf.findings) {
      expect(f.text).not.toMatch(/An inspection of probation services\s*$/);
      expect(r.report.text.slice(f.start, f.end)).toBe(f.quote);
    }
  });
});

describe('pdfToText on bad input', () => {
  const good = readFileSync(join(FIXTURES, 'gwent-pdu-2025.pdf'));

  it('says a truncated PDF may be truncated or damaged', async () => {
    const r = await ingestPdf(good.subarray(0, 4000), 'cut.pdf');
    expect(r.ok).toBe(false);
    expect(r.messages[0]).toMatchObject({ ruleId: 'unreadable_pdf', severity: 'error' });
    expect(r.messages[0]!.message).toMatch(/^cut\.pdf: .*truncated or damaged/);
  });

  it('says a PDF without a text layer needs OCR', async () => {
    const empty = '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n';
    await expect(pdfToText(new TextEncoder().encode(empty))).rejects.toMatchObject({ ruleId: 'pdf_without_text' });
    const r = await ingestPdf(new TextEncoder().encode(empty), 'scan.pdf');
    expect(r.ok).toBe(false);
    expect(r.messages[0]!.message).toMatch(/no text layer.*OCR/);
  });

  it('is a PdfTextError, not a crash, for bytes that only start like a PDF', async () => {
    await expect(pdfToText(new TextEncoder().encode('%PDF-1.7\nnot really'))).rejects.toBeInstanceOf(PdfTextError);
  });

  it('takes the text an earlier run laid out for the same bytes instead of laying it out again', async () => {
    const known = 'An inspection of probation services in Testshire PDU\n';
    const seen: string[] = [];
    const r = await ingestFile(join(FIXTURES, 'gwent-pdu-2025.pdf'), 'g.pdf', { knownPdfText: (sha) => (seen.push(sha), known) });
    expect(seen).toEqual([r.ok ? r.report.sourceSha256 : '']);
    expect(r.ok && [r.report.text, r.report.format, r.report.reportId]).toEqual([known, 'pdf', 'testshire-pdu-undated']);
  });

  it('is told from text by its signature, not its name', () => {
    expect(isPdf(good)).toBe(true);
    expect(isPdf(new TextEncoder().encode('An inspection of probation services mentions %PDF- in passing'))).toBe(false);
    // The synchronous path (text only) still names the format it cannot read.
    const r = ingestBytes(good, 'report.txt');
    expect(r.ok).toBe(false);
    expect(r.messages[0]!.message).toMatch(/PDF/);
  });
});

// Pieces as pdf.js gives them: x and y of the baseline's start (y grows upwards), width, font size.
const piece = (str: string, x: number, y: number, size = 12, w = str.length * size * 0.5) => ({ str, x, y, w, size });

describe('layoutPage', () => {
  it.each([
    ['a full line followed at the pitch continues the paragraph', [piece('Staff were motivated and committed to making a difference to the', 50, 700), piece('lives of people on probation.', 50, 686)], 'Staff were motivated and committed to making a difference to the lives of people on probation.'],
    ['a short line ends its paragraph even at the pitch', [piece('Strengths:', 50, 700), piece('Staff were motivated and committed to making a difference to the', 50, 686)], 'Strengths:\n\nStaff were motivated and committed to making a difference to the'],
    ['a wide gap parts the cells of a table row', [piece('P 1.1 Leadership', 50, 700), piece('Good', 300, 700)], '| P 1.1 Leadership | Good |'],
    ['a bullet glyph and its hanging text make one item', [piece('•', 50, 700), piece('The PDU had a clear plan that set out its priorities for the year and how it', 68, 700), piece('would meet them.', 68, 686)], '• The PDU had a clear plan that set out its priorities for the year and how it would meet them.'],
    ["Word's Symbol bullet comes out as •", [piece('\uf0b7', 50, 700), piece('Item one', 68, 700)], '• Item one'],
    ['a number marker keeps its number', [piece('2.', 50, 700), piece('make arrangements with the police', 68, 700)], '2. make arrangements with the police'],
    ['a word broken at a hyphen is joined back', [piece('The work with people on probation was not sufficiently well-', 50, 700, 12, 470), piece('resourced in the PDU.', 50, 686)], 'The work with people on probation was not sufficiently well-resourced in the PDU.'],
    ['a raised small number is a footnote marker', [piece('The population', 50, 700, 12, 84), piece('1', 134, 704, 7, 4), piece('of the area grew.', 141, 700)], 'The population[1] of the area grew.'],
    ['a wrapped first cell continues its row', [piece('Does assessment focus sufficiently on', 50, 700), piece('24%', 400, 700), piece('keeping other people safe?', 50, 686)], '| Does assessment focus sufficiently on keeping other people safe? | 24% |'],
    ['a wrapped row with both cells cut goes on', [piece('Staff are enabled to deliver a high-quality,', 50, 700), piece('Requires', 400, 700), piece('responsive service for all', 50, 686), piece('improvement', 400, 686)], '| Staff are enabled to deliver a high-quality, responsive service for all | Requires improvement |'],
    ['a full row after a row is the next row', [piece('P 1.1 Leadership', 50, 700), piece('Good', 300, 700), piece('P 1.2 Staffing', 50, 686), piece('Inadequate', 300, 686)], '| P 1.1 Leadership | Good |\n\n| P 1.2 Staffing | Inadequate |'],
    ['a larger font is a new block, and a known section set large is a marked heading', [piece('Background', 50, 700, 18, 400), piece('We conducted fieldwork over two weeks.', 50, 682)], '## Background\n\nWe conducted fieldwork over two weeks.'],
    ['headings are ranked by size against the known sections', [piece('An inspection of Testshire PDU', 50, 760, 24), piece('Foreword', 50, 720, 16), piece('Our findings', 50, 690, 14), piece('Staff were motivated.', 50, 670), piece('Staff were supported.', 50, 640), piece('Workloads were high.', 50, 610)], '# An inspection of Testshire PDU\n\n## Foreword\n\n### Our findings\n\nStaff were motivated.\n\nStaff were supported.\n\nWorkloads were high.'],
    ['no heading is marked where no known section is set large', [piece('Some title', 50, 700, 18, 400), piece('We conducted fieldwork over two weeks.', 50, 682)], 'Some title\n\nWe conducted fieldwork over two weeks.'],
    ['a gap of more than a line is a new paragraph', [piece('Staff were motivated and committed to making a difference to the', 50, 700), piece('New paragraph.', 50, 670)], 'Staff were motivated and committed to making a difference to the\n\nNew paragraph.'],
    ['pieces arrive in any order', [piece('Good', 300, 700), piece('P 1.1 Leadership', 50, 700)], '| P 1.1 Leadership | Good |'],
  ])('%s', (_, pieces, expected) => {
    expect(layoutPage(pieces)).toBe(expected);
  });

  it('writes a footnote set small and numbered as a marker met before it as [n]', () => {
    const doc = { bodySize: 12, markers: new Set<number>(), pitch: 1.4 };
    const text = layoutPage([piece('A rating', 50, 700, 12, 48), piece('2', 98, 704, 7, 4), piece('for assessment.', 105, 700), piece('2', 50, 80, 9, 5), piece('The rating is driven by the lowest score.', 60, 80, 9)], doc);
    expect(text).toBe('A rating[2] for assessment.\n\n[2] The rating is driven by the lowest score.');
    // A small numbered line with no marker before it is left as it is.
    expect(layoutPage([piece('3', 50, 80, 9, 5), piece('Street, Cardiff', 60, 80, 9)], { bodySize: 12, markers: new Set(), pitch: 1.4 })).toBe('3 Street, Cardiff');
  });
});
