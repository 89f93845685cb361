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

function bracketRe(n: number): RegExp {
  // `[3]`, with the duplicated digit some renderings add (`[3]3`, `[4] 4for`).
  return new RegExp(`\\[${n}\\](?:[ \\u00a0]?${n}(?![\\d.,]\\d|\\d))?`, 'g');
}

function gluedRes(n: number): RegExp[] {
  const notNumber = `(?!\\d|[.,]\\d|\\s*%|\\s*per\\s+cent|\\s*/|\\s*out\\s+of|\\s*of\\s+\\d)`;
  return [
    // after a word or sentence end: `rating5`, `PSOs.1`, `population1`, `background.2`
    new RegExp(`(?<=[a-z)’'”;:]|(?<!\\d)[.,])${n}${notNumber}`, 'g'),
    // before the next word: `rating 3for`, `rates 2across`
    new RegExp(`(?<=\\s)${n}(?=[a-z])`, 'g'),
  ];
}

function firstMatch(res: RegExp[], text: string, from: number, to: number): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  for (const re of res) {
    re.lastIndex = from;
    const m = re.exec(text);
    if (m && m.index < to && (!best || m.index < best.start)) best = { start: m.index, end: m.index + m[0].length };
  }
  return best;
}

/**
 * Find the marker of each footnote number in `text[from, to)`: its bracketed form where the
 * text has one, else a glued digit after the previous note's marker.
 */
export function locateMarkers(text: string, numbers: number[], from: number, to: number): Map<number, MarkerSpan[]> {
  const out = new Map<number, MarkerSpan[]>();
  const zone = text.slice(from, to);
  let cursor = from;
  for (const n of [...numbers].sort((a, b) => a - b)) {
    if (zone.includes(`[${n}]`)) {
      // Bracketed markers are unambiguous: take every one (a note may be cited twice).
      const re = bracketRe(n);
      re.lastIndex = from;
      const spans: MarkerSpan[] = [];
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) && m.index < to) spans.push({ start: m.index, end: m.index + m[0].length });
      out.set(n, spans);
      cursor = Math.max(cursor, spans[0]!.end);
    } else {
      const hit = firstMatch(gluedRes(n), text, cursor, to);
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
  let out = '';
  let pos = start;
  for (const m of [...markers].sort((a, b) => a.start - b.start)) {
    if (m.end <= start || m.start >= end) continue;
    out += text.slice(pos, Math.max(pos, m.start));
    pos = Math.min(end, m.end);
    const left = out.slice(-1);
    const right = text[pos] ?? '';
    if (/\S/.test(left) && /[A-Za-z(]/.test(right) && /[A-Za-z)\]]/.test(left)) out += ' ';
  }
  out += text.slice(pos, end);
  return out.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}
