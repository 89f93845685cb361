import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import { CHROME_CLASS, CHROME_ROLES } from '../core/site-chrome.ts';
import { HEADINGS } from '../segment/vocabulary.ts';

/**
 * Render an HTML report page as canonical text in a small markdown-like layout that the
 * segmenter reads like any other rendering: `#` headings, `- ` and `1. ` list items,
 * `| a | b |` table rows (cells walked one by one, never glued), `[N]` footnote markers and
 * `[N] text` footnotes. Site chrome (navigation, cookie banners, headers, footers, sidebars)
 * is dropped.
 */
export function htmlToText(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const root = findFirst(doc.children, (e) => e.name === 'main') ?? findFirst(doc.children, (e) => e.name === 'article') ?? findFirst(doc.children, (e) => e.name === 'body') ?? doc;
  const r = new Renderer(headingLevels(root));
  r.block(root.children, { listDepth: 0 });
  r.flush();
  return r.blocks.join('\n\n') + '\n';
}

const DROP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'nav', 'footer', 'aside', 'form', 'button', 'svg', 'iframe', 'select', 'input', 'textarea', 'dialog', 'head', 'meta', 'link', 'object', 'canvas']);
const DROP_ROLES = CHROME_ROLES;
const DROP_CLASS = CHROME_CLASS;
const INLINE = new Set(['a', 'span', 'strong', 'em', 'b', 'i', 'u', 'small', 'abbr', 'code', 'mark', 'time', 'cite', 'q', 'sub', 'sup', 'font', 'label', 'bdi', 'bdo', 'data', 'dfn', 'kbd', 's', 'samp', 'var', 'wbr', 'ins', 'del']);

