import { z } from 'zod';
import { Span } from './span.ts';
import { RatingLabel, ReportMeta, Rendering } from './report.ts';

export const StandardCode = z.string().regex(/^[PR][12]\.\d{1,2}$/);

/** One row of the ratings table at the top of a report. */
export const RatingRow = Span.extend({
  standardCode: StandardCode,
  standardName: z.string(),
  domain: z.number().int().min(1).max(2),
  rating: RatingLabel,
  ratingPoints: z.number().int().min(0).max(3),
  /** The code as printed, when it differed from the normalised one (e.g. a P code in a regional table). */
  printedCode: z.string(),
});
export type RatingRow = z.infer<typeof RatingRow>;

/** A standard's own section: header, statement and rating. */
export const Standard = Span.extend({
  code: StandardCode,
  name: z.string(),
  domain: z.number().int().min(1).max(2),
  statement: z.string(),
  rating: RatingLabel.nullable(),
});
export type Standard = z.infer<typeof Standard>;

export const Aspect = z.enum(['engagement', 'desistance', 'safety', 'other']);
export type Aspect = z.infer<typeof Aspect>;

export const KeyQuestion = Span.extend({
  id: z.string(),
  standardCode: StandardCode,
  standardName: z.string(),
  question: z.string(),
  percentYes: z.number().min(0).max(100),
  aspect: Aspect,
  isLowest: z.boolean(),
  /** Offsets of the percentage cell alone. */
  percentStart: z.number().int().nonnegative(),
  percentEnd: z.number().int().nonnegative(),
});
export type KeyQuestion = z.infer<typeof KeyQuestion>;

export const Polarity = z.enum(['strength', 'improvement', 'recommendation', 'narrative']);
export type Polarity = z.infer<typeof Polarity>;

export const Finding = Span.extend({
  id: z.string(),
  /** Standard code (P1.2) or the top-level heading (Foreword, Recommendations, ...). */
  section: z.string(),
  sectionTitle: z.string(),
  polarity: Polarity,
  /** 1-based position within its list (or within its section's narrative). */
  ordinal: z.number().int().positive(),
  /** The finding as a reader would quote it: bullet marker and footnote markers removed, whitespace collapsed. */
  text: z.string(),
  /** Whom a recommendation is addressed to ("Gwent PDU"), else empty. */
  addressee: z.string(),
  /** Footnote numbers referenced from this finding. */
  footnotes: z.array(z.number().int().positive()),
  /** Spans inside [start, end) left out of `text`: footnote markers, and the page furniture between the halves of a paragraph a page break cut. */
  markerSpans: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});
export type Finding = z.infer<typeof Finding>;

export const Footnote = Span.extend({
  number: z.number().int().positive(),
  text: z.string(),
  /** Where the marker pointing at this footnote sits, if found. */
  markers: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});
export type Footnote = z.infer<typeof Footnote>;

export const SectionKind = z.enum(['front_matter', 'narrative', 'ratings', 'recommendations', 'domain', 'standard', 'back_matter', 'footnotes']);

export const Section = z.object({
  heading: z.string(),
  kind: SectionKind,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Section = z.infer<typeof Section>;

/** Everything the segmenter knows about one report. */
export const ReportDocument = z.object({
  meta: ReportMeta,
  rendering: Rendering,
  ratings: z.array(RatingRow),
  standards: z.array(Standard),
  keyQuestions: z.array(KeyQuestion),
  findings: z.array(Finding),
  footnotes: z.array(Footnote),
  sections: z.array(Section),
});
export type ReportDocument = z.infer<typeof ReportDocument>;
