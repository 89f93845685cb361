import { z } from 'zod';
import { SourceFormat } from './report.ts';

/**
 * The rows of every dataset, column by column in the order of ../shared/DATASETS.md; columns
 * after the contract's are this project's additions. CSV headers come from these shapes.
 */
const int = z.number().int();
const num = z.number();
const opt = <T extends z.ZodTypeAny>(t: T) => t.nullable();

export const ReportRow = z.object({
  report_id: z.string(),
  title: z.string(),
  unit_name: z.string(),
  unit_type: z.enum(['pdu', 'region']),
  region: z.string(),
  fieldwork_started: z.string(),
  score: opt(int),
  score_max: opt(int),
  overall_rating: z.string(),
  computed_score: opt(int),
  source_file: z.string(),
  source_sha256: z.string(),
  n_findings: int,
  n_warnings: int,
  source_format: SourceFormat,
  rendering: z.string(),
  n_standards: int,
  n_key_questions: int,
  n_quantities: int,
  n_errors: int,
});

export const RatingDatasetRow = z.object({
  report_id: z.string(),
  unit_name: z.string(),
  standard_code: z.string(),
  standard_name: z.string(),
  domain: int,
  rating: z.string(),
  rating_points: int,
  char_start: int,
  char_end: int,
});

export const KeyQuestionRow = z.object({
  report_id: z.string(),
  unit_name: z.string(),
  standard_code: z.string(),
  standard_name: z.string(),
  question: z.string(),
  percent_yes: num,
  aspect: z.enum(['engagement', 'desistance', 'safety', 'other']),
  is_lowest: z.boolean(),
  key_question_id: z.string(),
  char_start: int,
  char_end: int,
});

export const FindingRow = z.object({
  finding_id: z.string(),
  report_id: z.string(),
  unit_name: z.string(),
  section: z.string(),
  section_title: z.string(),
  polarity: z.enum(['strength', 'improvement', 'recommendation', 'narrative']),
  ordinal: int,
  text: z.string(),
  themes: z.string(),
  n_quantities: int,
  char_start: int,
  char_end: int,
  quote: z.string(),
  addressee: z.string(),
  footnotes: z.string(),
});

export const QuantityRow = z.object({
  quantity_id: z.string(),
  finding_id: z.string(),
  report_id: z.string(),
  unit_name: z.string(),
  section: z.string(),
  polarity: z.string(),
  kind: z.enum(['percent', 'count_of', 'fraction']),
  raw: z.string(),
  numerator: opt(num),
  denominator: opt(num),
  percent: opt(num),
  value: opt(num),
  qualifier: z.string(),
  value_low: opt(num),
  value_high: opt(num),
  unit: z.string(),
  themes: z.string(),
  char_start: int,
  char_end: int,
  key_question_id: z.string(),
});

export const FindingThemeRow = z.object({
  finding_id: z.string(),
  report_id: z.string(),
  unit_name: z.string(),
  section: z.string(),
  polarity: z.string(),
  theme: z.string(),
  evidence: z.string(),
});

export const CheckRow = z.object({
  report_id: z.string(),
  check: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  char_start: opt(int),
  char_end: opt(int),
  source_file: z.string(),
  line: opt(int),
  stage: z.string(),
});

export const ThemeMatrixRow = z.object({
  theme: z.string(),
  theme_group: z.string(),
  unit_name: z.string(),
  report_id: z.string(),
  n_strength: int,
  n_improvement: int,
  n_recommendation: int,
  n_narrative: int,
  n_findings: int,
  share_of_findings: num,
});

export const RecurringFindingRow = z.object({
  cluster_id: z.string(),
  theme: z.string(),
  polarity: z.string(),
  n_reports: int,
  units: z.string(),
  label: z.string(),
  finding_ids: z.string(),
  example: z.string(),
  n_findings: int,
  mean_similarity: num,
});

export type ReportRow = z.infer<typeof ReportRow>;
export type RatingDatasetRow = z.infer<typeof RatingDatasetRow>;
export type KeyQuestionRow = z.infer<typeof KeyQuestionRow>;
export type FindingRow = z.infer<typeof FindingRow>;
export type QuantityRow = z.infer<typeof QuantityRow>;
export type FindingThemeRow = z.infer<typeof FindingThemeRow>;
export type CheckRow = z.infer<typeof CheckRow>;
export type ThemeMatrixRow = z.infer<typeof ThemeMatrixRow>;
export type RecurringFindingRow = z.infer<typeof RecurringFindingRow>;
