import { z } from 'zod';

/** One theme of the taxonomy, as a researcher edits it. */
export const Theme = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'theme ids are snake_case'),
  group: z.string().min(1),
  label: z.string().min(1),
  about: z.string(),
  /** Words and phrases that signal the theme; matched on stems, so `safeguard` finds `safeguarding`. */
  terms: z.array(z.string().min(1)).min(1),
  /** Phrases that, where they match, stop the theme's terms from counting (e.g. `business risk register`). */
  exclude: z.array(z.string().min(1)).default([]),
  /** Only tag findings in these sections (standard codes or headings); empty = everywhere. */
  sections: z.array(z.string()).default([]),
});
export type Theme = z.infer<typeof Theme>;

export const Taxonomy = z.object({
  name: z.string(),
  version: z.string(),
  themes: z.array(Theme).min(1),
});
export type Taxonomy = z.infer<typeof Taxonomy>;

/** One (finding, theme) tag with its evidence. */
export const FindingTheme = z.object({
  findingId: z.string(),
  theme: z.string(),
  /** The matched words or phrases, as written in the text. */
  evidence: z.array(z.string()),
  /** Offsets of each piece of evidence in the canonical text. */
  spans: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});
export type FindingTheme = z.infer<typeof FindingTheme>;
