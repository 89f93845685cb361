/**
 * The regex-first pass: one scan finds every number-like token in a span (digits, number words,
 * fraction words); cheap look-ahead tests then turn tokens into explicit mentions:
 * percentages (`41 per cent`, `66%`, ranges `from 102 to 97 per cent`), counts (`26 out of 38`,
 * `three of 16`, `five out of its six`) and fractions (`two-thirds`, `a third`, `half`,
 * `one in five`). Split forms (`Of the 13 cases ..., in eight`) are found afterwards, in
 * split-forms.ts, from the tokens this pass left unused.
 */
import type { QuantityKind } from '../schema/quantity.ts';
import { DIGITS_SRC, NUMBER_WORDS_SRC, SMALL_SRC, parseNumber } from './number-words.ts';
import { isPluralNoun, readNounPhrase } from './units.ts';
import { readNumberWithCompromise } from '../nlp/compromise-numbers.ts';

/** Denominator of each fraction word. */
export const FRACTION_DENOMINATORS: Readonly<Record<string, number>> = {
  half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fourth: 4, fourths: 4, fifth: 5, fifths: 5,
  sixth: 6, sixths: 6, seventh: 7, sevenths: 7, eighth: 8, eighths: 8, ninth: 9, ninths: 9, tenth: 10, tenths: 10,
};

export interface NumToken {
  start: number;
  end: number;
  kind: 'number' | 'fraction';
  /** The number; for a fraction token, its numerator (1 for `a third` and bare `half`). */
  value: number;
  integer: boolean;
  /** A four-digit number 1800..2099 written without a separator. */
  year: boolean;
  /** Glued into a compound (`one-page`, `12-month`, `half-day`) or a score (`4/21`). */
  modifier: boolean;
  /** Followed by `%`, `per cent` or `percent`: offset where that unit ends, else -1. */
  percentEnd: number;
  /** The word `none`: only ever the numerator of a count (`none of the 12 cases`). */
  none: boolean;
  /** Fraction tokens: the denominator and the words as written. */
  denominator: number;
  numeratorText: string | null;
  fractionWord: string;
}

export interface Mention {
  kind: QuantityKind;
  /** The raw span: the number expression only (no qualifier, no unit). */
  start: number;
  end: number;
  numerator: number | null;
  denominator: number | null;
  percent: number | null;
  value: number;
  /** The qualifier is looked for just before this offset. */
  anchor: number;
  /** Where the counted noun phrase may start directly (after the denominator of a count), or -1. */
  unitAt: number;
  /** Where `of <noun phrase>` may follow (the end of the mention; for `40 and 60 per cent`, the shared unit's end). */
  ofAt: number;
  /** Token indices this mention consumed. */
  tokens: number[];
  /** A split form (whole and part apart in one sentence). */
  split: boolean;
  /** For a split form: the unit of its whole, read where the whole was written. */
  splitUnit: string;
  // Filled in by the stage once sentences, qualifiers and units are resolved.
  sentence: number;
  /** Offset of the `(` of a parenthesis holding the mention, or -1. */
  parenStart: number;
  qualifier: string;
  /** The qualifier is written before this mention (not inherited from a coordinated one). */
  ownQualifier: boolean;
  unit: string;
  /** The unit was looked for and settled (a pronoun such as `of them`, or a mass noun): do not inherit. */
  unitSettled: boolean;
}

const FRACTION_WORDS_SRC = Object.keys(FRACTION_DENOMINATORS).sort((a, b) => b.length - a.length).join('|');
const DASHES = '\\-\\u2010\\u2011\\u2013';
const SEP = `[\\s${DASHES}]+`;

/**
 * A number-like token at one position (sticky). Groups: 1 fraction numerator, 2 fraction word,
 * 3 digits, 4 number words. A token glued to letters (`SDS40`, `3SC`, `rating5`), to a decimal
 * point or thousands comma, to a currency sign or a slash is not a token.
 */
const TOKEN_AT = new RegExp(
  `(?<![A-Za-z0-9_.,/\u00a3$\u20ac])(?:(?:(${SMALL_SRC}|an?)${SEP})?(${FRACTION_WORDS_SRC})|(${DIGITS_SRC})|(${NUMBER_WORDS_SRC})|(none))(?![A-Za-z0-9_])`,
  'iy',
);
/**
 * The fast pre-filter: a digit, or a word that can start or end a number-like token. It runs
 * near regex-scan speed over prose; the full token grammar above runs only where it hits.
 */
