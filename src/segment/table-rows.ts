/**
 * Reading table rows that a rendering broke apart: a row wrapped like a paragraph, laid out in
 * columns with every cell wrapped, its cells set at different heights, or one cell to a line,
 * column by column or interleaved (the text of PDFs and of pages, however converted). Each reader
 * takes the line a row starts on and says which cells it found and the last line it used.
 */
import type { Line } from '../core/lines.ts';
import { rowCells, rowCellsAt, wholeLine, type Cell } from './rows.ts';
import { BULLET_RE, indentOf, joinLines, KQ_HEADER_PART_RE, RATING_PART_RE } from './line-shapes.ts';
import { KQ_INTRO_RE, POLARITY_LABELS, normaliseRating } from './vocabulary.ts';

/** What the readers need of the segmentation around them. */
export interface TableContext {
  /** The first line from i on that is neither blank, page furniture nor a table's rule line. */
  nextContentLine(i: number): number;
  /** Whether only a page break (furniture, blank lines) lies between lines a and b, line b carrying on line a. */
  pageBreakBetween(a: number, b: number): boolean;
  /** Whether a line is a heading. */
  headingOf(line: Line): unknown;
}

export class TableRows {
  constructor(
    private readonly lines: Line[],
    private readonly furniture: Set<number>,
    private readonly ctx: TableContext,
  ) {}

