/**
 * Qualifiers: the hedge or emphasis that governs a quantity mention (`almost two-thirds`,
 * `only 84 of 235`, `only just over a third`), and the range each implies.
 *
 * Everything a qualifier means lives in the two tables below, as data:
 * - `QUALIFIER_SENSES` says, for each sense, how far the range reaches below and above the
 *   value `v` (a proportion: 0.41 for 41 per cent). Each bound is `v + dir * min(abs, rel * v)`,
 *   so a hedge on a small share stays proportionate (`around 11 per cent` is 0.088..0.132, not
 *   0.06..0.16) while a hedge on a large share is capped (`over 70 per cent` is 0.70..0.85).
 * - `QUALIFIER_PHRASES` maps each phrase, as written, to its sense.
 * Ranges are closed numbers; whether an end is excluded (`almost half` never reaches 0.5) is a
 * property of the sense, documented in `exclusive`. Ranges are clipped to 0..1 for proportions
 * (a percentage above 100, such as a workload of 140 per cent of capacity, is clipped at 0 only).
 */

export type QualifierSense =
  | 'exact'
  | 'approx'
  | 'just-under'
  | 'under'
  | 'at-most'
  | 'well-under'
  | 'just-over'
  | 'over'
  | 'at-least'
  | 'well-over';

/** One side of a range: `v + dir * min(abs, rel * v)`. */
export interface Bound {
  dir: -1 | 0 | 1;
  abs: number;
  rel: number;
}

export interface SenseRange {
  low: Bound;
  high: Bound;
  /** Which ends the wording excludes (`almost half` < 0.5; `over half` > 0.5). */
  exclusive: 'none' | 'low' | 'high' | 'both';
  /** What the sense means, for the README and for people reading the data. */
  meaning: string;
}

const Z: Bound = { dir: 0, abs: 0, rel: 0 };
const b = (dir: -1 | 1, abs: number, rel: number): Bound => ({ dir, abs, rel });

/** How far each sense reaches. Edit here, and the README table, together. */
export const QUALIFIER_SENSES: Readonly<Record<QualifierSense, SenseRange>> = {
  exact: { low: Z, high: Z, exclusive: 'none', meaning: 'emphasis, not a hedge: the value as written' },
  approx: { low: b(-1, 0.05, 0.2), high: b(1, 0.05, 0.2), exclusive: 'none', meaning: 'either side of the value' },
  'just-under': { low: b(-1, 0.05, 0.2), high: Z, exclusive: 'high', meaning: 'a little below the value' },
  under: { low: b(-1, 0.15, 0.5), high: Z, exclusive: 'high', meaning: 'below the value' },
  'at-most': { low: b(-1, 0.15, 0.5), high: Z, exclusive: 'none', meaning: 'the value is a ceiling' },
  'well-under': { low: b(-1, 0.3, 0.75), high: b(-1, 0.05, 0.2), exclusive: 'none', meaning: 'clearly below the value' },
  'just-over': { low: Z, high: b(1, 0.05, 0.2), exclusive: 'low', meaning: 'a little above the value' },
  over: { low: Z, high: b(1, 0.15, 0.5), exclusive: 'low', meaning: 'above the value' },
  'at-least': { low: Z, high: b(1, 0.15, 0.5), exclusive: 'none', meaning: 'the value is a floor' },
  'well-over': { low: b(1, 0.05, 0.2), high: b(1, 0.3, 0.75), exclusive: 'none', meaning: 'clearly above the value' },
};

