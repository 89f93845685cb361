/**
 * Footnote markers: `[3]` in most renderings, but where the page was flattened they are bare
 * digits glued to the words around them (`PSOs.1`, `rating[3]3`, `rating 3for`, `population1`).
 * Footnotes are numbered in reading order, so each marker is searched for after the previous one:
 * that order, not a list of known words, is what tells a marker from a number.
 */

export interface MarkerSpan {
  start: number;
  end: number;
}

/** Note n written as superscript digits (`¹²`), as pandoc's plain text writes a raised number. */
function superscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!);
}

/** The forms of note n's marker that cannot be a number of the text: `[3]`, pandoc's `^3^`, `<sup>3</sup>`, `³`. */
function markedForms(n: number, styles: MarkerStyles = ALL_STYLES): string[] {
  const out = [`[${n}]`];
  if (styles.caret) out.push(`^${n}^`);
  if (styles.sup) out.push(`<sup>${n}</sup>`);
  if (styles.superscript) out.push(superscript(n));
  return out;
}

/** Which of the rarer marker forms a text uses at all (found once, not for every note). */
interface MarkerStyles {
  caret: boolean;
  sup: boolean;
  superscript: boolean;
}
const SUPERSCRIPT_DIGITS = [...'⁰¹²³⁴⁵⁶⁷⁸⁹'];
const ALL_STYLES: MarkerStyles = { caret: true, sup: true, superscript: true };

function stylesOf(s: string): MarkerStyles {
  // indexOf per character is far faster over a whole report than a character class.
  return { caret: s.includes('^'), sup: s.includes('<sup>'), superscript: SUPERSCRIPT_DIGITS.some((d) => s.includes(d)) };
}

/** The pattern of note n's marker in the forms `zone` holds (only those: a lone `[3]` is found fastest alone). */
function bracketRe(n: number, zone: string, styles: MarkerStyles): RegExp {
  const present = markedForms(n, styles).filter((f) => zone.includes(f));
  const forms = present.map((f) => f.replace(/[[\]^/]/g, '\\$&')).join('|');
  // Superscript digits are not part of a longer superscript number (¹ in ¹²).
  const sup = present.some((f) => /^[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(f));
  // With the duplicated digit some renderings add after a bracket (`[3]3`, `[4] 4for`).
  return new RegExp(`${sup ? '(?<![⁰¹²³⁴⁵⁶⁷⁸⁹])' : ''}(?:${forms})(?:[ \\u00a0]?${n}(?![\\d.,]\\d|\\d))?${sup ? '(?![⁰¹²³⁴⁵⁶⁷⁸⁹])' : ''}`, 'g');
}

/** Whether the marker of note n stands marked as one (`[n]`, `^n^`, `<sup>n</sup>`, superscript digits) in `s`. */
export function hasBracketedMarker(s: string, n: number, styles: MarkerStyles = stylesOf(s)): boolean {
  return markedForms(n, styles).some((f) => s.includes(f));
}

/** A glued marker's two patterns, compiled once per number; sticky: they are tried only where the digits are. */
const gluedCache = new Map<number, RegExp[]>();

function gluedRes(n: number): RegExp[] {
  let res = gluedCache.get(n);
  if (res === undefined) {
    const notNumber = `(?!\\d|[.,]\\d|\\s*%|\\s*per\\s+cent|\\s*/|\\s*out\\s+of|\\s*of\\s+\\d)`;
    res = [
      // after a word or sentence end: `rating5`, `PSOs.1`, `population1`, `background.2`
      new RegExp(`(?<=[a-z)’'”;:]|(?<!\\d)[.,])${n}${notNumber}`, 'y'),
      // before the next word: `rating 3for`, `rates 2across`
      new RegExp(`(?<=\\s)${n}(?=[a-z])`, 'y'),
    ];
    gluedCache.set(n, res);
  }
  return res;
}

/**
 * The first place in [from, to) where one of the sticky patterns `res` (each starting with the
 * digits `digits`) matches: the same as the leftmost match of the patterns searched from `from`,
 * but only the places where the digits are written are tried, and the search stops at `to`.
 */
function firstMatch(res: RegExp[], digits: string, text: string, from: number, to: number): { start: number; end: number } | null {
  for (let at = text.indexOf(digits, from); at !== -1 && at < to; at = text.indexOf(digits, at + 1)) {
    for (const re of res) {
      re.lastIndex = at;
      const m = re.exec(text);
      if (m) return { start: at, end: at + m[0].length };
    }
  }
  return null;
}

/**
 * Find the marker of each footnote number in `text[from, to)`: its bracketed form where the
 * text has one, else a glued digit after the previous note's marker.
 */
export function locateMarkers(text: string, numbers: number[], from: number, to: number): Map<number, MarkerSpan[]> {
  const out = new Map<number, MarkerSpan[]>();
  const zone = text.slice(from, to);
  // The rarer forms are looked for only if some note's marker is not a plain `[n]`.
  let styles: MarkerStyles | null = null;
  const stylesOfZone = () => (styles ??= stylesOf(zone));
  let cursor = from;
  for (const n of [...numbers].sort((a, b) => a - b)) {
    if (zone.includes(`[${n}]`) || hasBracketedMarker(zone, n, stylesOfZone())) {
      // Bracketed markers are unambiguous: take every one (a note may be cited twice).
      const re = bracketRe(n, zone, styles ?? { caret: false, sup: false, superscript: false });
      re.lastIndex = from;
      const spans: MarkerSpan[] = [];
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) && m.index < to) spans.push({ start: m.index, end: m.index + m[0].length });
      out.set(n, spans);
      cursor = Math.max(cursor, spans[0]!.end);
    } else {
      const hit = firstMatch(gluedRes(n), String(n), text, cursor, to);
      if (hit) {
        out.set(n, [hit]);
        cursor = hit.end;
      }
    }
  }
  return out;
}