  /**
   * Where a table's cells are top-aligned (a PDF's text laid out in columns), a row's first cell
   * goes on over the lines under it, alone in their line: those that continue its sentence (lower
   * case, at most three, until the cell ends a sentence) after the row on line i.
   */
  cellContinuation(i: number, first: string): { cells: Cell[]; to: number } {
    const out: Cell[] = [];
    let last = first;
    let k = i + 1;
    while (k <= i + 3 && k < this.lines.length && !/[.?!:%]\s*$/.test(last)) {
      // The row may go on at the head of the next page, or (cells one to a line) after a blank line.
      if (!this.lines[k]!.norm.trim()) {
        const b = this.ctx.nextContentLine(k);
        if (b < this.lines.length && (this.furniture.size ? this.ctx.pageBreakBetween(k - 1, b) : b === k + 1 && /[?.]\s*$/.test(this.lines[b]!.norm) && /^[a-z(]/.test(this.lines[b]!.norm.trim()))) k = b;
      }
      const l = this.lines[k]!;
      const lt = l.norm.trim();
      if (!lt || this.furniture.has(k) || !/^[a-z(]/.test(lt) || BULLET_RE.test(l.norm) || rowCells(l).length !== 1) break;
      out.push(wholeLine(l));
      last = lt;
      k++;
    }
    return { cells: out, to: k - 1 };
  }

  /**
   * A row laid out in columns (cells parted by runs of three or more spaces) with every cell
   * wrapped: line i and up to two lines under it, read column by column (`...personalised, and
   * Requires` / `responsive service ... improvement`). The row's cells, when `complete` takes them.
   */
  columnRow(i: number, complete: (cells: Cell[]) => boolean): { cells: Cell[]; to: number } | null {
    const partsOf = (l: Line) => [...l.norm.matchAll(/\S+(?: {1,2}\S+)*/g)].map((m) => ({ col: m.index, end: m.index + m[0].length, line: l }));
    const head = partsOf(this.lines[i]!);
    if (head.length < 2) return null;
    const cols = head.map((p) => [p]);
    const cellsOf = () =>
      cols.map((ps) => ({
        text: ps.map((p) => p.line.raw.slice(p.col, p.end)).join(' '),
        start: ps[0]!.line.start + ps[0]!.col,
        end: ps[ps.length - 1]!.line.start + ps[ps.length - 1]!.end,
      }));
    for (let k = i + 1; k <= i + 2 && k < this.lines.length && this.lines[k]!.norm.trim(); k++) {
      for (const p of partsOf(this.lines[k]!)) {
        const c = head.findIndex((h, n) => Math.abs(h.col - p.col) <= 4 || (n === head.length - 1 && p.col > h.col - 4));
        if (c < 0) return null;
        cols[c]!.push(p);
      }
      if (!complete(cellsOf())) continue;
      // The first cell may run on below the others, alone, until it ends its sentence.
      let to = k;
      while (to + 1 <= i + 4 && this.lines[to + 1]?.norm.trim() && !/[.?!]$/.test(cols[0]![cols[0]!.length - 1]!.line.norm.slice(0, cols[0]![cols[0]!.length - 1]!.end))) {
        const more = partsOf(this.lines[to + 1]!);
        if (more.length !== 1 || Math.abs(more[0]!.col - head[0]!.col) > 4) break;
        cols[0]!.push(more[0]!);
        to++;
      }
      return { cells: cellsOf(), to };
    }
    return null;
  }

  /**
   * A key-question table whose cells come one to a line, column by column or row by row: from
   * line i, questions (a line or a few, up to the question mark) and percentages (a line each),
   * read in turn while nothing else comes, and paired in order when there are as many of each.
   */
  kqColumnBlock(i: number): { rows: { question: Cell; percent: Cell }[]; to: number } | null {
    const questions: Cell[] = [];
    const percents: Cell[] = [];
    let open: Line[] = [];
    let to = i;
    for (let k = i; k < this.lines.length; k++) {
      const l = this.lines[k]!;
      const lt = l.norm.trim();
      if (!lt || this.furniture.has(k) || KQ_HEADER_PART_RE.test(lt)) continue;
      if (/^\d{1,3}(?:\.\d+)?\s?%$/.test(lt)) {
        percents.push(wholeLine(l));
        to = k;
        if (percents.length === questions.length && !/^[a-z(]/.test(this.lines[this.ctx.nextContentLine(k + 1)]?.norm.trim() ?? '') && !/^\d{1,3}%$/.test(this.lines[this.ctx.nextContentLine(k + 1)]?.norm.trim() ?? '')) {
          // Both columns complete: the table ends unless another question follows.
          const next = this.lines[this.ctx.nextContentLine(k + 1)]?.norm.trim() ?? '';
          if (!/\?$/.test(next) && !/\?$/.test(this.lines[this.ctx.nextContentLine(this.ctx.nextContentLine(k + 1) + 1)]?.norm.trim() ?? '')) break;
        }
        continue;
      }
      if (BULLET_RE.test(l.norm) || this.ctx.headingOf(l) || open.length >= 4 || rowCells(l).length > 1) break;
      open.push(l);
      if (/\?\s*$/.test(lt)) {
        // Its text from its own lines: a percentage may stand among them.
        questions.push({ text: open.map((o) => o.norm.trim()).join(' '), start: open[0]!.start + indentOf(open[0]!), end: l.start + l.norm.trimEnd().length });
        open = [];
        to = k;
      }
    }
    if (open.length || !questions.length || questions.length !== percents.length) return null;
    // Each column comes top to bottom, however the two are interleaved (row by row, column by column, a
    // percentage centred among its question's lines, a table cut by a page): the nth question is the nth percentage's.
    return { rows: questions.map((question, n) => ({ question, percent: percents[n]! })), to };
  }

  /** Whether line k stands in a column right of line `of`'s (indented 20 characters or more past it): a cell of the same row laid out in columns. */
  isRightColumn(k: number, of: number): boolean {
    const a = this.lines[k];
    const b = this.lines[of];
    return !!a && !!b && a.norm.trim() !== '' && indentOf(a) >= indentOf(b) + 20;
  }

  /**
   * A row laid out in columns whose cells are set at different heights (a percentage centred
   * beside a question on two lines): line i and the lines right under it, no blank between, read
   * as the first column (the lines at line i's indent) and the second (the lines well right of it),
   * until `complete` takes the two.
   */
  stackedColumns(i: number, complete: (cells: Cell[]) => boolean): { cells: Cell[]; to: number } | null {
    const left: Line[] = [this.lines[i]!];
    const right: Line[] = [];
    for (let k = i + 1; k <= i + 5 && k < this.lines.length && this.lines[k]!.norm.trim(); k++) {
      if (this.isRightColumn(k, i)) right.push(this.lines[k]!);
      else if (Math.abs(indentOf(this.lines[k]!) - indentOf(this.lines[i]!)) <= 2 && (right.length === 0 || /^[a-z(]/.test(this.lines[k]!.norm.trim()))) left.push(this.lines[k]!);
      else break;
      if (!right.length) continue;
      const cellOf = (ls: Line[]): Cell => ({ text: ls.map((l) => l.norm.trim()).join(' '), start: ls[0]!.start + indentOf(ls[0]!), end: ls[ls.length - 1]!.start + ls[ls.length - 1]!.norm.trimEnd().length });
      const cells = [cellOf(left), cellOf(right)];
      // The row is whole once its first cell ends its sentence, or no line of it follows.
      const next = this.lines[k + 1];
      const more = next && next.norm.trim() && (this.isRightColumn(k + 1, i) || (Math.abs(indentOf(next) - indentOf(this.lines[i]!)) <= 2 && /^[a-z(]/.test(next.norm.trim())));
      if (!more && complete(cells)) return { cells, to: k };
    }
    return null;
  }

  /**
   * A statement row whose cells come one piece to a line, the columns one after the other or
   * interleaved (pdftotext without -layout: `Staff are enabled ... and` / `Rating` / `Requires` /
   * `responsive service ...` / `improvement`): the pieces that are parts of a rating make the
   * rating, the `Rating` header is passed over, the others (up to three) make the statement.
   */
  interleavedStatement(i: number): { cells: Cell[]; to: number } | null {
    const statement: Line[] = [];
    const statementText: string[] = [];
    const rating: Line[] = [];
    const ratingText: string[] = [];
    let to = i;
    for (let k = i, n = 0; k < this.lines.length && n < 10; k++) {
      const l = this.lines[k]!;
      const lt = l.norm.trim();
      if (!lt || this.furniture.has(k)) continue;
      n++;
      if (/^rating$/i.test(lt)) continue;
      if (RATING_PART_RE.test(lt)) (rating.push(l), ratingText.push(lt));
      else if (statement.length < 3 && !BULLET_RE.test(l.norm) && !this.ctx.headingOf(l) && !KQ_INTRO_RE.test(lt) && !POLARITY_LABELS.some((p) => p.re.test(lt)) && lt.length <= 200) {
        statement.push(l);
        // A word of the rating run into the statement's line (`...supporting a Requires`, `...on probation.   improvement`).
        const glued = !ratingText.length ? / (Requires)$/.exec(lt) : ratingText.join(' ') === 'Requires' ? / (improvement)$/.exec(lt) : null;
        if (glued) (statementText.push(lt.slice(0, glued.index).trim()), rating.push(l), ratingText.push(glued[1]!));
        else statementText.push(lt);
      } else break;
      to = k;
      const value = normaliseRating(ratingText.join(' '));
      if (value && statement.length) {
        const next = this.lines[this.ctx.nextContentLine(k + 1)];
        // Done, unless the statement goes on after the rating.
        if (next && /^[a-z(]/.test(next.norm.trim()) && statement.length < 3) continue;
        const first = statement[0]!;
        const last = statement[statement.length - 1]!;
        const cellOf = (ls: Line[], t: string): Cell => ({ text: t, start: ls[0]!.start + indentOf(ls[0]!), end: ls[ls.length - 1]!.start + ls[ls.length - 1]!.norm.trimEnd().length });
        return { cells: [cellOf([first, last], statementText.join(' ')), cellOf(rating, value)], to };
      }
    }
    return null;
  }

  /**
   * A table row whose text was wrapped over the next lines (up to three): line i and any line
   * between hold one cell that does not end a sentence, each next line continues it (lower case),
   * and the last ends with the cell `complete` asks for. The row's cells and the last line it takes.
   */
  wrappedRow(i: number, cells: Cell[], t: string, complete: (cells: Cell[]) => boolean): { cells: Cell[]; to: number } | null {
    const joined = [...cells];
    let text = t;
    for (let k = i + 1; k <= i + 3; k++) {
      if (joined.length !== 1 + (k - i - 1) || /[.?%:]\s*$/.test(text) || !/^[a-z(]/.test(this.lines[k]?.norm.trim() ?? '')) return null;
      const next = rowCellsAt(this.lines, k);
      if (complete(next.cells)) return { cells: [...joined, ...next.cells], to: next.consumed ?? k };
      // The last cell itself cut in two ("...on probation.Requires" / "improvement").
      const after = this.lines[k + 1];
      if (after && after.norm.trim()) {
        const both = joinLines(this.lines[k]!, after);
        const cellsOfBoth = rowCellsAt([both], 0).cells;
        if (complete(cellsOfBoth)) return { cells: [...joined, ...cellsOfBoth], to: k + 1 };
      }
      if (next.cells.length !== 1) return null;
      joined.push(next.cells[0]!);
      text = this.lines[k]!.norm.trim();
    }
    return null;
  }
}
