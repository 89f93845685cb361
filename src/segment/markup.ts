/**
 * Markdown written from web pages (pandoc's markdown, GitHub's) carries the page's markup: inline
 * HTML tags, links and images, bracketed spans with attributes (`[Good]{.rating-label}`), heading
 * attributes (`{#ratings .wp-block-heading}`), fenced divs (`::: {.section}`), footnote references
 * (`^[1](#fn1){.footnote-ref}^`). Blanked here, character for character and line breaks kept, so
 * that offsets hold: the words stay, the markup becomes spaces.
 */
import { normaliseSpaces, type Line } from '../core/lines.ts';
import { CHROME_CLASS, CHROME_ROLES } from '../core/site-chrome.ts';

/** Whether a text holds such markup at all (most do not, and are left alone). */
export const MARKUP_HINT = /<\/?[a-z][^>\n]*>|\]\(|\]\{|^:::|\{[#.][\w-]/im;

/** Spaces for every character but line breaks. */
const blanks = (s: string) => s.replace(/[^\r\n]/g, ' ');

const SPAN_RE = /\[([^\][]*)\]\{[^}]*\}/g;
/**
 * A link's or span's words where its markup stood: at the markup's end when on one line (so that
 * `[data annexe](url).` reads `data annexe.`), else at its start (its line breaks must stay put).
 */
const spanWords = (m: string, t: string) => (/[\r\n]/.test(m) ? ` ${t}${blanks(m.slice(t.length + 1))}` : `${blanks(m.slice(t.length))}${t}`);

/**
 * Fenced divs that hold the site's chrome (`::: {.cookie-banner role="dialog"}`, a sidebar, the
 * footer) blanked whole, nested fences counted: as the HTML rendering drops them.
 */
function blankChromeDivs(s: string): string {
  if (!s.includes(':::')) return s;
  const lines = s.split(/(?<=\n)/);
  let depth = 0;
  let chromeAt = -1;
  for (let k = 0; k < lines.length; k++) {
    const fence = /^[ \t]*:{3,}\s*(.*?)\s*$/.exec(lines[k]!.replace(/\r?\n$/, ''));
    if (fence) {
      const attrs = fence[1]!;
      if (attrs) {
        depth++;
        // `{#id .class role="…"}`, or pandoc's shorthand: a bare class name.
        const classes = attrs.startsWith('{') ? [...attrs.matchAll(/(?:^|[\s{])\.([\w-]+)/g)].map((m) => m[1]).join(' ') : attrs;
        const role = /role="([^"]*)"/.exec(attrs)?.[1] ?? '';
        if (chromeAt < 0 && (CHROME_CLASS.test(classes) || CHROME_ROLES.test(role))) chromeAt = depth;
      } else {
        if (depth === chromeAt) (lines[k] = blanks(lines[k]!)), (chromeAt = -1);
        depth = Math.max(0, depth - 1);
        continue;
      }
    }
    if (chromeAt > 0) lines[k] = blanks(lines[k]!);
  }
  return lines.join('');
}

/**
 * Elements of raw HTML left in the markdown (GitHub's keeps `<div class="cookie-banner">` blocks)
 * that hold the site's chrome, blanked whole to their closing tag.
 */
function blankChromeElements(s: string): string {
  if (!/<(div|aside|nav|footer|header|section)\b/i.test(s)) return s;
  const tag = /<(\/?)(div|aside|nav|footer|header|section)\b([^>]*)>/gi;
  const chunks: [number, number][] = [];
  const stack: { name: string; chrome: boolean; at: number }[] = [];
  for (let m = tag.exec(s); m; m = tag.exec(s)) {
    const name = m[2]!.toLowerCase();
    if (!m[1]) {
      const attrs = m[3]!;
      const cls = /class="([^"]*)"/i.exec(attrs)?.[1] ?? '';
      const role = /role="([^"]*)"/i.exec(attrs)?.[1] ?? '';
      const chrome = ['aside', 'nav', 'footer'].includes(name) || CHROME_CLASS.test(cls) || CHROME_ROLES.test(role);
      stack.push({ name, chrome, at: m.index });
    } else {
      const k = stack.map((x) => x.name).lastIndexOf(name);
      if (k < 0) continue;
      const [open] = stack.splice(k);
      // The outermost chrome element goes whole, with what it holds.
      if (open!.chrome && !stack.some((x) => x.chrome)) chunks.push([open!.at, m.index + m[0].length]);
    }
  }
  if (!chunks.length) return s;
  let out = '';
  let at = 0;
  for (const [a, b] of chunks) {
    out += s.slice(at, a) + blanks(s.slice(a, b));
    at = b;
  }
  return out + s.slice(at);
}

/** `s` with the markup blanked: the same length, the same line breaks. */
export function blankMarkup(s: string): string {
  return (
    blankChromeElements(blankChromeDivs(s))
      // Fenced divs' fences.
      .replace(/^[ \t]*:::.*$/gm, blanks)
      // A footnote reference: `^[1](#fn1){…}^` reads `^1^`.
      .replace(/\^\[(\d{1,3})\]\([^)]*\)(?:\{[^}]*\})?\^/g, (m, n: string) => `^${n}^${blanks(m.slice(n.length + 2))}`)
      // Images go whole: `![alt](src){width=…}`.
      .replace(/!\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?/g, blanks)
      // Links and spans keep their words: `[text](url){.class}`, `[text]{.class}` (over line breaks too,
      // and nested: the innermost first).
      .replace(/\[([^\][]*)\]\([^)\s]*\)(?:\{[^}]*\})?/g, spanWords)
      .replace(SPAN_RE, spanWords)
      .replace(SPAN_RE, spanWords)
      .replace(SPAN_RE, spanWords)
      // Attribute blocks left after a heading or an element: ` {#id .class key="value"}`.
      .replace(/[ \t]\{[#.][^}\n]*\}/g, blanks)
      // A raised number in HTML reads as pandoc writes one: `<sup>1</sup>` as `^1^`.
      .replace(/<sup>(\d{1,3})<\/sup>/g, (m, n: string) => `^${n}^${blanks(m.slice(n.length + 2))}`)
      // Inline HTML tags.
      .replace(/<\/?[a-zA-Z][^>]*>/g, blanks)
  );
}

/** Whether lines are markdown: three headings or more, or a pipe table row. */
export function isMarkdownish(lines: Line[]): boolean {
  let headings = 0;
  for (const l of lines) {
    if (/^#{1,6}\s+\S/.test(l.norm) && ++headings >= 3) return true;
    if (/^\s*\|.*\|\s*$/.test(l.norm)) return true;
  }
  return false;
}

/** In a markdown text carrying a page's markup, blank it in every line's `norm` (and mark the line); true if done. */
export function blankMarkupLines(text: string, lines: Line[]): boolean {
  if (!MARKUP_HINT.test(text) || !isMarkdownish(lines)) return false;
  const blanked = blankMarkup(text);
  for (const l of lines) {
    const norm = normaliseSpaces(blanked.slice(l.start, l.end));
    if (norm === l.norm) continue;
    l.norm = norm;
    l.marked = true;
  }
  return true;
}
