import { z } from 'zod';

/** A problem found in the content of a report: it never stops the run, it is reported. */
export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const Message = z.object({
  /** snake_case rule id, documented in the README's Messages table (also the `check` column of checks.csv). */
  ruleId: z.string().regex(/^[a-z][a-z0-9_]*$/),
  severity: Severity,
  message: z.string(),
  /** Source file the message is about (always set for ingest problems). */
  file: z.string().optional(),
  reportId: z.string().optional(),
  /** UTF-16 offsets into the report's canonical text, when the problem has a place. */
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  /** Which stage raised it. */
  source: z.string(),
});
export type Message = z.infer<typeof Message>;
