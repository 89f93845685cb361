/** A document's pages laid out as the canonical text: lines, page furniture left out, blocks. */
import { layoutLines } from './blocks.ts';
import { pageFurniture } from './furniture.ts';
import { bodySize, buildLines, linePitch, PITCH, type DocContext, type Piece } from './lines.ts';
import type { PdfPage } from './text-layer.ts';

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

