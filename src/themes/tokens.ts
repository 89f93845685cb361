import { lightStem as stem } from '../nlp/stem.ts';

/**
 * A fast word tokenizer with offsets, built for the theme tagger.
 *
 * Tokens are runs of letters and digits (an apostrophe-s is dropped: "children's" gives
 * "children"). A word broken by a hyphen at the end of a line ("informa-\ntion") is joined back.
 * Between two tokens, the characters of the gap are summarised as flags, so that phrase matching
 * can refuse to run across a comma or a full stop, and the list/cause detector can find clause
 * ends.
 */

/** Gap flags: what lies between a token and the one before it. */
export const GAP_COMMA = 1;
/** `;` or `:` */
export const GAP_SEMI = 2;
/** `.`, `!`, `?` (or a blank line): a sentence ends before this token. */
export const GAP_SENTENCE = 4;
export const GAP_OPEN = 8;
export const GAP_CLOSE = 16;
/** A spaced dash (" - ", " – ", " — "). */
export const GAP_DASH = 32;
/** Any other punctuation that a phrase must not run across (`/`, `|`, `[`, bullets...). */
export const GAP_OTHER = 64;
/** Anything that stops a phrase from matching across the gap. */
export const GAP_BREAKS_PHRASE = GAP_COMMA | GAP_SEMI | GAP_SENTENCE | GAP_OPEN | GAP_CLOSE | GAP_DASH | GAP_OTHER;

export interface Tokens {
  /** Number of tokens. */
  n: number;
  /** Offsets into the text given to `tokenize` (plus its `base`). */
  start: number[];
  end: number[];
  /** Inflectional stem of the lower-cased word (`lightStem`). */
  stem: string[];
  /** Lower-cased word as written. */
  lower: string[];
  /** The word when written in capitals (an acronym such as `CRS`; a plural `SFOs` gives `SFO`), else ''. */
  caps: string[];
  /** GAP_* flags for the characters between this token and the previous one (or the start). */
  gap: number[];
}

interface WordInfo {
  lower: string;
  stem: string;
  caps: string;
}

const wordCache = new Map<string, WordInfo>();
const WORD_CACHE_LIMIT = 200_000;

function wordInfo(surface: string): WordInfo {
  let w = wordCache.get(surface);
  if (w === undefined) {
    const lower = surface.toLowerCase();
    let caps = '';
    if (surface.length >= 2 && /^[A-Z0-9]*[A-Z][A-Z0-9]*s?$/.test(surface) && /^[A-Z]/.test(surface)) {
      caps = surface.endsWith('s') ? surface.slice(0, -1) : surface;
      if (caps.length < 2) caps = '';
    }
    w = { lower, stem: stem(lower), caps };
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    wordCache.set(surface, w);
  }
  return w;
}

// Words are runs of letters (Latin, with accents) and digits; an internal apostrophe followed by
// letters is allowed ("don't"); a trailing possessive is dropped.
const SOFT_HYPHEN_GAP = /^-[ \t]*\r?\n[ \t]*$/;

function gapFlags(text: string, from: number, to: number): number {
  let flags = 0;
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 32: // space
      case 9:
      case 0xa0:
      case 0x2019: // ’
      case 0x2018: // ‘
      case 39: // '
      case 34: // "
      case 0x201c:
      case 0x201d:
      case 0x200b:
      case 13:
        break;
      case 10:
        newlines++;
        break;
      case 44: // ,
        flags |= GAP_COMMA;
        break;
      case 59: // ;
      case 58: // :
        flags |= GAP_SEMI;
        break;
      case 46: // .
      case 33: // !
      case 63: // ?
        flags |= GAP_SENTENCE;
        break;
      case 40: // (
        flags |= GAP_OPEN;
        break;
      case 41: // )
        flags |= GAP_CLOSE;
        break;
      case 45: // -
      case 0x2010:
      case 0x2011:
      case 0x2013: // –
      case 0x2014: // —
        // A dash between spaces is a clause break; a hyphen inside a word is not.
        if (i > from && i + 1 < to && /\s/.test(text[i - 1]!) && /\s/.test(text[i + 1]!)) flags |= GAP_DASH;
        else if (c === 0x2014) flags |= GAP_DASH;
        break;
      default:
        flags |= GAP_OTHER;
    }
  }
  if (newlines >= 2) flags |= GAP_SENTENCE;
  return flags;
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f);
}

function isLetterCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f);
}

/** Tokenize `text.slice(from, to)`; offsets are into `text`. */
export function tokenize(text: string, from = 0, to = text.length): Tokens {
  const t: Tokens = { n: 0, start: [], end: [], stem: [], lower: [], caps: [], gap: [] };
  let prevEnd = from;
  let i = from;
  while (i < to) {
    // Skip to the next word.
    while (i < to && !isWordCode(text.charCodeAt(i))) i++;
    if (i >= to) break;
    const s = i;
    while (i < to && isWordCode(text.charCodeAt(i))) i++;
    // Internal apostrophes followed by letters belong to the word ("don't", "children's").
    while (i + 1 < to) {
      const q = text.charCodeAt(i);
      if ((q !== 39 && q !== 0x2019) || !isLetterCode(text.charCodeAt(i + 1))) break;
      i += 2;
      while (i < to && isLetterCode(text.charCodeAt(i))) i++;
    }
    const e = i;
    let surface = text.slice(s, e);
    // Drop a possessive 's / ’s.
    const len = surface.length;
    if (len > 2 && surface.charCodeAt(len - 1) === 115 /* s */) {
      const q = surface.charCodeAt(len - 2);
      if (q === 39 || q === 0x2019) surface = surface.slice(0, -2);
    }
    // A word broken across a line by a hyphen ("informa-\ntion"): join it with the previous token.
    if (t.n > 0 && text.charCodeAt(prevEnd) === 45 && SOFT_HYPHEN_GAP.test(text.slice(prevEnd, s)) && /[a-z]$/.test(t.lower[t.n - 1]!) && /^[a-z]/.test(surface)) {
      const k = t.n - 1;
      const w = wordInfo(text.slice(t.start[k]!, t.end[k]!) + surface);
      t.end[k] = s + surface.length;
      t.stem[k] = w.stem;
      t.lower[k] = w.lower;
      t.caps[k] = w.caps;
      prevEnd = e;
      continue;
    }
    const w = wordInfo(surface);
    t.start.push(s);
    t.end.push(s + surface.length);
    t.stem.push(w.stem);
    t.lower.push(w.lower);
    t.caps.push(w.caps);
    // Fast path: a single space between words.
    t.gap.push(t.n === 0 || (s - prevEnd === 1 && text.charCodeAt(prevEnd) === 32) ? 0 : gapFlags(text, prevEnd, s));
    t.n++;
    prevEnd = e;
  }
  return t;
}

/** Flags for the text after the last token (e.g. a closing full stop). */
export function trailingGap(text: string, tokens: Tokens, to: number): number {
  if (tokens.n === 0) return 0;
  return gapFlags(text, tokens.end[tokens.n - 1]!, to);
}