/** Every phrase recognised as a qualifier, lower-case, with its sense. */
export const QUALIFIER_PHRASES: ReadonlyArray<readonly [string, QualifierSense]> = [
  // emphasis: the number as written
  ['only', 'exact'], ['just', 'exact'], ['merely', 'exact'], ['a mere', 'exact'], ['exactly', 'exact'],
  ['precisely', 'exact'], ['as many as', 'exact'], ['as few as', 'exact'],
  // approximately
  ['around', 'approx'], ['about', 'approx'], ['approximately', 'approx'], ['approx.', 'approx'], ['roughly', 'approx'],
  ['some', 'approx'], ['circa', 'approx'], ['close to', 'approx'], ['an estimated', 'approx'], ['estimated', 'approx'],
  ['in the region of', 'approx'], ['of the order of', 'approx'], ['broadly', 'approx'],
  // a little under
  ['almost', 'just-under'], ['nearly', 'just-under'], ['just under', 'just-under'], ['just below', 'just-under'],
  ['just short of', 'just-under'], ['just less than', 'just-under'], ['just fewer than', 'just-under'],
  ['slightly under', 'just-under'], ['slightly below', 'just-under'], ['slightly less than', 'just-under'],
  ['slightly fewer than', 'just-under'], ['slightly lower than', 'just-under'], ['a little under', 'just-under'],
  ['a little below', 'just-under'], ['a little less than', 'just-under'], ['a little fewer than', 'just-under'],
  ['marginally below', 'just-under'], ['marginally under', 'just-under'], ['marginally less than', 'just-under'],
  ['marginally lower than', 'just-under'], ['not quite', 'just-under'], ['barely', 'just-under'],
  // under
  ['less than', 'under'], ['fewer than', 'under'], ['under', 'under'], ['below', 'under'], ['lower than', 'under'],
  ['short of', 'under'],
  // at most
  ['up to', 'at-most'], ['at most', 'at-most'], ['no more than', 'at-most'], ['not more than', 'at-most'],
  ['a maximum of', 'at-most'], ['no higher than', 'at-most'],
  // well under
  ['well under', 'well-under'], ['well below', 'well-under'], ['well short of', 'well-under'], ['far below', 'well-under'],
  ['far fewer than', 'well-under'], ['far less than', 'well-under'], ['much less than', 'well-under'],
  ['much lower than', 'well-under'], ['considerably less than', 'well-under'], ['considerably fewer than', 'well-under'],
  ['considerably lower than', 'well-under'], ['considerably below', 'well-under'], ['significantly less than', 'well-under'],
  ['significantly fewer than', 'well-under'], ['significantly lower than', 'well-under'], ['significantly below', 'well-under'],
  ['substantially less than', 'well-under'], ['substantially below', 'well-under'],
  // a little over
  ['just over', 'just-over'], ['just above', 'just-over'], ['just more than', 'just-over'], ['slightly over', 'just-over'],
  ['slightly above', 'just-over'], ['slightly more than', 'just-over'], ['slightly higher than', 'just-over'],
  ['a little over', 'just-over'], ['a little above', 'just-over'], ['a little more than', 'just-over'],
  ['a little higher than', 'just-over'], ['marginally above', 'just-over'], ['marginally over', 'just-over'],
  ['marginally more than', 'just-over'], ['marginally higher than', 'just-over'],
  // over
  ['over', 'over'], ['more than', 'over'], ['above', 'over'], ['greater than', 'over'], ['higher than', 'over'],
  ['in excess of', 'over'], ['exceeding', 'over'], ['upwards of', 'over'],
  // at least
  ['at least', 'at-least'], ['no fewer than', 'at-least'], ['no less than', 'at-least'], ['not less than', 'at-least'],
  ['a minimum of', 'at-least'], ['no lower than', 'at-least'],
  // well over
  ['well over', 'well-over'], ['well above', 'well-over'], ['well in excess of', 'well-over'], ['far more than', 'well-over'],
  ['much more than', 'well-over'], ['much higher than', 'well-over'], ['considerably more than', 'well-over'],
  ['considerably higher than', 'well-over'], ['considerably above', 'well-over'], ['significantly more than', 'well-over'],
  ['significantly higher than', 'well-over'], ['significantly above', 'well-over'], ['substantially more than', 'well-over'],
  ['substantially higher than', 'well-over'], ['substantially above', 'well-over'],
];

const SENSE_OF = new Map<string, QualifierSense>(QUALIFIER_PHRASES.map(([p, s]) => [p, s]));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest phrases first, so `just over` wins over `over`; spaces match any run of whitespace. */
const ALTERNATION = [...SENSE_OF.keys()]
  .sort((a, b2) => b2.length - a.length)
  .map((p) => escape(p).replace(/ /g, '\\s+'))
  .join('|');
/** A qualifier phrase that ends the string (after optional spaces), preceded by a non-letter. */
const TRAILING_QUALIFIER = new RegExp(`(?:^|[^A-Za-z])(${ALTERNATION})\\s+$`, 'i');

export interface FoundQualifier {
  /** Lower-case, single-spaced, as written: `only just over`. */
  text: string;
  /** Offset of the first qualifier word. */
  start: number;
  sense: QualifierSense;
}

/** Longest phrase, in words. */
const MAX_WORDS = Math.max(...QUALIFIER_PHRASES.map(([p]) => p.split(' ').length));

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 46; /* a-z A-Z . */
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 160 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f;

/** Last words of all phrases: a quick test that rules out most positions without collecting words. */
const FINAL_WORDS = new Set(QUALIFIER_PHRASES.map(([p]) => p.slice(p.lastIndexOf(' ') + 1)));

/**
 * The (possibly stacked) qualifier written immediately before `pos`, looking no further back
 * than `floor` (a sentence or clause start). Returns null when there is none.
 * Reads words backwards and looks phrases up in the table (longest first): no regex per call.
 */
