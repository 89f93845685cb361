import { z } from 'zod';
import { Span } from './span.ts';

export const RatingLabel = z.enum(['Outstanding', 'Good', 'Requires improvement', 'Inadequate']);
export type RatingLabel = z.infer<typeof RatingLabel>;

export const UnitType = z.enum(['pdu', 'region']);
export type UnitType = z.infer<typeof UnitType>;

export const SourceFormat = z.enum(['text', 'html', 'pdf', 'docx']);
export type SourceFormat = z.infer<typeof SourceFormat>;

/** The layout the text was written in, as recognised by the segmenter. */
export const Rendering = z.enum(['pipe', 'glued', 'markdown', 'plain']);
export type Rendering = z.infer<typeof Rendering>;

export const ReportMeta = z.object({
  reportId: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  title: z.string(),
  unitName: z.string(),
  unitType: UnitType,
  region: z.string(),
  /** YYYY-MM, or empty when the report does not say. */
  fieldworkStarted: z.string().regex(/^(\d{4}-\d{2})?$/),
  year: z.number().int().nullable(),
  score: z.number().int().nullable(),
  scoreMax: z.number().int().nullable(),
  overallRating: RatingLabel.nullable(),
  /** PDUs named by a regional report as its own (empty for a PDU report). */
  pdusNamed: z.array(z.string()),
  titleSpan: Span.nullable(),
});
export type ReportMeta = z.infer<typeof ReportMeta>;