const PREFILTER = new RegExp(
  `\\d|\\b(?:dozen|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|none|${FRACTION_WORDS_SRC})\\b`,
  'gi',
);
/** `a third`, `an eighth`, `a hundred`: the article that may open a token found by its second word. */
const ARTICLE_BEFORE = /(?:^|[^A-Za-z])(an?)[\s\-\u2010\u2011\u2013]+$/i;
const PERCENT_AFTER = /^\s*(?:%|per[\s-]*cent\b|percent\b)/i;
/** How far after a number its unit is looked for: room for a line break and an indent (`1.3` / `    per cent`). */
const PERCENT_WINDOW = 40;
/**
 * Right after a token: a continuation of the number that our grammar does not read, so the token
 * as read would be only its first part (`two dozen` as 2, `twelve point five per cent` as five
 * per cent, `Thirty\u00adfive` as five). Such a span goes to the compromise fallback.
 */
const CONTINUATION_AT = new RegExp(
  `(?:${SEP}(?:an?\\s+)?dozen|\\s+point(?:\\s+(?:zero|one|two|three|four|five|six|seven|eight|nine)){1,3}|\\s+and\\s+a\\s+half|[\\u00ad\\u200b\\u2012](?:${SMALL_SRC}))(?![A-Za-z0-9_])`,
  'iy',
);

/** Every number-like token in [start, end) of `text`. */
export function scanTokens(text: string, start: number, end: number): NumToken[] {
  const out: NumToken[] = [];
  PREFILTER.lastIndex = start;
  let pre: RegExpExecArray | null;
  while ((pre = PREFILTER.exec(text)) && pre.index < end) {
    let at = pre.index;
    if (pre[0].length > 1) {
      const from = Math.max(start, at - 5);
      const a = ARTICLE_BEFORE.exec(text.slice(from, at));
      if (a) at = from + a.index + a[0].search(/[Aa]/);
    }
    TOKEN_AT.lastIndex = at;
    let m = TOKEN_AT.exec(text);
    if (!m && at !== pre.index) {
      TOKEN_AT.lastIndex = at = pre.index;
      m = TOKEN_AT.exec(text);
    }
    if (!m) {
      // Our grammar gave up on the word here. Only `dozen` (`a dozen`) is worth a second reader.
      const f = pre[0].length === 5 && /^dozen$/i.test(pre[0]) ? fallbackToken(text, articleStart(text, start, pre.index), pre.index + 5) : null;
      if (f && f.end <= end) {
        out.push(f);
        PREFILTER.lastIndex = f.end;
      }
      continue;
    }
    let t = makeToken(text, m, at);
    if (!t) continue;
    // A number our grammar read only the start of (`two dozen`, `twelve point five`): the fallback decides.
    if ((t.kind === 'number' && !t.none) || (t.kind === 'fraction' && t.numeratorText === null && t.fractionWord === 'half')) {
      CONTINUATION_AT.lastIndex = t.end;
      const c = CONTINUATION_AT.exec(text);
      if (c) t = fallbackToken(text, t.start, t.end + c[0].length) ?? t;
    }
    if (t.end > end) break;
    out.push(t);
    PREFILTER.lastIndex = t.end;
  }
  return out;
}

/** Glued into a compound (`one-page`, `half-day`) or a score (`4/21`) at `e`, the token's end. */
function modifierAt(text: string, e: number): boolean {
  const next = text.charCodeAt(e);
  const glued = (next === 45 || next === 0x2010 || next === 0x2011 || next === 0x2013) && /[A-Za-z]/.test(text[e + 1] ?? '');
  return glued || next === 47; /* '/' */
}

/** `a`/`an` right before `pos` (`a dozen` where the pre-filter hit `dozen`), else `pos`. */
function articleStart(text: string, floor: number, pos: number): number {
  const from = Math.max(floor, pos - 5);
  const a = ARTICLE_BEFORE.exec(text.slice(from, pos));
  return a ? from + a.index + a[0].search(/[Aa]/) : pos;
}

/**
 * The fallback reader: a number token for [s, e) when compromise reads the span as one cardinal
 * number (short spans of number words only; see src/nlp/compromise-numbers.ts), else null.
 */
function fallbackToken(text: string, s: number, e: number): NumToken | null {
  const value = readNumberWithCompromise(text.slice(s, e));
  if (value === null) return null;
  const pm = PERCENT_AFTER.exec(text.slice(e, e + PERCENT_WINDOW));
  return { start: s, end: e, kind: 'number', value, integer: Number.isInteger(value), year: false, modifier: modifierAt(text, e), percentEnd: pm ? e + pm[0].length : -1, none: false, denominator: 0, numeratorText: null, fractionWord: '' };
}

