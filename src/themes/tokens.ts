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
  /** The shared info object of each word (set by `tokenize`; lets a matcher memoise per word). */
  info?: WordInfo[];
}

/** What the tagger needs of one word as written; one shared object per distinct word. */
export interface WordInfo {
  lower: string;
  stem: string;
  caps: string;
  /** A matcher's own memo for this word (see PatternTrie), with the matcher it belongs to. */
  memoOwner: unknown;
  memo: unknown;
  /** The same for the cue matcher (see findPassingSpans). */
  cueOwner: unknown;
  cueMemo: unknown;
}

const WORD_CACHE_LIMIT = 200_000;

/**
 * The word cache: an open-addressing hash table keyed by the word's characters, so that a word is
 * looked up straight from the text, without slicing it out first.
 */
let tableBits = 14;
let tableMask = (1 << tableBits) - 1;
let tableKeys: Array<string | undefined> = new Array(1 << tableBits).fill(undefined);
let tableHashes = new Int32Array(1 << tableBits);
let tableInfos: Array<WordInfo | undefined> = new Array(1 << tableBits).fill(undefined);
let tableSize = 0;

const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;

function hashRange(src: string, s: number, e: number): number {
  let h = HASH_SEED;
  for (let i = s; i < e; i++) h = Math.imul(h ^ src.charCodeAt(i), HASH_PRIME);
  return h;
}

function makeInfo(surface: string): WordInfo {
  const lower = surface.toLowerCase();
  let caps = '';
  if (surface.length >= 2 && /^[A-Z0-9]*[A-Z][A-Z0-9]*s?$/.test(surface) && /^[A-Z]/.test(surface)) {
    caps = surface.endsWith('s') ? surface.slice(0, -1) : surface;
    if (caps.length < 2) caps = '';
  }
  return { lower, stem: stem(lower), caps, memoOwner: null, memo: null, cueOwner: null, cueMemo: undefined };
}

function resetTable(bits: number): void {
  tableBits = bits;
  tableMask = (1 << bits) - 1;
  tableKeys = new Array(1 << bits).fill(undefined);
  tableHashes = new Int32Array(1 << bits);
  tableInfos = new Array(1 << bits).fill(undefined);
  tableSize = 0;
}

function insert(key: string, h: number, info: WordInfo): void {
  let idx = h & tableMask;
  while (tableHashes[idx] !== 0) idx = (idx + 1) & tableMask;
  tableKeys[idx] = key;
  tableHashes[idx] = h;
  tableInfos[idx] = info;
  tableSize++;
}

/** The info of the word `src.slice(s, e)`, from the cache or made and remembered. */
function lookup(src: string, s: number, e: number): WordInfo {
  return lookupHashed(src, s, e, hashRange(src, s, e));
}

/** `lookup` when the caller has already computed `hashRange(src, s, e)`. Slot i is empty when `tableHashes[i]` is 0. */
function lookupHashed(src: string, s: number, e: number, h: number): WordInfo {
  const hk = h === 0 ? 1 : h;
  const len = e - s;
  let idx = hk & tableMask;
  for (;;) {
    const x = tableHashes[idx]!;
    if (x === 0) return addWord(src, s, e, hk);
    if (x === hk) {
      const key = tableKeys[idx]!;
      if (key.length === len && src.startsWith(key, s)) return tableInfos[idx]!;
    }
    idx = (idx + 1) & tableMask;
  }
}

/** Make and remember the info of a word not in the cache (`hk`: its hash, never 0). */
function addWord(src: string, s: number, e: number, hk: number): WordInfo {
  const surface = src.slice(s, e);
  const info = makeInfo(surface);
  if (tableSize >= WORD_CACHE_LIMIT) resetTable(14);
  else if ((tableSize + 1) * 2 > tableMask + 1) {
    // Grow: keep the load under one half.
    const keys = tableKeys;
    const hashes = tableHashes;
    const infos = tableInfos;
    resetTable(tableBits + 1);
    for (let i = 0; i < keys.length; i++) if (hashes[i] !== 0) insert(keys[i]!, hashes[i]!, infos[i]!);
  }
  insert(surface, hk, info);
  return info;
}

function wordInfo(surface: string): WordInfo {
  return lookup(surface, 0, surface.length);
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

function isLowerCode(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isLetterCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f);
}