function isElement(n: AnyNode): n is Element {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

function findFirst(nodes: AnyNode[], pred: (e: Element) => boolean): Element | undefined {
  for (const n of nodes) {
    if (!isElement(n)) continue;
    if (pred(n)) return n;
    const inner = findFirst(n.children, pred);
    if (inner) return inner;
  }
  return undefined;
}

function textOf(n: AnyNode): string {
  if (n.type === 'text') return (n as unknown as { data: string }).data;
  if (isElement(n)) return n.children.map(textOf).join('');
  return '';
}

function dropped(e: Element): boolean {
  if (DROP_TAGS.has(e.name)) return true;
  const a = e.attribs;
  if (a.hidden !== undefined || a['aria-hidden'] === 'true') return true;
  if (a.role && DROP_ROLES.test(a.role)) return true;
  if (DROP_CLASS.test(`${a.class ?? ''} ${a.id ?? ''}`)) return true;
  // A page header holds the site's name and menu, not the report; keep one that holds the title.
  // A page's header is chrome unless it holds the report's title (a heading).
  if (e.name === 'header' && !findFirst(e.children, (c) => /^h[1-3]$/.test(c.name))) return true;
  if (e.name === 'a' && /^\s*(back to top|↩\ufe0e?\ufe0f?)\s*$/i.test(textOf(e))) return true;
  if (e.name === 'a' && /^#fnref/i.test(a.href ?? '')) return true;
  return false;
}

/** A footnote reference: <sup>3</sup>, <sup><a href="#fn3">3</a></sup> or <a class="footnote-ref">. */
function footnoteRef(e: Element): string | null {
  const t = textOf(e).trim().replace(/^\[|\]$/g, '');
  if (!/^\d{1,3}$/.test(t)) return null;
  if (e.name === 'sup') return t;
  if (e.name === 'a' && (/^#(fn|footnote)/i.test(e.attribs.href ?? '') || /footnote/i.test(e.attribs.class ?? ''))) return t;
  return null;
}

function isFootnoteList(e: Element): boolean {
  if (e.name !== 'ol' && e.name !== 'ul') return false;
  const items = e.children.filter(isElement).filter((c) => c.name === 'li');
  return items.length > 0 && items.every((li) => /^(fn|footnote)[-_:]?\d+$/i.test(li.attribs.id ?? ''));
}

interface Ctx {
  listDepth: number;
}

/**
 * The markdown mark of each heading level (`#` the title, `##` a section, `###` below), learnt from
 * the level the page sets the known sections in (Foreword, Ratings, Recommendations...): pages set
 * them as h2 or h3, the segmenter needs them as `##`. A page with none keeps its levels.
 */
function headingLevels(root: { children: AnyNode[] }): (level: number) => string {
  const counts = new Map<number, number>();
  const visit = (nodes: AnyNode[]) => {
    for (const n of nodes) {
      if (!isElement(n) || dropped(n)) continue;
      const h = /^h([1-6])$/.exec(n.name);
      if (h) {
        const t = textOf(n).replace(/\(?\s*back to top\s*\)?/i, '').replace(/^\s*\d+\s*\.?\s*/, '').trim();
        if (HEADINGS.some((x) => x.re.test(t))) counts.set(Number(h[1]), (counts.get(Number(h[1])) ?? 0) + 1);
      } else visit(n.children);
    }
  };
  visit(root.children);
  const section = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  if (section === undefined) return (level) => '#'.repeat(level);
  return (level) => (level < section ? '#' : level === section ? '##' : '###');
}

class Renderer {
  blocks: string[] = [];
  private buf = '';
  private prefix = '';

  constructor(private readonly mark: (level: number) => string = (level) => '#'.repeat(level)) {}

  flush(): void {
    const t = this.buf.replace(/[\s\u00a0]+/g, (m) => (m.includes('\u00a0') && m.length === 1 ? '\u00a0' : ' ')).trim();
    if (t) this.blocks.push(this.prefix + t);
    this.buf = '';
    this.prefix = '';
  }

  inline(nodes: AnyNode[]): void {
    for (const n of nodes) {
      if (n.type === 'text') {
        this.buf += (n as unknown as { data: string }).data;
        continue;
      }
      if (!isElement(n) || dropped(n)) continue;
      if (n.name === 'br') {
        this.buf += ' ';
        continue;
      }
      const ref = footnoteRef(n);
      if (ref) {
        this.buf += `[${ref}]`;
        continue;
      }
      this.inline(n.children);
    }
  }

  block(nodes: AnyNode[], ctx: Ctx): void {
    for (const n of nodes) {
      if (n.type === 'text') {
        this.buf += (n as unknown as { data: string }).data;
        continue;
      }
      if (!isElement(n) || dropped(n)) continue;
      const name = n.name;
      if (INLINE.has(name) || name === 'br') {
        this.inline([n]);
        continue;
      }
      this.flush();
      if (/^h[1-6]$/.test(name)) {
        this.prefix = this.mark(Number(name[1])) + ' ';
        this.inline(n.children);
        this.flush();
      } else if (name === 'table') {
        this.table(n);
      } else if (isFootnoteList(n)) {
        const items = n.children.filter(isElement).filter((c) => c.name === 'li');
        items.forEach((li, i) => {
          const num = /(\d+)$/.exec(li.attribs.id ?? '')?.[1] ?? String(i + 1);
          this.prefix = `[${num}] `;
          this.inline(li.children.filter((c) => !(isElement(c) && /^(p|div)$/.test(c.name))));
          for (const c of li.children) if (isElement(c) && /^(p|div)$/.test(c.name)) this.inline(c.children), (this.buf += ' ');
          this.flush();
        });
      } else if (name === 'ul' || name === 'ol') {
        let k = Number(n.attribs.start ?? '1') || 1;
        for (const li of n.children.filter(isElement)) {
          if (li.name !== 'li' || dropped(li)) continue;
          const indent = '  '.repeat(ctx.listDepth);
          this.prefix = indent + (name === 'ol' ? `${k++}. ` : '- ');
          const nested = li.children.filter((c) => isElement(c) && (c.name === 'ul' || c.name === 'ol'));
          const own = li.children.filter((c) => !nested.includes(c));
          // Paragraphs inside an item belong to the item's own text.
          for (const c of own) {
            if (isElement(c) && !INLINE.has(c.name) && !dropped(c)) {
              this.inline(c.children);
              this.buf += ' ';
            } else this.inline([c]);
          }
          this.flush();
          if (nested.length) this.block(nested, { listDepth: ctx.listDepth + 1 });
        }
      } else {
        this.block(n.children, ctx);
        this.flush();
      }
    }
  }

  private table(t: Element): void {
    const rows: Element[] = [];
    const collect = (nodes: AnyNode[]) => {
      for (const c of nodes) {
        if (!isElement(c) || dropped(c)) continue;
        if (c.name === 'tr') rows.push(c);
        else if (c.name !== 'table') collect(c.children);
      }
    };
    collect(t.children);
    const caption = t.children.filter(isElement).find((c) => c.name === 'caption');
    if (caption) {
      this.inline(caption.children);
      this.flush();
    }
    for (const tr of rows) {
      const cells = tr.children.filter(isElement).filter((c) => c.name === 'td' || c.name === 'th');
      const texts = cells.map((cell) => {
        const sub = new Renderer(this.mark);
        sub.block(cell.children, { listDepth: 0 });
        sub.flush();
        return sub.blocks.join(' ').replace(/\|/g, '¦');
      });
      if (texts.every((x) => !x)) continue;
      this.blocks.push(`| ${texts.join(' | ')} |`);
    }
  }
}
