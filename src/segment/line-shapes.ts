/** Shapes of lines that the segmenter and its table readers both look for. */
import type { Line } from '../core/lines.ts';
import { RATING_RE_SRC } from './vocabulary.ts';

/** A list item's marker: `- `, `• `, `1. `, `2) ` (with its indent). */
export const BULLET_RE = /^(\s*)([-•●▪◦‣∙*–]|\d{1,2}[.)])\s+(?=\S)/;

/** A line that is a rating, or a piece of one cut by a narrow column (`Requires` / `improvement`). */
export const RATING_PART_RE = new RegExp(`^(?:${RATING_RE_SRC.slice(1, -1)}|Requires|improvement)$`, 'i');

/** A piece of the key-question table's header standing alone: `Percentage`, `‘Yes’`, `Percentage ‘Yes’`. */
export const KQ_HEADER_PART_RE = /^(?:percentage(?:\s+[‘'"“]?yes[’'"”]?)?|[‘'"“]yes[’'"”])$/i;

/** Two consecutive lines read as one (the line break as spaces), with offsets into the text. */
export function joinLines(a: Line, b: Line): Line {
  const gap = ' '.repeat(b.start - a.end);
  return { index: a.index, start: a.start, end: b.end, raw: a.raw + gap + b.raw, norm: a.norm + gap + b.norm };
}

/** Leading whitespace of a line, in characters. */
export function indentOf(line: Line): number {
  return line.norm.length - line.norm.trimStart().length;
}
