import { z } from 'zod';
import { Span } from './span.ts';

export const QuantityKind = z.enum(['percent', 'count_of', 'fraction']);
export type QuantityKind = z.infer<typeof QuantityKind>;

/** One quantity mention. `quote` (the `raw` column) is exactly text.slice(start, end). */
export const Quantity = Span.extend({
  id: z.string(),
  /** The finding the mention sits in; empty for a key-question table cell. */
  findingId: z.string(),
  /** The key question whose percentage this is, for a table cell; else empty. */
  keyQuestionId: z.string(),
  section: z.string(),
  /** The finding's polarity; empty for a key-question table cell. */
  polarity: z.string(),
  kind: QuantityKind,
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** For `percent`, the number as written (41 for "41 per cent"). */
  percent: z.number().nullable(),
  /** The proportion in 0..1 (may exceed 1 for a percentage above 100). */
  value: z.number().nullable(),
  /** The hedge that governs the mention (`almost`, `only just over`), lower-cased; empty if none. */
  qualifier: z.string(),
  /** The range the qualifier implies, from the qualifier table. */
  valueLow: z.number().nullable(),
  valueHigh: z.number().nullable(),
  /** The counted noun (`cases`, `respondents`), or empty. */
  unit: z.string(),
});
export type Quantity = z.infer<typeof Quantity>;
