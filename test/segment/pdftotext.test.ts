import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MessageSink } from '../../src/core/messages.ts';
import { ingestBytes } from '../../src/ingest/ingest-file.ts';
import { segmentReport } from '../../src/segment/segment-report.ts';
import { readingOf } from '../helpers/reading.ts';
import { seedDoc } from '../helpers/seeds.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'pdftotext');

// Two seeds printed to PDF, then turned back into text by `pdftotext -layout` (scripts/make-pdf-fixtures.sh):
// the title wrapped over two lines, page numbers and a running header at every form feed, table
// cells top-aligned in columns (a question's first line beside its percentage, the rest under it),
// a standard's statement and rating both wrapped, bullets hard-wrapped, words broken at hyphens,
// footnote markers glued to words and the notes numbered after the report's body.
describe.each(['cwm-taf-morgannwg-pdu-2025', 'gwent-pdu-2025', 'wales-region-2025'])('pdftotext -layout of %s', (name) => {
  const r = ingestBytes(readFileSync(join(FIXTURES, `${name}.layout.txt`)), `${name}.txt`);
  if (!r.ok) throw new Error('fixture did not ingest');
  const sink = new MessageSink('segment', { text: r.report.text });
  const doc = segmentReport(r.report.text, sink)!;
  const txt = seedDoc(name).doc;

  it("gets the same report id (a PDU's title wraps over two lines)", () => {
    expect(r.report.reportId).toBe(name);
    expect(doc.meta.titleSpan!.quote.replace(/\s+/g, ' ')).toBe(txt.meta.title);
  });

  it('yields the same metadata, ratings, standards, key questions, findings and footnotes', () => {
    expect(readingOf(doc)).toEqual(readingOf(txt));
  });

  it('quotes its own text for every record', () => {
    for (const x of [...doc.findings, ...doc.keyQuestions, ...doc.ratings, ...doc.footnotes]) expect(r.report.text.slice(x.start, x.end)).toBe(x.quote);
  });
});

/** Findings read exactly from pdftotext's default output (measured). */
const SAME_RAW = { cwm: 60, wales: 127 };

// The LibreOffice-made PDFs laid out by pdftotext: cells centred in their rows stand on a line of
// their own between the lines of the cell beside them; paragraphs are not parted by blank lines
// and the proportional font leaves the length of a line a poor guide to where one ends.
// And without -layout (pdftotext's default): a table's cells one to a line, column by column or
// interleaved; paragraphs cut wherever a block of the page ends.
describe.each([
  ['layout', 'cwm-taf-morgannwg-pdu-2025', 75],
  ['layout', 'wales-region-2025', 148],
  ['raw', 'cwm-taf-morgannwg-pdu-2025', SAME_RAW.cwm],
  ['raw', 'wales-region-2025', SAME_RAW.wales],
])('pdftotext (%s) of the LibreOffice PDF of %s', (mode, name, sameFindings) => {
  const r = ingestBytes(readFileSync(join(FIXTURES, 'libreoffice', `${name}.${mode}.txt`)), `${name}.txt`);
  if (!r.ok) throw new Error('fixture did not ingest');
  const doc = segmentReport(r.report.text, new MessageSink('segment', { text: r.report.text }))!;
  const [got, want] = [readingOf(doc), readingOf(seedDoc(name).doc)];

  it('yields the same metadata, ratings, standards and key questions', () => {
    expect([got.meta, got.ratings, got.standards, got.keyQuestions]).toEqual([want.meta, want.ratings, want.standards, want.keyQuestions]);
  });

  it(`finds ${sameFindings} of the seed's findings exactly, and its footnotes`, () => {
    // Section, polarity and text (an extra paragraph moves the ordinals after it).
    const key = (f: unknown[]) => JSON.stringify([f[1], f[2], f[4]]);
    const wanted = new Set(want.findings.map(key));
    expect(got.findings.filter((f) => wanted.has(key(f))).length).toBe(sameFindings);
    expect(got.footnotes).toEqual(want.footnotes);
  });
});
