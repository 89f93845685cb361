/** One physical line of a text, with its offsets (end excludes the line break). */
export interface Line {
  index: number;
  start: number;
  end: number;
  /** The line as written. */
  raw: string;
  /**
   * The same characters with odd whitespace (NBSP, tabs, zero-width, ...) mapped to a plain
   * space or kept length-preserving, so that offsets into `norm` are offsets into `raw`.
   */
  norm: string;
  /** Set when `norm` also has a markdown page's markup blanked (src/segment/markup.ts): its words are `norm`'s. */
  marked?: boolean;
}

const ODD_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g;
/** Markdown's backslash before punctuation (`2\. Service delivery`, `\*`): read as the character it escapes, then a space, so that `norm` keeps its length. */
const MD_ESCAPE = /\\([.*_#+\-!()[\]{}<>`|])/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** Length-preserving normalisation: every character maps to exactly one character. */
const ANY_ODD = /[\u00a0\u1680\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff\t\f\v]/;

export function normaliseSpaces(s: string): string {
  // Most lines have no odd space: test once before rewriting.
  const spaced = ANY_ODD.test(s) ? s.replace(ODD_SPACE, ' ').replace(ZERO_WIDTH, ' ') : s;
  return spaced.includes('\\') ? spaced.replace(MD_ESCAPE, '$1 ') : spaced;
}

/** Split on LF, CRLF or CR, keeping offsets into the original text. */
export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const raw = text.slice(start, m.index);
    out.push({ index: out.length, start, end: m.index, raw, norm: normaliseSpaces(raw) });
    start = m.index + m[0].length;
  }
  if (start < text.length) {
    const raw = text.slice(start);
    out.push({ index: out.length, start, end: text.length, raw, norm: normaliseSpaces(raw) });
  }
  return out;
}

/** 1-based line and column (UTF-16) for display only. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Trim a [start, end) range of `text` to exclude surrounding whitespace. */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(normaliseSpaces(text[start]!))) start++;
  while (end > start && /\s/.test(normaliseSpaces(text[end - 1]!))) end--;
  return { start, end };
}

/** Collapse runs of whitespace (any kind) to one space and trim. */
export function collapseSpaces(s: string): string {
  return normaliseSpaces(s).replace(/\s+/g, ' ').trim();
}