/**
 * The text of [start, end) with marker spans removed and whitespace collapsed. A space is put
 * back where removing a marker would glue two words together.
 */
export function textWithoutMarkers(text: string, start: number, end: number, markers: MarkerSpan[]): string {
  if (markers.length === 0) return collapseWhitespace(text, start, end);
  let out = '';
  let pos = start;
  for (const m of [...markers].sort((a, b) => a.start - b.start)) {
    if (m.end <= start || m.start >= end) continue;
    out += text.slice(pos, Math.max(pos, m.start));
    pos = Math.min(end, m.end);
    const left = out.slice(-1);
    const right = text[pos] ?? '';
    // A span that was whitespace at its edge (a page break's furniture between two halves) leaves a space.
    const spaced = /\s/.test(text[m.start] ?? '') || /\s/.test(text[m.end - 1] ?? '');
    if (/\S/.test(left) && /\S/.test(right) && (spaced || (/[A-Za-z(]/.test(right) && /[A-Za-z)\]]/.test(left)))) out += ' ';
  }
  out += text.slice(pos, end);
  return collapseWhitespace(out, 0, out.length);
}

/** Is the code unit whitespace as `\s` and `trim` see it? (ZWSP, which they do not, is also taken.) */
function isSpaceCode(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    (c >= 0x1680 && (c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))
  );
}

/** Whitespace that `collapseWhitespace` rewrites: any but a lone plain space. */
const NEEDS_COLLAPSE = /[^\S ]|  |\u200b/;

/**
 * `s.slice(from, to).replace(/[\s\u00a0\u200b]+/g, ' ').trim()` in one pass, without building
 * anything when the text is already clean (one space between words, none at the ends).
 */
function collapseWhitespace(s: string, from: number, to: number): string {
  let i = from;
  let j = to;
  while (i < j && isSpaceCode(s.charCodeAt(i))) i++;
  while (j > i && isSpaceCode(s.charCodeAt(j - 1))) j--;
  const trimmed = s.slice(i, j);
  // Most text is clean; the regex engine finds that out faster than a loop here.
  if (!NEEDS_COLLAPSE.test(trimmed)) return trimmed;
  let out = '';
  let piece = i;
  let k = i;
  while (k < j) {
    const c = s.charCodeAt(k);
    if (c === 32 ? !isSpaceCode(s.charCodeAt(k + 1)) : !isSpaceCode(c)) {
      k++;
      continue;
    }
    // A run of whitespace other than one plain space; s[j - 1] is not whitespace, so it ends before j.
    let r = k + 1;
    let lineBreak = c === 10 || c === 13;
    while (isSpaceCode(s.charCodeAt(r))) {
      const d = s.charCodeAt(r);
      if (d === 10 || d === 13) lineBreak = true;
      r++;
    }
    // A word broken at its hyphen by the end of a line ("multi-" / "agency") is one word again.
    const joinsHyphen = lineBreak && s.charCodeAt(k - 1) === 45 && /[A-Za-z]/.test(s[k - 2] ?? '') && /[a-z]/.test(s[r] ?? '');
    out += s.slice(piece, k) + (joinsHyphen ? '' : ' ');
    piece = r;
    k = r;
  }
  return piece === i ? trimmed : out + s.slice(piece, j);
}