function makeToken(text: string, m: RegExpExecArray, s: number): NumToken | null {
  const e = s + m[0].length;
  const modifier = modifierAt(text, e);
  if (m[2] !== undefined) {
    const word = m[2].toLowerCase();
    const numText = m[1] ?? null;
    let value = 1;
    if (numText !== null && !/^an?$/i.test(numText)) {
      const p = parseNumber(numText);
      if (!p.ok) return null;
      value = p.value;
    }
    return { start: s, end: e, kind: 'fraction', value, integer: true, year: false, modifier, percentEnd: -1, none: false, denominator: FRACTION_DENOMINATORS[word]!, numeratorText: numText, fractionWord: word };
  }
  if (m[5] !== undefined) {
    return { start: s, end: e, kind: 'number', value: 0, integer: true, year: false, modifier, percentEnd: -1, none: true, denominator: 0, numeratorText: null, fractionWord: '' };
  }
  const raw = m[3] ?? m[4]!;
  const p = parseNumber(raw);
  if (!p.ok) return null;
  const value = p.value;
  const isDigits = m[3] !== undefined;
  const integer = Number.isInteger(value) && !raw.includes('.');
  const year = isDigits && /^\d{4}$/.test(raw) && value >= 1800 && value <= 2099;
  const pm = PERCENT_AFTER.exec(text.slice(e, e + PERCENT_WINDOW));
  return { start: s, end: e, kind: 'number', value, integer, year, modifier, percentEnd: pm ? e + pm[0].length : -1, none: false, denominator: 0, numeratorText: null, fractionWord: '' };
}

