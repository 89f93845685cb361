import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MessageSink } from '../../src/core/messages.ts';
import { ingestBytes } from '../../src/ingest/ingest-file.ts';
import { segmentReport } from '../../src/segment/segment-report.ts';
import { readingOf } from '../helpers/reading.ts';
import { seedDoc } from '../helpers/seeds.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'pandoc');

// The region's HTML page, and a plain page made from a PDU's text, written out by pandoc
// (scripts/make-pdf-fixtures.sh) in three text formats: wrapped at 72 columns with no blank line between list items, tables as column-aligned
// text between rule lines, `2\. Service delivery`, footnote markers as ^1^, <sup>1</sup> and ¹,
// and straight quotes and -- where the report has typographic ones.
describe.each(['wales-region-2025', 'cwm-taf-morgannwg-pdu-2025'].flatMap((name) => ['markdown', 'gfm', 'plain'].map((format) => [format, name])))("pandoc's %s of %s", (format, name) => {
  const r = ingestBytes(readFileSync(join(FIXTURES, `${name}.${format}.txt`)), `${name}.${format}.txt`);
  if (!r.ok) throw new Error('fixture did not ingest');
  const sink = new MessageSink('segment', { text: r.report.text });
  const doc = segmentReport(r.report.text, sink)!;
  const txt = seedDoc(name);

  it('yields the same reading as the text, quotes and dashes aside', () => {
    expect(r.report.reportId).toBe(name);
    const [got, want] = [readingOf(doc, { plainPunctuation: true }), readingOf(txt.doc, { plainPunctuation: true })];
    expect(got).toEqual(want);
  });

  it('warns of nothing the text does not', () => {
    const ruleIds = (s: MessageSink) => s.list.filter((m) => m.severity !== 'info').map((m) => m.ruleId);
    expect(ruleIds(sink)).toEqual(ruleIds(txt.sink));
  });

  it('quotes its own text for every record', () => {
    for (const x of [...doc.findings, ...doc.keyQuestions, ...doc.ratings, ...doc.footnotes]) expect(r.report.text.slice(x.start, x.end)).toBe(x.quote);
  });
});

// A PDU's whole site page written out by pandoc: the page's markup kept (fenced divs with classes,
// `[Good]{.rating-label}`, links, `^[1](#fn1)^` references, raw HTML in GFM) and its chrome with it.
describe.each([
  ['markdown', 98],
  ['gfm', 96],
])("pandoc's %s of a PDU's whole site page", (format, sameFindings) => {
  const r = ingestBytes(readFileSync(join(FIXTURES, `gwent-pdu-2025.site.${format}.txt`)), `gwent.${format}.txt`);
  if (!r.ok) throw new Error('fixture did not ingest');
  const doc = segmentReport(r.report.text, new MessageSink('segment', { text: r.report.text }))!;
  const [got, want] = [readingOf(doc, { plainPunctuation: true }), readingOf(seedDoc('gwent-pdu-2025').doc, { plainPunctuation: true })];

  it('reads as text, not as HTML, with the same metadata, ratings, standards and key questions', () => {
    expect(r.report.format).toBe('text');
    expect(r.report.reportId).toBe('gwent-pdu-2025');
    expect([got.meta, got.ratings, got.standards, got.keyQuestions]).toEqual([want.meta, want.ratings, want.standards, want.keyQuestions]);
  });

  it(`finds ${sameFindings} of the seed's findings, and nothing of the site's chrome`, () => {
    const key = (f: unknown[]) => JSON.stringify([f[1], f[2], f[4]]);
    const wanted = new Set(want.findings.map(key));
    expect(got.findings.filter((f) => wanted.has(key(f))).length).toBe(sameFindings);
    if (format === 'markdown') expect(got.footnotes).toEqual(want.footnotes);
    expect(doc.findings.map((f) => f.text).join(' ')).not.toMatch(/cookie|Related reports|Crown copyright|\]\{|\]\(|<span/i);
  });
});
