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
  // A line whose markup was blanked gives its words only.
  return { text: (line.marked ? line.norm : line.raw).slice(a, b), start: line.start + a, end: line.start + b };
}

/** Content of a line without its leading/trailing spaces, as one cell. */
export function wholeLine(line: Line): Cell {
  return trimCell(line, 0, line.norm.length);
}

const GLUED_TAILS: RegExp[] = [
  // A rating or percentage may be set in bold or italics (`**Good**`).
  new RegExp(`([*_]{0,2}(?:${RATING_RE_SRC}|Rating)[*_]{0,2})$`),
  /([*_]{0,2}\d{1,3}(?:\.\d+)?\s?%[*_]{0,2})$/,
  /(Score\s*\d+\s*\/\s*\d+)$/i,
];
const KQ_HEADER = /^(Key questions?)\s*(Percentage.*)$/i;
/** Glued rows are table rows: a longer line is prose, and is not tried against every pattern. */
const MAX_GLUED_ROW = 400;
/** Only the end of a line can hold the last cell; matching there keeps this linear. */
const TAIL_WINDOW = 40;

/**
 * Cells of a table row in any rendering: pipe rows are split on `|`; in the glued rendering,
 * where cells ran together, the last cell is recognised by what it holds (a rating, `Rating`,
 * a percentage, a score, the key-question header).
 */
export function rowCells(line: Line): Cell[] {
  const pipe = pipeCells(line);
  if (pipe) return pipe;
  const whole = wholeLine(line);
  const t = whole.text;
  if (t.length > MAX_GLUED_ROW) return [whole];
  const kq = KQ_HEADER.exec(t);
  if (kq) return split(whole, kq[1]!.length, t.length - kq[2]!.length);
  const tail = t.slice(-TAIL_WINDOW);
  for (const re of GLUED_TAILS) {
    const m = re.exec(tail);
    if (!m) continue;
    const tailStart = t.length - m[1]!.length;
    const head = t.slice(0, tailStart).trimEnd();
    if (!head) continue;
    return split(whole, head.length, tailStart);
  }
  return [whole];
}

function split(whole: Cell, headEnd: number, tailStart: number): Cell[] {
  return [
    { text: whole.text.slice(0, headEnd), start: whole.start, end: whole.start + headEnd },
    { text: whole.text.slice(tailStart), start: whole.start + tailStart, end: whole.end },
  ];
}

/** A line that is only a table cell's value: how a table reads when each cell got its own line. */
const LONE_CELL = new RegExp(`^(?:${RATING_RE_SRC}|Rating|\\d{1,3}(?:\\.\\d+)?\\s?%|Score\\s*\\d+\\s*\\/\\s*\\d+|Percentage\\b.*)$`, 'i');

/**
 * The cells of line `i`, joined with the next line when that line is a lone cell value (a
 * rating, `Rating`, a percentage, a score): renderings that put each table cell on its own line
 * read like the others. Returns the index of the line consumed, if any.
 */
export function rowCellsAt(lines: Line[], i: number): { cells: Cell[]; consumed: number | null } {
  const cells = rowCells(lines[i]!);
  if (cells.length !== 1) return { cells, consumed: null };
  let j = i + 1;
  while (j < lines.length && j <= i + 2 && !lines[j]!.norm.trim()) j++;
  const next = lines[j];
  if (!next || !LONE_CELL.test(next.norm.trim()) || LONE_CELL.test(lines[i]!.norm.trim())) return { cells, consumed: null };
  return { cells: [cells[0]!, wholeLine(next)], consumed: j };
}
