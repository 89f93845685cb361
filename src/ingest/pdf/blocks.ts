/**
 * From lines to blocks: a paragraph, a list item or a table row, each written as one line of the
 * canonical text (`text`, `• text`, `| cell | cell |`), headings marked by size.
 */
import { HEADINGS } from '../../segment/vocabulary.ts';
import { isBulletLine, sameSize, BULLET_GLYPH, type Cell, type DocContext, type Line } from './lines.ts';

export type Block =
  | { kind: 'text'; text: string; left: number; size: number; last: Line }
  | { kind: 'bullet'; marker: string; text: string; left: number; size: number; last: Line }
  | { kind: 'row'; cells: Cell[]; size: number; last: Line };

export function layoutLines(pages: Line[][], doc: DocContext): string {
  const blocks: (Block & { pageBreak?: boolean })[] = [];
  let pageBreak = false;
  let prevEdge = 0;
  pages.forEach((lines, n) => {
    if (n > 0) pageBreak = true;
    // The text column's right edge: where full lines end.
    const rightEdge = percentile(lines.filter((l) => l.cells.length === 1).map((l) => l.right), 0.9) ?? Math.max(0, ...lines.map((l) => l.right));
    let prev: Line | null = null;
    for (const line of lines) {
      const block = blocks[blocks.length - 1];
      let joins = false;
      if (block && prev) {
        const close = prev.y - line.y <= doc.pitch * Math.max(prev.size, line.size) && sameSize(prev.size, line.size);
        joins = close && continues(block, line, rightEdge, doc);
      } else if (block && pageBreak) {
        // The first line of a page may go on with the paragraph (or the table row) the last page ended in.
        joins = sameSize(block.last.size, line.size) && continues(block, line, prevEdge, doc, true);
      }
      if (joins) extend(block!, line);
      else {
        const started = startBlock(line);
        // A cell set lower than the top of its row (centred, or at the bottom) leaves the first lines of the row's
        // first cell alone above it: a text block just above, in that cell's column, not ending a sentence.
        if (started.kind === 'row' && block?.kind === 'text' && prev && !block.pageBreak && prev.y - line.y <= doc.pitch * line.size && Math.abs(block.left - started.cells[0]!.x) <= 3 && !/[.?!:]$/.test(block.text) && block.text.length <= 300) {
          started.cells[0]!.text = joinText(block.text, started.cells[0]!.text);
          (started as Block & { pageBreak?: boolean }).pageBreak = block.pageBreak;
          blocks[blocks.length - 1] = started;
        } else {
          blocks.push({ ...started, pageBreak });
          pageBreak = false;
        }
      }
      prev = line;
    }
    prevEdge = rightEdge;
  });
  const levels = headingLevels(blocks, doc);
  return blocks.map((b) => (b.pageBreak ? '\f' : '') + (levels.get(b) ?? '') + render(b, doc)).join('\n\n');
}

/**
 * Headings, told by their size, marked as markdown marks them (`# ` the title, `## ` a section,
 * `### ` a heading within one), so that the segmenter reads them as in the HTML rendering. The
 * size of a section heading is learnt from the lines that name a known section (Foreword,
 * Ratings, Recommendations...); a document where none is set larger than the body is left as it is.
 */
function headingLevels(blocks: Block[], doc: DocContext): Map<Block, string> {
  const out = new Map<Block, string>();
  const isHeading = (b: Block): b is Extract<Block, { kind: 'text' }> => b.kind === 'text' && b.size >= 1.15 * doc.bodySize && b.text.length <= 150;
  const named = blocks.filter(isHeading).filter((b) => HEADINGS.some((h) => h.re.test(b.text.replace(/^\d+\s*\.?\s*/, ''))));
  if (!named.length) return out;
  // The size most known sections are set in.
  const counts = new Map<number, number>();
  for (const b of named) counts.set(Math.round(b.size * 2) / 2, (counts.get(Math.round(b.size * 2) / 2) ?? 0) + 1);
  const section = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
  for (const b of blocks) {
    if (!isHeading(b)) continue;
    const size = Math.round(b.size * 2) / 2;
    out.set(b, size > section + 0.5 ? '# ' : size >= section - 0.5 ? '## ' : '### ');
  }
  return out;
}