/** Character classes below U+0250: bit 1 a word character, bit 2 a letter. */
const CLASS = new Uint8Array(0x250);
for (let c = 0; c < 0x250; c++) CLASS[c] = (isWordCode(c) ? 1 : 0) | (isLetterCode(c) ? 2 : 0);

/** Tokenize `text.slice(from, to)`; offsets are into `text`. */
export function tokenize(text: string, from = 0, to = text.length): Tokens {
  return tokenizeInto({ n: 0, start: [], end: [], stem: [], lower: [], caps: [], gap: [], info: [] }, text, from, to);
}

/** Empty tokens whose arrays `tokenizeInto` may fill again and again. */
export function scratchTokens(): Tokens {
  return { n: 0, start: [], end: [], stem: [], lower: [], caps: [], gap: [], info: [] };
}

/**
 * `tokenize`, writing into `t` (made by `scratchTokens`) instead of new arrays: for a caller
 * that is done with the previous tokens. Only the first `t.n` entries of each array are the
 * text's; entries past them are left over from earlier texts.
 */
export function tokenizeInto(t: Tokens, text: string, from = 0, to = text.length): Tokens {
  t.n = 0;
  const info = (t.info ??= []);
  let prevEnd = from;
  let i = from;
  while (i < to) {
    // Skip to the next word.
    let c = text.charCodeAt(i);
    while (!(c < 0x250 && (CLASS[c]! & 1) !== 0)) {
      if (++i >= to) break;
      c = text.charCodeAt(i);
    }
    if (i >= to) break;
    const s = i;
    // The word's hash is built as it is read (see hashRange).
    let h = HASH_SEED;
    do {
      h = Math.imul(h ^ c, HASH_PRIME);
      if (++i >= to) break;
      c = text.charCodeAt(i);
    } while (c < 0x250 && (CLASS[c]! & 1) !== 0);
    // Internal apostrophes followed by letters belong to the word ("don't", "children's").
    let hBeforeQuote = h;
    while (i + 1 < to) {
      const q = text.charCodeAt(i);
      const l = text.charCodeAt(i + 1);
      if ((q !== 39 && q !== 0x2019) || !(l < 0x250 && (CLASS[l]! & 2) !== 0)) break;
      hBeforeQuote = h;
      h = Math.imul(Math.imul(h ^ q, HASH_PRIME) ^ l, HASH_PRIME);
      i += 2;
      while (i < to) {
        const m = text.charCodeAt(i);
        if (!(m < 0x250 && (CLASS[m]! & 2) !== 0)) break;
        h = Math.imul(h ^ m, HASH_PRIME);
        i++;
      }
    }
    const e = i;
    // Drop a possessive 's / ’s (the last quote's segment, so the hash is the one before it).
    let se = e;
    if (e - s > 2 && text.charCodeAt(e - 1) === 115 /* s */) {
      const q = text.charCodeAt(e - 2);
      if (q === 39 || q === 0x2019) {
        se = e - 2;
        h = hBeforeQuote;
      }
    }
    // A word broken across a line by a hyphen ("informa-\ntion"): join it with the previous token.
    if (t.n > 0 && text.charCodeAt(prevEnd) === 45 && isLowerCode(text.charCodeAt(s)) && SOFT_HYPHEN_GAP.test(text.slice(prevEnd, s)) && /[a-z]$/.test(t.lower[t.n - 1]!)) {
      const k = t.n - 1;
      const w = wordInfo(text.slice(t.start[k]!, t.end[k]!) + text.slice(s, se));
      t.end[k] = se;
      t.stem[k] = w.stem;
      t.lower[k] = w.lower;
      t.caps[k] = w.caps;
      info[k] = w;
      prevEnd = e;
      continue;
    }
    const w = lookupHashed(text, s, se, h);
    const n = t.n;
    t.start[n] = s;
    t.end[n] = se;
    t.stem[n] = w.stem;
    t.lower[n] = w.lower;
    t.caps[n] = w.caps;
    info[n] = w;
    // Fast path: a single space between words.
    t.gap[n] = n === 0 || (s - prevEnd === 1 && text.charCodeAt(prevEnd) === 32) ? 0 : gapFlags(text, prevEnd, s);
    t.n = n + 1;
    prevEnd = e;
  }
  return t;
}

/** Flags for the text after the last token (e.g. a closing full stop). */
export function trailingGap(text: string, tokens: Tokens, to: number): number {
  if (tokens.n === 0) return 0;
  return gapFlags(text, tokens.end[tokens.n - 1]!, to);
}
