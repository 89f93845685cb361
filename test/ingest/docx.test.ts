import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MessageSink } from '../../src/core/messages.ts';
import { ingestDocx, isDocx } from '../../src/ingest/ingest-file.ts';
import { segmentReport } from '../../src/segment/segment-report.ts';
import { readingOf } from '../helpers/reading.ts';
import { seedDoc } from '../helpers/seeds.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'docx');

// Two seeds saved as Word documents by LibreOffice from plain pages made from their text
// (scripts/make-pdf-fixtures.sh): headings, lists, tables, footnotes as Word holds them.
describe.each(['cwm-taf-morgannwg-pdu-2025', 'wales-region-2025'])('Word document of %s', async (name) => {
  const bytes = readFileSync(join(FIXTURES, `${name}.docx`));
  const r = await ingestDocx(bytes, `${name}.docx`);
  if (!r.ok) throw new Error(`fixture did not ingest: ${r.messages.map((m) => m.message).join('; ')}`);
  const doc = segmentReport(r.report.text, new MessageSink('segment', { text: r.report.text }))!;

  it('is recognised as a Word document and reads as the text', () => {
    expect(isDocx(bytes)).toBe(true);
    expect([r.report.format, r.report.reportId]).toEqual(['docx', name]);
    expect(readingOf(doc)).toEqual(readingOf(seedDoc(name).doc));
  });

  it('quotes its own canonical text', () => {
    for (const x of [...doc.findings, ...doc.keyQuestions, ...doc.ratings, ...doc.footnotes]) expect(r.report.text.slice(x.start, x.end)).toBe(x.quote);
  });
});

describe('a damaged Word document', () => {
  it('is reported by name, as one that may be truncated or damaged', async () => {
    const bytes = readFileSync(join(FIXTURES, 'wales-region-2025.docx'));
    const r = await ingestDocx(bytes.subarray(0, 3000), 'cut.docx');
    expect(r.ok).toBe(false);
    expect(r.messages[0]).toMatchObject({ ruleId: 'unreadable_document', severity: 'error' });
    expect(r.messages[0]!.message).toMatch(/^cut\.docx: .*truncated or damaged/);
  });
});
