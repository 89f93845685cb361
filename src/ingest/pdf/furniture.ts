/** The lines at the head and foot of pages that are not the report's text. */
import { PAGE_NUMBER_KEY_RE } from '../../segment/vocabulary.ts';
import type { Line } from './lines.ts';
import type { PdfPage } from './text-layer.ts';

/**
 * The lines at the head and foot of pages that are not the report's text: page numbers, and
 * lines that come back (numbers aside) at the head or foot of many pages.
 */
export function pageFurniture(pages: PdfPage[], lines: Line[][]): Set<Line> {
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
      if (PAGE_NUMBER_KEY_RE.test(k) || (pagesWith.get(k) ?? 0) >= often) out.add(l);
    }
  }
  return out;
}