function startBlock(line: Line): Block {
  if (isBulletLine(line)) {
    const rest = line.cells.slice(1);
    const m = line.cells[0]!.text;
    return { kind: 'bullet', marker: BULLET_GLYPH.test(m) ? '•' : m, text: rest.map((c) => c.text).join(' '), left: rest[0]!.x, size: line.size, last: line };
  }
  if (line.cells.length >= 2) return { kind: 'row', cells: line.cells.map((c) => ({ ...c })), size: line.size, last: line };
  return { kind: 'text', text: line.cells[0]!.text, left: line.left, size: line.size, last: line };
}

/** Whether `line`, following `block` at the line pitch, belongs to it. */
function continues(block: Block, line: Line, rightEdge: number, doc: DocContext, acrossPages = false): boolean {
  if (block.kind === 'row') {
    // A row goes on while a line fills only some of its columns; a line with a first and a last cell is the next row.
    const cols = block.cells;
    if (line.cells.length > cols.length) return false;
    const slots = line.cells.map((c) => columnOf(cols, c.x));
    if (slots.some((s) => s < 0)) return false;
    if (new Set(slots).size !== slots.length) return false;
    // Over a page break, a row goes on only with a sentence going on: more often the next page starts the next row.
    if (acrossPages) return !(slots.includes(0) && slots.includes(cols.length - 1)) && /^[a-z(]/.test(line.cells[0]!.text);
    if (!(slots.includes(0) && slots.includes(cols.length - 1))) return true;
    // Every cell wrapped at once: the line goes on the sentence of the first cell, at the pitch of lines within a cell.
    return block.last.y - line.y <= (doc.pitch - 0.15) * line.size && /^[a-z(]/.test(line.cells[0]!.text);
  }
  if (line.cells.length !== 1 || isBulletLine(line)) return false;
  if (Math.abs(line.left - block.left) > 0.5 * line.size && !(block.kind === 'text' && line.left < block.left && block.last.left === block.left && block.text.length < 400 && isFirstLineIndent(block, line))) return false;
  return wasFull(block.last, line, rightEdge);
}

/** A paragraph whose first line is indented: its second line starts further left. */
function isFirstLineIndent(block: Block, line: Line): boolean {
  return block.kind === 'text' && block.left - line.left <= 3 * line.size && !block.text.includes('\n');
}

/** The line above ended where the next line's first word would not have fitted after it. */
function wasFull(above: Line, line: Line, rightEdge: number): boolean {
  const first = line.cells[0]!;
  const word = first.text.split(' ')[0]!;
  const width = first.text.length ? ((first.right - first.x) * word.length) / first.text.length : 0;
  // The word's width is estimated from its share of the line's characters: a font size of slack allows for it.
  return above.right + 0.3 * line.size + width > rightEdge - line.size;
}

function extend(block: Block, line: Line): void {
  if (block.kind === 'row') {
    for (const c of line.cells) {
      const col = block.cells[columnOf(block.cells, c.x)]!;
      col.text = joinText(col.text, c.text);
      col.right = Math.max(col.right, c.right);
    }
  } else {
    block.text = joinText(block.text, line.cells[0]!.text);
    if (line.left < block.left) block.left = line.left;
  }
  block.last = line;
}

/** The column of `cols` that a cell starting at `x` falls in, or -1 left of the first. */
function columnOf(cols: Cell[], x: number): number {
  let k = -1;
  for (let i = 0; i < cols.length; i++) if (x >= cols[i]!.x - 3) k = i;
  return k;
}

/** Two lines of one paragraph: a word broken at a hyphen is joined back without a space. */
function joinText(a: string, b: string): string {
  if (!a) return b;
  return /[A-Za-z]-$/.test(a) && /^[a-z]/.test(b) ? a + b : `${a} ${b}`;
}

function render(block: Block, doc: DocContext): string {
  // A footnote: set smaller than the body, numbered as a marker met before it. Written `[n] text`, as the HTML rendering writes one.
  if (block.kind !== 'row' && block.size < 0.95 * doc.bodySize) {
    const whole = block.kind === 'bullet' ? `${block.marker} ${block.text}` : block.text;
    const m = /^(\d{1,3})[.)]?\s+(?=\S)/.exec(whole);
    if (m && doc.markers.has(Number(m[1]))) return `[${m[1]}] ${whole.slice(m[0].length)}`;
  }
  if (block.kind === 'row') return `| ${block.cells.map((c) => c.text.replace(/\|/g, '/')).join(' | ')} |`;
  if (block.kind === 'bullet') return `${block.marker} ${block.text}`;
  return block.text;
}

function percentile(values: number[], q: number): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
