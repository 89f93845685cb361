import type { ReportDocument } from '../../src/schema/document.ts';

/** Typographic quotes and dashes as converters write them in ASCII (pandoc: ' " -- ---). */
function plain(s: string): string {
  return s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/—/g, '---').replace(/–/g, '--');
}

/**
 * What a reader takes from a report, without where it stands in the text: for holding one
 * rendering of a report (HTML, PDF, text laid out by pdftotext or pandoc) to the reading of
 * another. `plainPunctuation` compares texts with their quotes and dashes in ASCII.
 */
export function readingOf(doc: ReportDocument, opts: { plainPunctuation?: boolean } = {}) {
  const p = opts.plainPunctuation ? plain : (s: string) => s;
  return {
    meta: { ...doc.meta, title: p(doc.meta.title), titleSpan: null },
    ratings: doc.ratings.map((r) => [r.standardCode, r.standardName, r.domain, r.rating, r.ratingPoints]),
    standards: doc.standards.map((s) => [s.code, s.name, s.domain, s.rating, p(s.statement)]),
    keyQuestions: doc.keyQuestions.map((q) => [q.standardCode, p(q.question), q.percentYes, q.aspect, q.isLowest]),
    findings: doc.findings.map((f) => [f.id, f.section, f.polarity, f.ordinal, p(f.text), f.addressee, f.footnotes]),
    footnotes: doc.footnotes.map((f) => [f.number, p(f.text)]),
  };
}
