/**
 * Numbers as reports write them: digits (`26`, `3,620`, `1.25`) and English number words
 * (`nine`, `Seventy-nine`, `one hundred and five`, `two thousand three hundred`).
 *
 * Small parsers return `{ok: true, value} | {ok: false, reason}`; nothing here throws on content.
 */

export type ParseResult = { ok: true; value: number } | { ok: false; reason: string };

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const TEENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

/** Regex source for one number below 100 written in words (`seventy-nine`, `nineteen`, `six`). */
const TENS_SRC = Object.keys(TENS).join('|');
const TEENS_SRC = Object.keys(TEENS).join('|');
const UNITS_SRC = Object.keys(UNITS).join('|');
const SEP = String.raw`[\s\-\u2010\u2011\u2013]+`;
export const SMALL_SRC = `(?:(?:${TENS_SRC})(?:${SEP}(?:${UNITS_SRC.replace('zero|', '')}))?|${TEENS_SRC}|${UNITS_SRC})`;
const SCALE_SRC = `(?:hundred|thousand|million)`;

/**
 * Regex source (no flags, no anchors) for a number written in words. `and` is only accepted
 * after a scale word (`one hundred and five`), so `five and nine per cent` stays two numbers.
 * Use with the `i` flag and your own word-boundary guards.
 */
export const NUMBER_WORDS_SRC =
  `(?:(?:${SMALL_SRC}|an?)(?:${SEP}${SCALE_SRC})+(?:${SEP}(?:and${SEP})?${SMALL_SRC}(?:${SEP}${SCALE_SRC})+)*(?:${SEP}(?:and${SEP})?${SMALL_SRC})?|${SMALL_SRC})`;

/** Digits with optional thousands separators and decimals: `26`, `3,620`, `13,427`, `1.25`. */
export const DIGITS_SRC = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;

/**
 * Parse a number written in words: `one`..`ninety-nine`, `hundred(s)`, `thousand(s)`, `million`,
 * with hyphens or spaces (line breaks count as spaces) and an optional `and` after a scale word.
 */
export function parseNumberWords(input: string): ParseResult {
  const words = input
    .toLowerCase()
    .split(/[\s\-\u2010\u2011\u2013]+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return { ok: false, reason: 'empty' };
  const bad = (why: string): ParseResult => ({ ok: false, reason: `${why} in "${input}"` });
  let total = 0;
  /** The group below the next thousand/million (0..999). */
  let current = 0;
  /** The last big scale used (thousand, million): later big scales must be smaller. */
  let lastBig = Infinity;
  type Prev = 'none' | 'a' | 'unit' | 'teen' | 'tens' | 'tens-unit' | 'hundred' | 'big' | 'and';
  let prev: Prev = 'none';
  for (const w of words) {
    if (w === 'and') {
      if (prev !== 'hundred' && prev !== 'big') return bad('"and" must follow hundred or thousand');
      prev = 'and';
    } else if (w === 'a' || w === 'an') {
      if (prev !== 'none') return bad(`"${w}" inside a number`);
      prev = 'a';
    } else if (w in UNITS) {
      if (w === 'zero') {
        if (words.length > 1) return bad('"zero" inside a number');
        return { ok: true, value: 0 };
      }
      if (prev === 'unit' || prev === 'teen' || prev === 'tens-unit' || prev === 'a') return bad(`unexpected "${w}"`);
      current += UNITS[w]!;
      prev = prev === 'tens' ? 'tens-unit' : 'unit';
    } else if (w in TEENS || w in TENS) {
      if (prev === 'unit' || prev === 'teen' || prev === 'tens' || prev === 'tens-unit' || prev === 'a') return bad(`unexpected "${w}"`);
      current += TEENS[w] ?? TENS[w]!;
      prev = w in TEENS ? 'teen' : 'tens';
    } else {
      const scaleWord = w in SCALES ? w : w.endsWith('s') && w.slice(0, -1) in SCALES ? w.slice(0, -1) : '';
      if (!scaleWord) return bad(`"${w}" is not a number word`);
      const scale = SCALES[scaleWord]!;
      if (prev === 'none' || prev === 'and') return bad(`"${w}" needs a number before it`);
      const group = prev === 'a' ? 1 : current;
      if (scale === 100) {
        if (prev === 'hundred' || prev === 'big' || group < 1 || group > 99) return bad('bad hundreds');
        current = group * 100;
        prev = 'hundred';
      } else {
        if (prev === 'big' || group < 1 || group > 999 || scale >= lastBig) return bad(`bad "${w}"`);
        total += group * scale;
        current = 0;
        lastBig = scale;
        prev = 'big';
      }
    }
  }
  if (prev === 'none' || prev === 'a' || prev === 'and') return bad('incomplete number');
  return { ok: true, value: total + current };
}

/** Parse digits (`3,620`, `1.25`) or number words; the caller has already delimited the token. */
export function parseNumber(raw: string): ParseResult {
  const s = raw.trim();
  if (/^\d/.test(s)) {
    if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(s)) return { ok: false, reason: `malformed digits "${raw}"` };
    return { ok: true, value: Number(s.replace(/,/g, '')) };
  }
  return parseNumberWords(s);
}

const BELOW_20 = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS_WORDS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/**
 * Write a whole number 0..999,999 in words, British style (`one hundred and five`,
 * `seventy-nine`). The inverse of `parseNumberWords`, used by the property tests.
 */
export function numberToWords(n: number, opts: { hyphen?: boolean; and?: boolean } = {}): string {
  const hyphen = opts.hyphen ?? true;
  const useAnd = opts.and ?? true;
  if (!Number.isInteger(n) || n < 0 || n > 999_999) throw new RangeError(`numberToWords: ${n} is outside 0..999999`);
  const below100 = (x: number): string => {
    if (x < 20) return BELOW_20[x]!;
    const t = TENS_WORDS[Math.floor(x / 10)]!;
    const u = x % 10;
    return u === 0 ? t : `${t}${hyphen ? '-' : ' '}${BELOW_20[u]}`;
  };
  const below1000 = (x: number, leading: boolean): string => {
    const h = Math.floor(x / 100);
    const r = x % 100;
    const parts: string[] = [];
    if (h > 0) parts.push(`${BELOW_20[h]} hundred`);
    if (r > 0) parts.push((h > 0 || !leading) && useAnd ? `and ${below100(r)}` : below100(r));
    return parts.join(' ');
  };
  if (n < 1000) return n === 0 ? 'zero' : below1000(n, true);
  const th = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = `${below1000(th, true)} thousand`;
  if (rest === 0) return head;
  return `${head} ${below1000(rest, false)}`;
}
