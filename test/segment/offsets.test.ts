import { describe, expect, it } from 'vitest';
import { loadSeedDocs } from '../helpers/seeds.ts';

// Provenance: every record with offsets quotes exactly the span it points at.
describe.each(loadSeedDocs().map((s) => [s.file, s] as const))('offsets of %s', (_file, { text, doc }) => {
  it('findings, key questions, ratings, standards and footnotes', () => {
    const records = [...doc.findings, ...doc.keyQuestions, ...doc.ratings, ...doc.standards, ...doc.footnotes];
    expect(records.length).toBeGreaterThan(50);
    for (const r of records) {
      expect(r.end).toBeGreaterThan(r.start);
      expect(text.slice(r.start, r.end)).toBe(r.quote);
    }
    for (const q of doc.keyQuestions) expect(text.slice(q.percentStart, q.percentEnd)).toBe(`${q.percentYes}%`);
    if (doc.meta.titleSpan) {
      expect(text.slice(doc.meta.titleSpan.start, doc.meta.titleSpan.end)).toBe(doc.meta.titleSpan.quote);
      expect(doc.meta.titleSpan.quote.replace(/\s+/g, ' ')).toBe(doc.meta.title);
    }
  });

  it("a finding's text is its quote less markers and spacing", () => {
    for (const f of doc.findings) {
      let q = f.quote;
      for (const m of [...f.markerSpans].sort((a, b) => b.start - a.start)) q = q.slice(0, m.start - f.start) + ' ' + q.slice(m.end - f.start);
      const squash = (s: string) => s.replace(/\s+/g, '');
      expect(squash(f.text)).toBe(squash(q));
    }
  });
});
