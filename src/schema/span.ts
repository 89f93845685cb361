import { z } from 'zod';

/** Offsets are UTF-16 code units into the report's canonical text; `quote` is text.slice(start, end). */
export const Span = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string(),
});
export type Span = z.infer<typeof Span>;
