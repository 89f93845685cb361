/**
 * A PDF's text laid out again as the rest of the pipeline reads text: one paragraph a line, a
 * bullet a line (`• ...`), a table row a line (`| cell | cell |`), blank lines between blocks
 * and a form feed before each page after the first (so the segmenter can set page headers,
 * footers and numbers aside and join a paragraph that runs over a page break).
 *
 * pdf.js (bundled in `unpdf`) gives positioned pieces of text, not lines. Lines are rebuilt from
 * baselines (a footnote marker raised above the line stays in it); a wide horizontal gap splits a
 * line into cells; a line continues the block above it when it follows at the line pitch, in the
 * same column and size, and the line above was full (the next line's first word would not have
 * fitted on it: a short line ends its paragraph). A table cell wrapped over several lines is
 * put back together: a line at the pitch that fills only some of the row's columns continues
 * those cells.
 */
import { getDocumentProxy } from 'unpdf';
import { HEADINGS } from '../segment/vocabulary.ts';

export class PdfTextError extends Error {
  constructor(
    readonly ruleId: 'unreadable_pdf' | 'pdf_without_text',
    message: string,
  ) {
    super(message);
    this.name = 'PdfTextError';
  }
}

/** A piece of text as pdf.js places it: its baseline starts at (x, y), y growing up the page. */
export interface Piece {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
  /** Set on a cell's text moved up to the line of its row: it starts a cell, however close it is. */
  newCell?: boolean;
}

interface Cell {
  x: number;
  right: number;
  text: string;
}

interface Line {
  y: number;
  size: number;
  cells: Cell[];
  left: number;
  right: number;
}

type Block =
  | { kind: 'text'; text: string; left: number; size: number; last: Line }
  | { kind: 'bullet'; marker: string; text: string; left: number; size: number; last: Line }
  | { kind: 'row'; cells: Cell[]; size: number; last: Line };

/** Glyphs a list item starts with (Word's Symbol and Wingdings bullets come out in the private use area). */
const BULLET_GLYPH = /^[•●▪■◦‣∙○o§\u2013\u2014\u2212\-*\uf0b7\uf0a7\uf076\uf0d8\uf0fc]$/;
/** What numbers an item of an ordered list: `1.`, `2)`, `(a)`, `iv.` */
const NUMBER_MARKER = /^(?:\d{1,2}[.)]|\(?[a-z][.)]|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)])$/;
/** A line continues the one above when its baseline is no further below than this many font sizes (at least: see linePitch). */
const PITCH = 1.4;
/** A horizontal gap wider than this many font sizes separates cells (table columns, a bullet from its text). */
const CELL_GAP = 1.1;

/** The text of a PDF document, or a PdfTextError saying why there is none. */
export async function pdfToText(bytes: Uint8Array): Promise<string> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js may detach the buffer it is given: it gets a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0 } as never);
  } catch (err) {
    const name = (err as { name?: string })?.name ?? '';
    if (name === 'PasswordException') throw new PdfTextError('unreadable_pdf', 'the PDF is password-protected');
    throw new PdfTextError('unreadable_pdf', `the PDF could not be read (${(err as Error)?.message ?? String(err)}); it may be truncated or damaged`);
  }
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [, bottom, , top] = page.view as number[];
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const it of content.items) {
        // A run of spaces is a piece of its own, as wide as the gap it fills: the gap itself says where words and cells part.
        if (!('str' in it) || !it.str.trim()) continue;
        const [a, b, c, d, x, y] = it.transform as number[];
        const size = Math.hypot(c!, d!) || Math.hypot(a!, b!) || 1;
        pieces.push({ str: it.str.replace(/[\uf0b7\uf0a7]/g, '•'), x: x!, y: y!, w: it.width, size });
      }
      page.cleanup();
      pages.push({ pieces, bottom: bottom ?? 0, top: top ?? 842 });
    }
    const text = layoutDocument(pages);
    if (!text.replace(/\f/g, '').trim()) throw new PdfTextError('pdf_without_text', 'the PDF has no text layer (scanned pages?): run it through OCR first');
    return `${text}\n`;
  } catch (err) {
    if (err instanceof PdfTextError) throw err;
    throw new PdfTextError('unreadable_pdf', `the PDF's pages could not be read (${(err as Error)?.message ?? String(err)}); it may be truncated or damaged`);
  } finally {
    await pdf.destroy();
  }
}

/** A page's pieces of text, and its bottom and top edges (in the pieces' coordinates). */
export interface PdfPage {
  pieces: Piece[];
  bottom: number;
  top: number;
}

/**
 * Every page laid out, pages after the first starting with a form feed. Running headers,
 * footers and page numbers are left out; a paragraph running over a page break is joined, and
 * the form feed comes before the next block instead.
 */
