import type { ReportDocument } from '../../src/schema/document.ts';

/**
 * What a reader takes from a report, without where it stands in the text: for holding one
 * rendering of a report (HTML, PDF, text laid out by pdftotext) to the reading of another.
 */
export function readingOf(doc: ReportDocument) {
  return {
    meta: { ...doc.meta, titleSpan: null },
    ratings: doc.ratings.map((r) => [r.standardCode, r.standardName, r.domain, r.rating, r.ratingPoints]),
    standards: doc.standards.map((s) => [s.code, s.name, s.domain, s.rating, s.statement]),
    keyQuestions: doc.keyQuestions.map((q) => [q.standardCode, q.question, q.percentYes, q.aspect, q.isLowest]),
    findings: doc.findings.map((f) => [f.id, f.section, f.polarity, f.ordinal, f.text, f.addressee, f.footnotes]),
    footnotes: doc.footnotes.map((f) => [f.number, f.text]),
  };
}
