/**
 * A light sentence splitter for the inside of one finding: enough to keep split forms
 * ("Of the 13 cases ..., in eight") and coordinated qualifiers inside one sentence.
 * Offsets are into the text passed in; nothing is copied beyond the scanned range.
 */

/** Words whose trailing full stop does not end a sentence. */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'approx', 'mr', 'mrs', 'ms', 'dr', 'no', 'nos', 'vs', 'cf', 'para', 'paras', 'fig', 'st', 'inc', 'ltd', 'c']);

/** Candidate ends: a run of . ! ? (and closing quotes or brackets) followed by space or the end. */
const END_RE = /[.!?]+["'\u2019\u201d)\]]*(?=\s|$)/g;

export interface SentenceSpan {
  start: number;
  end: number;
}

/** Split [start, end) of `text` into sentences; each span excludes surrounding whitespace. */
export function splitSentences(text: string, start: number, end: number): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const slice = text.slice(start, end);
  let from = 0;
  END_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = END_RE.exec(slice))) {
    const stop = m.index + m[0].length;
    // What follows: a sentence starts with a capital, a digit, a quote, a bracket or a bullet.
    let k = stop;
    while (k < slice.length && /\s/.test(slice[k]!)) k++;
    const next = slice[k];
    if (next !== undefined && !/[A-Z0-9"'\u2018\u201c(\u2022\-\[]/.test(next)) continue;
    // An abbreviation or a single initial before the stop does not end the sentence.
    const before = /([A-Za-z.]+)$/.exec(slice.slice(Math.max(0, m.index - 8), m.index));
    if (m[0][0] === '.' && before) {
      const w = before[1]!.toLowerCase().replace(/^\.+/, '');
      if (ABBREVIATIONS.has(w) || /^[a-z]$/.test(w) && before[1] !== before[1]!.toLowerCase()) continue;
    }
    push(from, stop);
    from = k;
  }
  push(from, slice.length);
  return out;

  function push(a: number, b: number) {
    while (a < b && /\s/.test(slice[a]!)) a++;
    while (b > a && /\s/.test(slice[b - 1]!)) b--;
    if (b > a) out.push({ start: start + a, end: start + b });
  }
}

/** Index of the sentence holding `pos` (binary search over sorted, disjoint spans); -1 if none. */
export function sentenceIndexAt(sentences: readonly SentenceSpan[], pos: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  // Between sentences (whitespace): attach to the following one.
  return lo < sentences.length ? lo : sentences.length - 1;
}
