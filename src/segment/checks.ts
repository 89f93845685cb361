import type { MessageSink } from '../core/messages.ts';
import type { ReportDocument } from '../schema/document.ts';
import { bandOf } from './rating-bands.ts';
import { RATING_POINTS } from './vocabulary.ts';

/** The score re-derived from the standards' ratings (Inadequate 0 ... Outstanding 3). */
export function computedScore(doc: ReportDocument): number | null {
  const rated = doc.ratings.length ? doc.ratings : doc.standards.filter((s) => s.rating);
  if (!rated.length) return null;
  return rated.reduce((sum, r) => sum + RATING_POINTS[('rating' in r ? r.rating : null)!], 0);
}

/** Consistency checks between what a report states and what its own tables imply. */
export function checkConsistency(doc: ReportDocument, sink: MessageSink): void {
  const computed = computedScore(doc);
  const { score, scoreMax } = doc.meta;
  if (score !== null && computed !== null && score !== computed) {
    sink.warn('score_mismatch', `the stated score is ${score}/${scoreMax} but the standards' ratings add up to ${computed}`);
  }
  const n = doc.ratings.length;
  if (scoreMax !== null && n && scoreMax !== n * 3) {
    sink.warn('score_max_mismatch', `the stated maximum score is ${scoreMax} but ${n} rated standards allow ${n * 3}`);
  }
  for (const std of doc.standards) {
    const qs = doc.keyQuestions.filter((q) => q.standardCode === std.code);
    if (!qs.length || !std.rating) continue;
    const lowest = qs.reduce((a, b) => (b.percentYes < a.percentYes ? b : a));
    const band = bandOf(lowest.percentYes);
    if (band !== std.rating) {
      sink.warn(
        'rating_band_mismatch',
        `${std.code} ${std.name} is rated ${std.rating} but its lowest key question (${lowest.percentYes}%) falls in the ${band} band`,
        lowest,
      );
    }
  }
}
