import { createRequire } from 'node:module';
import type nlpDefault from 'compromise';

/**
 * A thin adapter over compromise's number reader, for the quantity extractor's fallback: the
 * value of one short span of number words that our own parser (`parseNumberWords`) cannot read
 * (`twelve point five`, `two and a half`, `thirty­five` with a soft hyphen, `two dozen`).
 *
 * compromise is about 0.16 MB/s over whole texts, so it is only ever given short spans (at most
 * MAX_WORDS words), never a finding or a sentence. It is loaded lazily, once, on the first call
 * (the seeds never need it, so the pipeline usually never loads it).
 *
 * The span is a gate as well as an input: it must consist of number vocabulary only (number words,
 * digits, `a`/`an`, `and`, `point`, `half`/`quarter`, `dozen`) and hold at least one number word,
 * so `a few` (compromise reads 3), `a couple`, `a score` or `several` never become numbers; and
 * compromise must read the whole span as one cardinal (`twenty-first` is an ordinal, `one-third` a
 * fraction: both null). `dozen` is read here as a multiplier of 12 around compromise's reading of
 * what comes before it, because compromise 14.17 reads `three dozen` as 3 and `a dozen` as 0.
 */

type Nlp = typeof nlpDefault;

/** The longest span handed to compromise, in words (hyphenated parts count as words). */
export const MAX_WORDS = 6;

let nlp: Nlp | null = null;
let calls = 0;

/** compromise, loaded synchronously on first use (its CommonJS build; the extractor is synchronous). */
function instance(): Nlp {
  nlp ??= createRequire(import.meta.url)('compromise') as Nlp;
  return nlp;
}

const NUMBER_WORD = /^(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|dozen)$/;
const VOCABULARY = /^(?:\d+(?:[.,]\d+)*|a|an|and|point|half|quarter|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|dozen)$/;

/** Lower case; soft hyphens, zero-width spaces and unusual dashes become `-`; runs of space one space. */
function normalise(span: string): string {
  return span
    .toLowerCase()
    .replace(/[\u00ad\u200b\u2010\u2011\u2012\u2013\u2212]/g, '-')
    .replace(/\s*-[\s-]*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The number a short span of number words denotes, read by compromise, or null when the span is
 * too long, holds a word that is not number vocabulary, is not read as one whole cardinal number,
 * or is an ordinal or fraction. Never throws on content.
 */
export function readNumberWithCompromise(span: string): number | null {
  const s = normalise(span);
  const words = s.split(/[ -]/).filter((w) => w.length > 0);
  if (words.length === 0 || words.length > MAX_WORDS) return null;
  if (!words.every((w) => VOCABULARY.test(w)) || !words.some((w) => NUMBER_WORD.test(w))) return null;
  if (!wellFormed(words)) return null;
  if (words.includes('dozen')) {
    // Only as the last word: `two dozen`, `a dozen`, `half a dozen`.
    if (words.indexOf('dozen') !== words.length - 1) return null;
    const head = words.slice(0, -1).join(' ');
    if (head === 'a' || head === 'an') return 12;
    if (head === 'half a') return 6;
    if (head === '' || /\b(?:a|an|half|quarter|point)\b/.test(head)) return null;
    const n = readWhole(head);
    return n !== null && Number.isInteger(n) && n >= 1 ? n * 12 : null;
  }
  return readWhole(s);
}

/**
 * Shapes compromise misreads, refused before it sees them: a repeated big scale (`two thousand
 * three thousand` gives 0), `hundred hundred` (90000), `half` or `quarter` anywhere but in `X and
 * a half` at the end or `half a dozen` (`one and a half thousand` gives 1000), and a `point` not
 * followed by digit words only.
 */
function wellFormed(words: string[]): boolean {
  if (words.filter((w) => w === 'thousand').length > 1 || words.filter((w) => w === 'million').length > 1) return false;
  for (let i = 1; i < words.length; i++) if (words[i] === 'hundred' && words[i - 1] === 'hundred') return false;
  const frac = words.findIndex((w) => w === 'half' || w === 'quarter');
  if (frac >= 0) {
    const halfADozen = words.length === 3 && words.join(' ') === 'half a dozen';
    const mixed = frac === words.length - 1 && frac >= 3 && words[frac - 2] === 'and' && words[frac - 1] === 'a';
    if (!halfADozen && !mixed) return false;
  }
  const point = words.indexOf('point');
  if (point >= 0 && (point === 0 || words.slice(point + 1).some((w) => !/^(?:zero|one|two|three|four|five|six|seven|eight|nine|\d)$/.test(w)) || point === words.length - 1)) return false;
  return true;
}

/** compromise's reading of `s`, when it reads all of it as a single cardinal number. */
function readWhole(s: string): number | null {
  calls++;
  try {
    const numbers = instance()(s).numbers();
    if (numbers.length !== 1 || numbers.isOrdinal().found) return null;
    const json = numbers.json() as Array<{ text?: string; number?: { num?: unknown } }>;
    const text = normalise(json[0]?.text ?? '').replace(/[^a-z0-9.,]+$/, '');
    const value = json[0]?.number?.num;
    if (text !== s || typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null;
    return value;
  } catch {
    return null;
  }
}

/** How many spans have been handed to compromise in this process (for tests and the bench). */
export function compromiseCalls(): number {
  return calls;
}
