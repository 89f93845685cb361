import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MessageSink } from '../../src/core/messages.ts';
import { ingestBytes } from '../../src/ingest/ingest-file.ts';
import { htmlToText } from '../../src/ingest/html.ts';
import { segmentReport } from '../../src/segment/segment-report.ts';
import { readingOf } from '../helpers/reading.ts';
import { seedDoc } from '../helpers/seeds.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'html');

// HTML pages of three seeds: two PDUs (one from each text rendering) with site chrome around the
// report, and the region on a plain page made from its text (scripts/text-to-html.ts).
describe.each(['cwm-taf-morgannwg-pdu-2025', 'gwent-pdu-2025', 'wales-region-2025'])('HTML page of %s', (name) => {
  const r = ingestBytes(readFileSync(join(FIXTURES, `${name}.html`)), `${name}.html`);
  if (!r.ok) throw new Error('fixture did not ingest');
  const sink = new MessageSink('segment', { text: r.report.text });
  const html = segmentReport(r.report.text, sink)!;
  const txt = seedDoc(name).doc;

  it('is recognised as HTML and gets the same report id', () => {
    expect(r.report.format).toBe('html');
    expect(r.report.reportId).toBe(name);
  });

  it('yields the same metadata, ratings, standards, key questions, findings and footnotes as the text', () => {
    expect(readingOf(html)).toEqual(readingOf(txt));
  });

  it('drops the site chrome', () => {
    expect(r.report.text).not.toMatch(/cookie|Skip to content|Related reports|Back to top/i);
  });

  it('quotes its own canonical text', () => {
    for (const f of html.findings) expect(r.report.text.slice(f.start, f.end)).toBe(f.quote);
  });
});

describe('HTML pages whose headings stand a level lower', () => {
  // Another site's theme sets the sections as h3 and the title as h2: the levels are learnt from the known sections.
  it.each(['cwm-taf-morgannwg-pdu-2025', 'gwent-pdu-2025'])('%s reads the same', (name) => {
    const html = readFileSync(join(FIXTURES, `${name}.html`), 'utf8').replace(/<(\/?)h([1-5])\b/gi, (_, slash: string, n: string) => `<${slash}h${Number(n) + 1}`);
    const r = ingestBytes(Buffer.from(html), `${name}.html`);
    if (!r.ok) throw new Error('did not ingest');
    const doc = segmentReport(r.report.text, new MessageSink('segment', { text: r.report.text }))!;
    expect(readingOf(doc)).toEqual(readingOf(seedDoc(name).doc));
  });
});

describe('htmlToText', () => {
  it.each([
    ['<table><tr><td>P 1.1 Leadership</td><td>Good</td></tr></table>', '| P 1.1 Leadership | Good |'],
    ['<ul><li>One <b>bold</b> item</li><li>Two</li></ul>', '- One bold item\n\n- Two'],
    ['<ol start="3"><li><p>Para in item</p></li></ol>', '3. Para in item'],
    ['<h2>Foreword <a href="#top">Back to top</a></h2>', '## Foreword'],
    ['<p>rating<sup><a href="#fn3">3</a></sup> for</p>', 'rating[3] for'],
    ['<nav>Home</nav><main><p>Body</p></main><footer>Footer</footer>', 'Body'],
    ['<div class="cookie-banner">We use cookies</div><p>Text &amp; more&nbsp;here</p>', 'Text & more\u00a0here'],
    ['<p>a<script>alert(1)</script>b</p>', 'ab'],
  ])('%s', (html, expected) => {
    expect(htmlToText(`<html><body>${html}</body></html>`).trim()).toBe(expected);
  });
});
