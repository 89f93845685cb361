/**
 * The words of the inspectorate's report layout, kept as data so that a new layout is a
 * change here, not in the parser. Nothing here names a unit, a place or a count.
 */
import type { RatingLabel } from '../schema/report.ts';

export const RATING_LABELS: RatingLabel[] = ['Requires improvement', 'Outstanding', 'Inadequate', 'Good'];
export const RATING_POINTS: Record<RatingLabel, number> = { Outstanding: 3, Good: 2, 'Requires improvement': 1, Inadequate: 0 };
/** Rating pattern, longest label first so that a glued `...Requires improvement` is read whole. */
export const RATING_RE_SRC = '(Requires improvement|Outstanding|Inadequate|Good)';

export function normaliseRating(s: string): RatingLabel | null {
  // Quoted, or set in bold or italics by markdown (`**Good**`, `_Inadequate_`).
  const t = s.trim().toLowerCase().replace(/[‘’'"“”]/g, '').replace(/^[*_]+|[*_]+$/g, '').trim();
  return RATING_LABELS.find((r) => r.toLowerCase() === t) ?? null;
}

/** `P 1.1`, `R1.2`, `P 2.3.` followed by the standard's name. */
export const STANDARD_RE = /^([PR])\s?([12])\s?\.\s?(\d{1,2})\.?\s*(\S.*?)\s*$/;

export type HeadingKind = 'front_matter' | 'narrative' | 'ratings' | 'recommendations' | 'domain' | 'back_matter' | 'footnotes';

/** Top-level headings of a report and what each holds. Matched against the heading text, case-insensitively. */
export const HEADINGS: { re: RegExp; kind: HeadingKind; name?: string }[] = [
  // `Rating` alone is the header cell over a standard's rating, not the section.
  { re: /^ratings$/i, kind: 'ratings', name: 'Ratings' },
  { re: /^recommendations?$/i, kind: 'recommendations', name: 'Recommendations' },
  { re: /^(\d+\s*\.?\s*|domain\s+(?:one|two|\d)\s*[:.–—-]?\s*)?organisational arrangements and activity$/i, kind: 'domain' },
  { re: /^(\d+\s*\.?\s*|domain\s+(?:one|two|\d)\s*[:.–—-]?\s*)?service delivery$/i, kind: 'domain' },
  { re: /^(foreword|executive summary|background|introduction|context|summary|diversity and inclusion|learning from serious further offences|progress on previous recommendations)$/i, kind: 'narrative' },
  // A table of contents lists the headings with their pages: nothing in it is a finding (see CONTENTS_ENTRY_RE).
  { re: /^(table of )?contents$/i, kind: 'front_matter', name: 'Contents' },
  { re: /^(further information|data annexe|data annex|press release|cymraeg|glossary|acknowledgements?|about (this|the) (report|inspection)|effective practice.*|annexe?.*|appendix.*)$/i, kind: 'back_matter' },
  { re: /^(footnotes|endnotes|notes)$/i, kind: 'footnotes', name: 'Footnotes' },
];

/** The subheadings an executive summary is divided by (not sections of their own). */
export const SUMMARY_SUBHEAD_RE = /^(introduction|methodology|context|summary|overview|background)$/i;

/** A page number as it reads once its digits are `#`: `#`, `page #`, `# of #`, `#/#`, `- # -` (text by page, and PDF alike). */
export const PAGE_NUMBER_KEY_RE = /^(?:page\s*)?[-–]?\s*#\s*[-–]?(?:\s*(?:of|\/)\s*#)?$/;

/** An entry of a table of contents: a heading, then (after dot leaders, a cell border or a space) its page number. */
export const CONTENTS_ENTRY_RE = /\S(?:\s*(?:\.{2,}|…+|\|))?\s+\|?\s*\d{1,3}\s*\|?\s*$/;

/** Domain headings, in any rendering (`1. Organisational...`, `  • Service delivery`, `2.Service Delivery`). */
export const DOMAIN_RE = /^(?:#+\s*)?(?:[•\-*]\s*)?(?:(\d)\s*\.?\s*|domain\s+(?:one|two|\d)\s*[:.–—-]?\s*)?(organisational arrangements and activity|service delivery)\s*$/i;
export function domainOf(name: string): 1 | 2 {
  return /organisational/i.test(name) ? 1 : 2;
}

/** A list heading that states the polarity of the bullets under it. */
export const POLARITY_LABELS: { re: RegExp; polarity: 'strength' | 'improvement' }[] = [
  { re: /^(key\s+)?strengths?\s*:?$/i, polarity: 'strength' },
  { re: /^(what\s+(is\s+)?working\s+well|positive\s+practice)\s*:?$/i, polarity: 'strength' },
  { re: /^(key\s+)?areas?\s+(for|of|requiring)\s+(improvement|development)\s*:?$/i, polarity: 'improvement' },
  { re: /^(areas?\s+to\s+improve|weaknesses|what\s+needs\s+to\s+improve)\s*:?$/i, polarity: 'improvement' },
];

/** `Gwent PDU should:` introduces a list of recommendations and names whom they are for. */
export const ADDRESSEE_RE = /^(.{2,160}?)\s+should\s*:\s*$/i;

/** Sentences that introduce a key-question table: layout, not findings. */
export const KQ_INTRO_RE = /^our rating(?![a-z]).*\b(based on|driven by)\b/i;

/** The key-question table's header row. */
export const KQ_HEADER_RE = /^key questions?\b/i;

/** A line that closes the chief inspector's foreword: a signature, not a finding. */
export const SIGNATURE_RE = /^(HM\s+)?Chief Inspector of Probation$|^[A-Z][a-z]+(\s+[A-Z][a-z]+)+\s+(CBE|OBE|MBE|QPM|KC|QC)$/;