const RANGE_GAP = /^\s*(?:to|and|or|-|\u2013|\u2014)\s*$/i;
const COUNT_GAP = /^\s*(?:out\s+of|out|of)\s+(?:(?:the|its|their|these|those|our|every|all(?:\s+of)?(?:\s+the)?)\s+)?$/i;
const IN_GAP = /^\s+in\s+(?:every\s+)?$/i;
/** A number that is a time or a date, not a count. */
const TIME_AFTER_RE = /^[\s\-\u2013]*(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|yrs?|year-olds?|o'clock)\b/i;
/** Month names are matched with their capital, so `may` the verb is not a date. */
const MONTH_AFTER_RE = /^[\s\-\u2013]*(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/;
const TIME_AFTER = { test: (s: string) => TIME_AFTER_RE.test(s) || MONTH_AFTER_RE.test(s) };
/** A copula, `as` or an apposition comma before `one of six PDUs` makes it membership, not a share. */
const MEMBERSHIP_BEFORE = /(?:\b(?:is|was|are|were|be|been|being|as|remains|remained|becomes|became|become)|[A-Za-z)],)\s+$/i;
/** A score or a position in a sequence, not a part of a whole: `a score of 4 out of 21`, `week 3 of 12`. */
const SCORE_BEFORE = /\b(?:scor(?:e|es|ed|ing)|points?|marks?|stars?|level|tier|stage|phase|band|grade|step|week|day|month|year|page|section|chapter|part|standard|question|item|version|round|wave|module|session|quarter|figure|table|chart|annex|appendix|paragraph|recommendation|no\.)\s+(?:of\s+)?$/i;
const SCORE_AFTER = /^\s+(?:points?|marks?|stars?)\b/i;
/** `rated 3 out of 5` is a score, but `rated 45 of the 60 cases as sufficient` is a count: decided by the noun after. */
const RATED_BEFORE = /\b(?:rated|rating|ranked|ranking)\s+$/i;
/** `(27 per cent)` right after a number. */
const PAREN_AFTER = /^\s*\([^()]{1,30}\)/;
/** `12 cases out of 20`, `nine people out of the 14`. */
const NOUN_COUNT_GAP = /^\s+(?:[A-Za-z][A-Za-z\-]*\s+){1,2}out\s+of\s+(?:(?:the|its|their|these|those|our|every|all(?:\s+the)?)\s+)?$/i;
const ALL_BUT_BEFORE = /\ball\s+but\s+$/i;
const FRACTION_TIME_AFTER = /^[\s\-\u2013]*(?:days?|hours?|weeks?|months?|years?|yearly|hourly|time|term|terms|way|decade|century|dozen|price|final|finals|mile|miles)\b/i;
/** `a third of their sentence`, `half of the year`, `a quarter of 2024`: the time noun must head the phrase (`half of sentence plans` is a share). */
const FRACTION_DURATION_OF = /^\s+of\s+(?:(?:the|their|its|his|her|this|that|a|an)\s+)?(?:(?:[a-z\-]+\s+)?(?:year|month|week|day|hour|period|decade|century|sentence|supervision|order|licence|license|term|session|programme|program|time|meeting|interview)\b(?!s)(?![\s\-]+(?!was\b|has\b|is\b|as\b|this\b|its\b|thus\b)[a-z]+s\b)|(?:year\s+)?\d{4}\b)/i;
const HALF_DETERMINER_BEFORE = /\b(?:the|first|second|final|last|latter|former|other|this|that|its|their|his|her|each|every|per|once|twice)\s+$/i;
const FREQUENCY_BEFORE = /\b(?:once|twice|times|per|each|every)\s+$/i;
/** `one and a half days`: a mixed number, not a share. */
const MIXED_NUMBER_BEFORE = /(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s+and\s+$/i;
/** `between a third and a half`, `rose by a quarter`: an article fraction that is a share without `of`. */
const SHARE_CONTEXT = /^\s+(?:and|or|to)\s+(?:an?|one|two|three|four|half)\b/i;
const BY_BEFORE = /\bby\s+$/i;
/** After `rose by a quarter`: a preposition, not a noun (`by a third sector partner`). */
const PREPOSITION_FOLLOWS = /^\s+(?:between|from|since|in|on|over|during|compared|against|across|after|before|within|to)\b/i;
/** After `a third` / `a quarter`: a share is followed by `of`, punctuation, the end, or a verb. */
const SHARE_FOLLOWS = /^(?:\s*(?:of\b|[,.;:)!?(\u2013\u2014]|$)|\s+(?:were|was|had|have|has|are|is|did|do|does|could|would|should|will|can|may|might|must|received|said|felt)\b|\s+[a-z]+ed\b)/i;

export interface ExplicitOptions {
  /** True when a qualifier is written just before `pos` (a share even without `of`). */
  hasQualifierBefore: (pos: number) => boolean;
}

/** Turn tokens into explicit mentions; `used` receives the indices of consumed tokens. */
export function explicitMentions(text: string, tokens: NumToken[], used: Set<number>, opts: ExplicitOptions): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const t = tokens[i]!;
    if (t.kind === 'fraction') {
      const m = fractionMention(text, t, opts);
      if (m) {
        m.tokens = [i];
        used.add(i);
        out.push(m);
      }
      continue;
    }
    if (t.modifier) continue;
    // Percentages.
    if (t.percentEnd >= 0 && !t.year && !t.none) {
      out.push(mention('percent', t.start, t.percentEnd, { percent: t.value, value: t.value / 100, anchor: t.start, tokens: [i] }));
      used.add(i);
      continue;
    }
    let j = i + 1;
    let u = tokens[j];
    if (!u) continue;
    let gap = text.slice(t.end, u.start);
    // `12 (27 per cent) of the 45 cases`: look past a bracketed restatement for the whole.
    const paren = PAREN_AFTER.exec(text.slice(t.end, t.end + 40));
    if (paren && u.start < t.end + paren[0].length && tokens[j + 1]) {
      const v = tokens[j + 1]!;
      const g2 = text.slice(t.end + paren[0].length, v.start);
      if (v.start >= t.end + paren[0].length && COUNT_GAP.test(g2)) {
        j++;
        u = v;
        gap = g2;
      }
    }
    if (u.kind !== 'number' || u.modifier) continue;
    // The first number of a range sharing one unit: `from 102 to 97 per cent`.
    if (u.percentEnd >= 0 && !t.year && !t.none && RANGE_GAP.test(gap)) {
      out.push(mention('percent', t.start, t.end, { percent: t.value, value: t.value / 100, anchor: t.start, ofAt: u.percentEnd, tokens: [i] }));
      used.add(i);
      continue;
    }
    if (!t.integer || !u.integer || t.year || u.year || u.percentEnd >= 0) continue;
    if (TIME_AFTER.test(text.slice(u.end, u.end + 16))) continue;
    // Counts: `26 out of 38`, `16 out 45`, `three of 16`, `five out of its six`.
    if (COUNT_GAP.test(gap)) {
      const before = text.slice(Math.max(0, t.start - 24), t.start);
      if (t.value === 1 && MEMBERSHIP_BEFORE.test(before)) continue; // Cardiff was one of six PDUs
      if (SCORE_BEFORE.test(before) || SCORE_AFTER.test(text.slice(u.end, u.end + 12))) continue; // a score of 4 out of 21, week 3 of 12
      if (RATED_BEFORE.test(before) && !isPluralNoun(readNounPhrase(text, u.end, u.end + 60).unit)) continue; // rated 3 out of 5
      // `all but two of the 20` counts the 18.
      const allBut = ALL_BUT_BEFORE.exec(before);
      const start = allBut ? t.start - allBut[0].length : t.start;
      const num = allBut ? u.value - t.value : t.value;
      out.push(mention('count_of', start, u.end, { numerator: num, denominator: u.value, value: u.value === 0 ? 0 : num / u.value, anchor: start, unitAt: u.end, tokens: [i, j] }));
      used.add(i).add(j);
      if (j === i + 1) i++;
      continue;
    }
    // `in 12 cases out of 20`: the counted noun between the numbers.
    const nounGap = NOUN_COUNT_GAP.exec(gap);
    if (nounGap && !t.none && !SCORE_AFTER.test(gap)) {
      out.push(mention('count_of', t.start, u.end, { numerator: t.value, denominator: u.value, value: u.value === 0 ? 0 : t.value / u.value, anchor: t.start, unitAt: t.end, tokens: [i, j] }));
      used.add(i).add(j);
      if (j === i + 1) i++;
      continue;
    }
    if (t.none) continue;
    // `one in five` cases: a fraction with its numbers kept.
    if (IN_GAP.test(gap) && t.value >= 1 && t.value < u.value && u.value <= 1000 && !SCORE_BEFORE.test(text.slice(Math.max(0, t.start - 24), t.start))) {
      out.push(mention('fraction', t.start, u.end, { numerator: t.value, denominator: u.value, value: t.value / u.value, anchor: t.start, unitAt: u.end, tokens: [i, i + 1] }));
      used.add(i).add(i + 1);
      i++;
    }
  }
  return out;
}

