import type { Line } from '../core/lines.ts';
import { RATING_RE_SRC } from './vocabulary.ts';

/** A table cell: trimmed text and its offsets into the canonical text. */
export interface Cell {
  text: string;
  start: number;
  end: number;
}

/** `| a | b |` -> cells with offsets; null when the line is not a pipe row. */
export function pipeCells(line: Line): Cell[] | null {
  const s = line.norm;
  if (!/^\s*\|.*\|\s*$/.test(s)) return null;
  const cells: Cell[] = [];
  const first = s.indexOf('|');
  const last = s.lastIndexOf('|');
  let cellStart = first + 1;
  for (let i = first + 1; i <= last; i++) {
    if (s[i] === '|') {
      cells.push(trimCell(line, cellStart, i));
      cellStart = i + 1;
    }
  }
  return cells;
}

function trimCell(line: Line, a: number, b: number): Cell {
  const s = line.norm;
  while (a < b && s[a] === ' ') a++;
  while (b > a && s[b - 1] === ' ') b--;
  return { text: line.raw.slice(a, b), start: line.start + a, end: line.start + b };
}

/** Content of a line without its leading/trailing spaces, as one cell. */
export function wholeLine(line: Line): Cell {
  return trimCell(line, 0, line.norm.length);
}

const GLUED_TAILS: RegExp[] = [
  new RegExp(`^(.*?\\S)\\s*(${RATING_RE_SRC}|Rating)\\s*$`),
  /^(.*?\S)\s*(\d{1,3}(?:\.\d+)?\s?%)\s*$/,
  /^(.*?\S)\s*(Score\s*\d+\s*\/\s*\d+)\s*$/i,
  /^(Key questions?)\s*(Percentage.*)$/i,
];

/**
 * Cells of a table row in any rendering: pipe rows are split on `|`; in the glued rendering,
 * where cells ran together, the last cell is recognised by what it holds (a rating, `Rating`,
 * a percentage, a score, the key-question header).
 */
export function rowCells(line: Line): Cell[] {
  const pipe = pipeCells(line);
  if (pipe) return pipe;
  const whole = wholeLine(line);
  for (const re of GLUED_TAILS) {
    const m = re.exec(whole.text);
    if (m) {
      const headLen = m[1]!.length;
      // `whole` is trimmed and every pattern is anchored at the end, so the tail ends the line.
      const tailStart = whole.text.length - m[2]!.length;
      return [
        { text: m[1]!, start: whole.start, end: whole.start + headLen },
        { text: m[2]!, start: whole.start + tailStart, end: whole.end },
      ];
    }
  }
  return [whole];
}