export function findQualifierBefore(text: string, pos: number, floor: number): FoundQualifier | null {
  // Fast path: the word just before pos must end some phrase.
  {
    let j = pos;
    while (j > floor && isSpace(text.charCodeAt(j - 1))) j--;
    if (j === pos) return null;
    let k = j;
    while (k > floor && isWordChar(text.charCodeAt(k - 1))) k--;
    if (k === j || !FINAL_WORDS.has(text.slice(k, j).toLowerCase())) return null;
  }
  // Collect up to (stack depth x longest phrase) words ending right before pos, separated by spaces only.
  const words: Array<{ start: number; end: number }> = [];
  let i = pos;
  const limit = Math.max(floor, pos - 100);
  while (words.length < MAX_WORDS * 3) {
    let j = i;
    while (j > limit && isSpace(text.charCodeAt(j - 1))) j--;
    if (j === i) break; // the word must be followed by a space
    let k = j;
    while (k > limit && isWordChar(text.charCodeAt(k - 1))) k--;
    if (k === j) break;
    if (k > limit && !isSpace(text.charCodeAt(k - 1)) && k !== floor) {
      // glued to punctuation before it (`(only`): still a word, but the run stops there
      words.unshift({ start: k, end: j });
      break;
    }
    words.unshift({ start: k, end: j });
    i = k;
  }
  const parts: string[] = [];
  let end = words.length;
  let start = pos;
  while (end > 0) {
    let found = 0;
    for (let n = Math.min(MAX_WORDS, end); n >= 1; n--) {
      let phrase = '';
      for (let w = end - n; w < end; w++) phrase += (phrase ? ' ' : '') + text.slice(words[w]!.start, words[w]!.end).toLowerCase();
      if (SENSE_OF.has(phrase)) {
        parts.unshift(phrase);
        start = words[end - n]!.start;
        found = n;
        break;
      }
    }
    if (!found) break;
    end -= found;
  }
  if (!parts.length) return null;
  const q = parts.join(' ');
  return { text: q, start, sense: senseOf(q) ?? 'exact' };
}

/**
 * The sense of a qualifier, stacked or not. Phrases are peeled off the end (longest first); the
 * innermost phrase that is not mere emphasis decides (`only just over` is `just-over`).
 */
const senseMemo = new Map<string, QualifierSense | null>();
export function senseOf(qualifier: string): QualifierSense | null {
  const hit = senseMemo.get(qualifier);
  if (hit !== undefined) return hit;
  const sense = computeSense(qualifier);
  if (senseMemo.size < 10_000) senseMemo.set(qualifier, sense);
  return sense;
}

function computeSense(qualifier: string): QualifierSense | null {
  let rest = qualifier.toLowerCase().trim().replace(/\s+/g, ' ');
  if (!rest) return null;
  let sense: QualifierSense | null = null;
  while (rest) {
    const m = TRAILING_QUALIFIER.exec(`${rest} `);
    if (!m) return null;
    const s = SENSE_OF.get(m[1]!.toLowerCase().replace(/\s+/g, ' '))!;
    if (sense === null || sense === 'exact') sense = s;
    rest = rest.slice(0, rest.length - m[1]!.length).trim();
  }
  return sense;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const bound = (v: number, bd: Bound) => v + bd.dir * Math.min(bd.abs, bd.rel * Math.abs(v));

/**
 * The range a qualifier implies around a proportion `value`. No qualifier (or an emphasis such as
 * `only`) gives low = high = value. Rounded to 4 decimals like every value in the datasets.
 */
export function qualifierRange(qualifier: string, value: number): { low: number; high: number } {
  const sense = senseOf(qualifier) ?? 'exact';
  const r = QUALIFIER_SENSES[sense];
  let low = bound(value, r.low);
  let high = bound(value, r.high);
  const ceiling = value <= 1 ? 1 : Infinity;
  low = Math.min(Math.max(low, 0), ceiling);
  high = Math.min(Math.max(high, 0), ceiling);
  return { low: round4(low), high: round4(high) };
}

/** The qualifier table as Markdown (the README embeds this; a test keeps the two in step). */
export function qualifierTableMarkdown(): string {
  const fmt = (bd: Bound) => (bd.dir === 0 ? 'v' : `v ${bd.dir < 0 ? '-' : '+'} min(${bd.abs}, ${bd.rel}v)`);
  const ends: Record<SenseRange['exclusive'], [string, string]> = { none: ['[', ']'], low: ['(', ']'], high: ['[', ')'], both: ['(', ')'] };
  const rows = (Object.keys(QUALIFIER_SENSES) as QualifierSense[]).map((sense) => {
    const r = QUALIFIER_SENSES[sense];
    const [open, close] = ends[r.exclusive];
    const phrases = QUALIFIER_PHRASES.filter(([, s]) => s === sense).map(([p]) => `\`${p}\``).join(', ');
    return `| ${sense} | ${open}${fmt(r.low)}, ${fmt(r.high)}${close} | ${r.meaning} | ${phrases} |`;
  });
  return ['| sense | value_low, value_high | meaning | phrases |', '|---|---|---|---|', ...rows].join('\n');
}