function fractionMention(text: string, t: NumToken, opts: ExplicitOptions): Mention | null {
  if (t.modifier) return null; // half-day, third-party
  const word = t.fractionWord;
  const before = text.slice(Math.max(0, t.start - 16), t.start);
  const after = text.slice(t.end, t.end + 60);
  const article = t.numeratorText !== null && /^(?:an?|one)$/i.test(t.numeratorText);
  if (t.numeratorText === null) {
    // A bare `third`, `quarter` or `fifth` is an ordinal or a calendar quarter; only `half` is a share.
    if (word !== 'half') return null;
    if (HALF_DETERMINER_BEFORE.test(before)) return null; // the first half, the other half
  } else if (/^an?$/i.test(t.numeratorText) && (FREQUENCY_BEFORE.test(before) || MIXED_NUMBER_BEFORE.test(before))) {
    return null; // once a quarter, one and a half
  }
  if (/^\s+an?\s/i.test(after)) return null; // half a day
  if (FRACTION_TIME_AFTER.test(after)) return null; // half term, a quarter mile
  if (FRACTION_DURATION_OF.test(after)) return null; // a third of their sentence
  const singular = !word.endsWith('s') || word === 'halves';
  if (article && singular && word !== 'half' && !SHARE_FOLLOWS.test(after) && !SHARE_CONTEXT.test(after) && !(BY_BEFORE.test(before) && PREPOSITION_FOLLOWS.test(after)) && !opts.hasQualifierBefore(t.start)) {
    return null; // a third sector partner, a third party
  }
  return mention('fraction', t.start, t.end, { value: t.value / t.denominator, anchor: t.start, tokens: [] });
}

/** A mention with the fields later passes fill in (qualifier, unit, sentence) still blank. */
export function mention(
  kind: QuantityKind,
  start: number,
  end: number,
  f: { numerator?: number; denominator?: number; percent?: number; value: number; anchor: number; unitAt?: number; ofAt?: number; tokens: number[] },
): Mention {
  return {
    kind,
    start,
    end,
    numerator: f.numerator ?? null,
    denominator: f.denominator ?? null,
    percent: f.percent ?? null,
    value: f.value,
    anchor: f.anchor,
    unitAt: f.unitAt ?? -1,
    ofAt: f.ofAt ?? end,
    tokens: f.tokens,
    split: false,
    splitUnit: '',
    sentence: -1,
    parenStart: -1,
    qualifier: '',
    ownQualifier: false,
    unit: '',
    unitSettled: false,
  };
}

/** True when the token is a plain count word or figure that could be a whole or a part. */
export function isBareInteger(text: string, t: NumToken): boolean {
  return t.kind === 'number' && !t.none && t.integer && !t.year && !t.modifier && t.percentEnd < 0 && !TIME_AFTER.test(text.slice(t.end, t.end + 16));
}