export function layoutDocument(pages: PdfPage[]): string {
  const doc: DocContext = { bodySize: bodySize(pages.flatMap((p) => p.pieces)), markers: new Set(), pitch: PITCH };
  const lines = pages.map((p) => buildLines(p.pieces, doc));
  doc.pitch = linePitch(lines, doc.bodySize);
  const furniture = pageFurniture(pages, lines);
  return layoutLines(lines.map((ls) => ls.filter((l) => !furniture.has(l))), doc);
}

/** One page's pieces laid out as blocks of text, separated by blank lines (nothing is taken for page furniture). */
export function layoutPage(pieces: Piece[], doc: DocContext = { bodySize: bodySize(pieces), markers: new Set(), pitch: PITCH }): string {
  const lines = buildLines(pieces, doc);
  doc.pitch = linePitch([lines], doc.bodySize);
  return layoutLines([lines], doc);
}

function layoutLines(pages: Line[][], doc: DocContext): string {
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

/**
 * The lines at the head and foot of pages that are not the report's text: page numbers, and
 * lines that come back (numbers aside) at the head or foot of many pages.
 */
function pageFurniture(pages: PdfPage[], lines: Line[][]): Set<Line> {
  const keyOf = (l: Line) => l.cells.map((c) => c.text).join(' ').toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
  const candidates = pages.map((p, n) => {
    const zone = 0.12 * (p.top - p.bottom);
    const ls = lines[n]!;
    const head = ls.slice(0, 2).filter((l) => l.y > p.top - zone);
    const foot = ls.slice(-2).filter((l) => l.y < p.bottom + zone);
    return [...new Set([...head, ...foot])];
  });
  const pagesWith = new Map<string, number>();
  for (const c of candidates) for (const k of new Set(c.map(keyOf))) pagesWith.set(k, (pagesWith.get(k) ?? 0) + 1);
  const often = Math.max(3, Math.ceil(0.4 * pages.length));
  const out = new Set<Line>();
  for (const c of candidates) {
    for (const l of c) {
      const k = keyOf(l);
      if (PAGE_NUMBER.test(k) || (pagesWith.get(k) ?? 0) >= often) out.add(l);
    }
  }
  return out;
}

/** A page number as it reads once its digits are `#`: `#`, `page #`, `# of #`, `- # -`. */
const PAGE_NUMBER = /^(?:page\s*)?[-–]?\s*#\s*[-–]?(?:\s*(?:of|\/)\s*#)?$/;

/** What laying out a page needs to know of the whole document. */
export interface DocContext {
  /** The font size of most of the text. */
  bodySize: number;
  /** The footnote markers met so far (raised small numbers). */
  markers: Set<number>;
  /** How far apart (in font sizes) the lines of one paragraph may be: producers set lines 1.1 to 1.6 sizes apart. */
  pitch: number;
}

/**
 * The distance between the lines of a paragraph, in font sizes, learnt from the document: the
 * commonest distance between consecutive lines of body text, with a margin, and never less
 * than PITCH (a paragraph's gap is at least half a line more).
 */
function linePitch(pages: Line[][], bodySize: number): number {
  const counts = new Map<number, number>();
  for (const lines of pages) {
    for (let k = 1; k < lines.length; k++) {
      const [a, b] = [lines[k - 1]!, lines[k]!];
      if (!sameSize(a.size, bodySize) || !sameSize(b.size, bodySize)) continue;
      const d = Math.round(((a.y - b.y) / bodySize) * 20) / 20;
      if (d >= 0.9 && d <= 1.9) counts.set(d, (counts.get(d) ?? 0) + 1);
    }
  }
  let common = 0;
  let most = 0;
  for (const [d, n] of [...counts].sort((x, y) => x[0] - y[0])) if (n > most) (common = d), (most = n);
  // A handful of lines says nothing about the document.
  // A line holding a raised footnote marker stands a little further down: the margin allows for it.
  return most >= 5 ? Math.max(PITCH, common + 0.35) : PITCH;
}

/** The font size most of the text is set in. */
function bodySize(pieces: Piece[]): number {
  const chars = new Map<number, number>();
  for (const p of pieces) {
    const k = Math.round(p.size * 2) / 2;
    chars.set(k, (chars.get(k) ?? 0) + p.str.length);
  }
  let best = 0;
  let most = -1;
  for (const [k, n] of [...chars].sort((a, b) => a[0] - b[0])) if (n > most) (best = k), (most = n);
  return best || 12;
}

/** Group pieces into lines by baseline, top to bottom, each line's pieces left to right and cut into cells. */
function buildLines(pieces: Piece[], doc: DocContext): Line[] {
  const sorted = [...pieces].sort((p, q) => q.y - p.y || p.x - q.x);
  const groups: { y: number; size: number; pieces: Piece[] }[] = [];
  for (const p of sorted) {
    // Compare with the few lines just above: a raised footnote marker comes before its line in this order.
    let home: (typeof groups)[number] | undefined;
    for (let k = groups.length - 1; k >= 0 && k >= groups.length - 2; k--) {
      const g = groups[k]!;
      if (Math.abs(g.y - p.y) <= 0.5 * Math.max(g.size, p.size)) {
        home = g;
        break;
      }
    }
    if (!home) {
      groups.push({ y: p.y, size: p.size, pieces: [p] });
      continue;
    }
    home.pieces.push(p);
    // The line's baseline and size are those of its main text, not of a superscript.
    if (p.size > home.size * 1.05) {
      home.size = p.size;
      home.y = p.y;
    }
  }
  groups.sort((g, h) => h.y - g.y);
  // A cell centred beside a wrapped cell sits between two of its lines: it belongs to the row's first.
  for (let k = groups.length - 1; k > 0; k--) {
    const g = groups[k]!;
    const above = groups[k - 1]!;
    if (g.pieces.length !== 1 || g.pieces[0]!.str.trim().length > 12 || above.y - g.y > g.size) continue;
    const aboveRight = Math.max(...above.pieces.map((p) => p.x + p.w));
    if (g.pieces[0]!.x - aboveRight < 0.5 * g.size) continue;
    above.pieces.push(...g.pieces.map((p) => ({ ...p, y: above.y, newCell: true })));
    groups.splice(k, 1);
  }
  // Where the cells of a table row start, as the rows just above and below show them: a line of
  // the same table whose cell is filled to its edge (only the padding before the next) is cut
  // there too. Done again while it cuts more, so that the header's columns reach row after row.
  let lines = groups.map((g) => lineOf(g, doc, new Set()));
  for (let round = 0; round < 4; round++) {
    let changed = false;
    lines = groups.map((g, k) => {
      const stops = new Set<number>();
      for (let j = Math.max(0, k - 2); j <= Math.min(lines.length - 1, k + 2); j++) {
        const near = lines[j]!;
        if (j === k || Math.abs(near.y - g.y) > 4 * g.size || isBulletLine(near)) continue;
        for (const c of near.cells.slice(1)) stops.add(Math.round(c.x));
      }
      if (!stops.size) return lines[k]!;
      const again = lineOf(g, doc, stops);
      if (again.cells.length !== lines[k]!.cells.length) changed = true;
      return again;
    });
    if (!changed) break;
  }
  return lines.filter((l) => l.cells.length > 0);
}

/**
 * A line's pieces, left to right, cut into cells: at a gap wider than CELL_GAP, after a list
 * marker, and where a piece starts at one of the page's column `stops` (a cell filled to its
 * edge leaves only the padding before the next).
 */
function lineOf(g: { y: number; size: number; pieces: Piece[] }, doc: DocContext, stops: Set<number>): Line {
  {
    const ps = g.pieces.sort((p, q) => p.x - q.x);
    const cells: Cell[] = [];
    let cur: Cell | null = null;
    let prevEnd = -Infinity;
    for (const p of ps) {
      // A footnote marker is a number set small and raised: written `[n]`, as the HTML rendering writes one.
      if (p.size < 0.85 * g.size && p.y > g.y + 0.15 * g.size && /^\d{1,3}$/.test(p.str.trim()) && cur) {
        cur.text = `${cur.text.replace(/\s+$/, '')}[${p.str.trim()}]`;
        doc.markers.add(Number(p.str.trim()));
        cur.right = Math.max(cur.right, p.x + p.w);
        prevEnd = Math.max(prevEnd, p.x + p.w);
        continue;
      }
      const gap = p.x - prevEnd;
      const lone = cur !== null && cells.length === 0 && isMarker(cur.text.trim());
      const atStop = gap > 0.15 * g.size && (stops.has(Math.round(p.x)) || stops.has(Math.round(p.x) - 1) || stops.has(Math.round(p.x) + 1));
      if (!cur || gap > CELL_GAP * g.size || (lone && gap > 0.2 * g.size) || p.newCell || atStop) {
        if (cur) cells.push(cur);
        cur = { x: p.x, right: p.x + p.w, text: p.str.replace(/^\s+/, '') };
      } else {
        const needsSpace = gap > 0.12 * Math.min(p.size, g.size) && !/\s$/.test(cur.text) && !/^\s/.test(p.str);
        cur.text += (needsSpace ? ' ' : '') + p.str;
        cur.right = Math.max(cur.right, p.x + p.w);
      }
      prevEnd = Math.max(prevEnd, p.x + p.w);
    }
    if (cur) cells.push(cur);
    for (const c of cells) c.text = c.text.replace(/\s+/g, ' ').trim();
    const kept = cells.filter((c) => c.text);
    return { y: g.y, size: g.size, cells: kept, left: kept[0]?.x ?? 0, right: kept.length ? kept[kept.length - 1]!.right : 0 };
  }
}

function isMarker(s: string): boolean {
  return BULLET_GLYPH.test(s) || NUMBER_MARKER.test(s);
}

function isBulletLine(line: Line): boolean {
  return line.cells.length >= 2 && isMarker(line.cells[0]!.text);
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

function sameSize(a: number, b: number): boolean {
  return Math.abs(a - b) <= 0.1 * Math.max(a, b);
}

function percentile(values: number[], q: number): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
