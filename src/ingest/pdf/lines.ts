/**
 * From pdf.js's positioned pieces of text to lines, each cut into cells: pieces are grouped by
 * baseline (a raised footnote marker stays in its line, a cell centred in its row joins the row's
 * first line), and cut where a gap is wide, after a list marker, or where the rows around show a
 * column starting.
 */

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

export interface Cell {
  x: number;
  right: number;
  text: string;
}

export interface Line {
  y: number;
  size: number;
  cells: Cell[];
  left: number;
  right: number;
}

/** Glyphs a list item starts with (Word's Symbol and Wingdings bullets come out in the private use area). */
export const BULLET_GLYPH = /^[•●▪■◦‣∙○o§\u2013\u2014\u2212\-*\uf0b7\uf0a7\uf076\uf0d8\uf0fc]$/;
/** What numbers an item of an ordered list: `1.`, `2)`, `(a)`, `iv.` */
export const NUMBER_MARKER = /^(?:\d{1,2}[.)]|\(?[a-z][.)]|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)])$/;
/** A line continues the one above when its baseline is no further below than this many font sizes (at least: see linePitch). */
export const PITCH = 1.4;
/** A horizontal gap wider than this many font sizes separates cells (table columns, a bullet from its text). */
export const CELL_GAP = 1.1;

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
export function linePitch(pages: Line[][], bodySize: number): number {
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
export function bodySize(pieces: Piece[]): number {
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
export function buildLines(pieces: Piece[], doc: DocContext): Line[] {
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

export function isMarker(s: string): boolean {
  return BULLET_GLYPH.test(s) || NUMBER_MARKER.test(s);
}

export function isBulletLine(line: Line): boolean {
  return line.cells.length >= 2 && isMarker(line.cells[0]!.text);
}

export function sameSize(a: number, b: number): boolean {
  return Math.abs(a - b) <= 0.1 * Math.max(a, b);
}

