/**
 * A printable HTML page of a report in the pipe rendering, for making test fixtures (a PDF is
 * printed from it by scripts/make-pdf-fixtures.sh):
 *   npx tsx scripts/text-to-html.ts seeds/wales-region-2025.txt > page.html
 * `X (Back to top)` lines become headings, runs of `| a | b |` rows a table, `- ` lines a list,
 * `[n]` markers raised numbers and `[n] text` lines the numbered notes at the end; any other
 * line is a paragraph. Only for fixtures: it knows nothing the segmenter does not.
 */
import { readFileSync } from 'node:fs';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const inline = (s: string) => esc(s).replace(/\[(\d{1,3})\]/g, '<sup>$1</sup>');

const lines = readFileSync(process.argv[2]!, 'utf8').replace(/\r\n?/g, '\n').split('\n');
const out: string[] = [];
const notes: string[] = [];
let open: 'table' | 'ul' | null = null;
const close = () => {
  if (open) out.push(`</${open}>`);
  open = null;
};
lines.forEach((raw, n) => {
  const t = raw.trim();
  if (!t) return close();
  const note = /^\[(\d{1,3})\]\s*(.*)$/.exec(t);
  if (note) return close(), void notes.push(`<li value="${note[1]}">${esc(note[2]!.replace(/\s*↩\S*\s*$/, ''))}</li>`);
  if (n === 0) return out.push(`<h1>${inline(t)}</h1>`);
  const heading = /^(.*?)\s*\(Back to top\)$/i.exec(t);
  if (heading) return close(), void out.push(`<h2>${inline(heading[1]!)}</h2>`);
  if (/^\|.*\|$/.test(t)) {
    if (open !== 'table') close(), out.push('<table>'), (open = 'table');
    const cells = t.slice(1, -1).split('|').map((c) => `<td>${inline(c.trim())}</td>`);
    return out.push(`<tr>${cells.join('')}</tr>`);
  }
  if (/^- /.test(t)) {
    if (open !== 'ul') close(), out.push('<ul>'), (open = 'ul');
    return out.push(`<li>${inline(t.slice(2))}</li>`);
  }
  close();
  out.push(`<p>${inline(t)}</p>`);
});
close();
if (notes.length) out.push('<ol class="footnotes">', ...notes, '</ol>');
process.stdout.write(`<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${esc(lines[0]!.trim())}</title>
<style>
body { font-family: sans-serif; font-size: 11pt; line-height: 1.3; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
td { border: 1px solid #999; padding: .3em .5em; vertical-align: top; }
td:last-child { width: 28%; }
.footnotes { font-size: 9pt; }
</style></head><body>
${out.join('\n')}
</body></html>
`);
