/**
 * The dashboard in a real browser: Debian's Chromium driven by playwright-core, the page opened
 * from file:// with the network refused. Skipped (with a message) when /usr/bin/chromium is
 * missing, unless CI is set, where a missing browser fails the run.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildDashboard } from '../../src/publish/dashboard.ts';
import type { Datasets } from '../../src/publish/datasets.ts';
import { scaledDatasets, seedDatasets } from './dashboard-fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const OUTPUT = join(import.meta.dirname, '..', '..', 'output');
const SCREENSHOT = join(OUTPUT, 'dashboard.png');

if (!HAVE_CHROMIUM) {
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium) to run the dashboard's browser test`);
  console.warn(`dashboard.e2e: SKIPPED, ${CHROMIUM} is missing (apt-get install -y chromium); set CI=1 to make this a failure`);
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

interface Opened {
  page: Page;
  problems: string[];
  requests: string[];
}

describe.skipIf(!HAVE_CHROMIUM)('dashboard in Chromium', () => {
  let ctx: BrowserContext;
  let tmp: string;
  let d: Datasets;
  let source: string;
  let seeds: Opened;

  /** Open a page built from datasets; collect console errors, page errors and every non-file request. */
  async function open(datasets: Datasets, name: string, labels: Record<string, string> = {}): Promise<Opened> {
    const file = join(tmp, name);
    writeFileSync(file, buildDashboard(datasets, { themeLabels: labels }));
    const page = await ctx.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    return { page, problems, requests };
  }

  const marksIn = (page: Page, chart: string) => page.locator(`#${chart} svg g.role-mark [role="graphics-symbol"]`).count();
  const listed = (page: Page) =>
    page.$$eval('#findings-list li.finding', (lis) => lis.map((li) => ({ id: li.getAttribute('data-id')!, quote: li.querySelector('.quote')!.textContent!, cite: li.querySelector('.cite')!.textContent! })));
  const count = async (page: Page) => Number(await page.getAttribute('#findings-count', 'data-count'));
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    const r = await seedDatasets();
    d = r.datasets;
    source = r.source;
    tmp = mkdtempSync(join(tmpdir(), 'dashboard-e2e-'));
    ctx = await chromium.launchPersistentContext(join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1400, height: 1000 },
      deviceScaleFactor: 1,
    });
    seeds = await open(d, 'index.html', r.themeLabels);
  });

  afterAll(async () => {
    await ctx?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('loads from file:// with no console error and no network request', () => {
    expect(source).toBe('pipeline');
    expect(seeds.problems).toEqual([]);
    expect(seeds.requests).toEqual([]);
  });

  it('draws every chart with marks', async () => {
    const { page } = seeds;
    const n = {
      ratings: await marksIn(page, 'chart-ratings'),
      keyQuestions: await marksIn(page, 'chart-key-questions'),
      themes: await marksIn(page, 'chart-themes'),
    };
    // Ratings: a rect and a text per rating, plus the overall cells.
    expect(n.ratings).toBeGreaterThanOrEqual(2 * d.ratings.length);
    // Key questions: at least a dot per key question of every unit.
    expect(n.keyQuestions).toBeGreaterThanOrEqual(d.key_questions.length);
    expect(n.themes).toBeGreaterThan(0);
    for (const id of ['chart-ratings', 'chart-key-questions', 'chart-themes']) expect(await page.getAttribute(`#${id}`, 'data-rendered')).toBe('true');
  });

  it('narrows the findings list with the filters and the search', async () => {
    const { page } = seeds;
    const total = d.findings.length;
    expect(await count(page)).toBe(total);
    expect((await listed(page)).length).toBe(Math.min(100, total));

    await page.selectOption('#f-polarity', 'strength');
    const strengths = d.findings.filter((f) => f.polarity === 'strength');
    expect(await count(page)).toBe(strengths.length);
    expect((await listed(page)).map((f) => f.id)).toEqual(strengths.slice(0, 100).map((f) => f.finding_id));

    const unit = d.reports.find((r) => r.unit_type === 'pdu')!;
    await page.selectOption('#f-unit', unit.report_id);
    expect(await count(page)).toBe(strengths.filter((f) => f.report_id === unit.report_id).length);

    await page.click('#f-reset');
    expect(await count(page)).toBe(total);
    await page.fill('#f-search', 'accommodation');
    await page.waitForFunction((t) => Number(document.getElementById('findings-count')!.getAttribute('data-count')) < t, total);
    const hits = await listed(page);
    expect(hits.length).toBeGreaterThan(0);
    expect(await count(page)).toBeLessThan(total);
    const byId = new Map(d.findings.map((f) => [f.finding_id, f]));
    const hay = (f: Datasets['findings'][number]) => [f.text, f.quote, f.section, f.section_title].join(' ').toLowerCase();
    for (const h of hits) expect(hay(byId.get(h.id)!)).toContain('accommodation');
    expect(await count(page)).toBe(d.findings.filter((f) => hay(f).includes('accommodation')).length);
    // Several words: every one must appear.
    await page.fill('#f-search', 'accommodation probation');
    await page.waitForFunction((t) => Number(document.getElementById('findings-count')!.getAttribute('data-count')) === t, d.findings.filter((f) => hay(f).includes('accommodation') && hay(f).includes('probation')).length);

    // Paging: "show more" renders the next page.
    await page.click('#f-reset');
    if (total > 100) {
      await page.click('#findings-more');
      expect((await listed(page)).length).toBe(Math.min(200, total));
    }
    await page.click('#f-reset');
  });

  it('lists a theme cell’s findings, with quotes that match the datasets, on a click', async () => {
    const { page } = seeds;
    // The busiest strengths cell, so the check is not trivial.
    const cell = [...d.theme_matrix].sort((a, b) => b.n_strength - a.n_strength || (a.report_id < b.report_id ? -1 : 1))[0]!;
    expect(cell.n_strength).toBeGreaterThan(0);
    const data = await page.evaluate(() => (window as unknown as { dashboard: { data: { units: { rid: string; label: string }[]; themes: { id: string; label: string }[] } } }).dashboard.data);
    const unitLabel = data.units.find((u) => u.rid === cell.report_id)!.label;
    const themeLabel = data.themes.find((t) => t.id === cell.theme)!.label;
    const rect = page.locator(`#chart-themes g.theme_strength_marks path[aria-label*="Unit: ${unitLabel}; Theme: ${themeLabel};"]`);
    expect(await rect.count()).toBe(1);
    await rect.click({ position: { x: 3, y: 3 } }); // a corner: the count's text sits in the middle

    await page.waitForFunction(() => document.getElementById('f-theme') instanceof HTMLSelectElement && (document.getElementById('f-theme') as HTMLSelectElement).value !== '');
    expect(await page.inputValue('#f-unit')).toBe(cell.report_id);
    expect(await page.inputValue('#f-theme')).toBe(cell.theme);
    const expected = d.findings.filter((f) => f.report_id === cell.report_id && f.polarity === 'strength' && f.themes.split(';').includes(cell.theme));
    expect(expected.length).toBe(cell.n_strength);
    const got = await listed(page);
    expect(got.map((g) => g.id)).toEqual(expected.map((f) => f.finding_id));
    expect(got.map((g) => norm(g.quote))).toEqual(expected.map((f) => norm(f.quote)));
    // Every quote says where it comes from: report and section.
    got.forEach((g, i) => {
      expect(g.cite).toContain(expected[i]!.report_id);
      expect(g.cite).toContain(`section ${expected[i]!.section}`);
    });

    // The shortfall panel lists areas for improvement and recommendations together.
    const sf = d.theme_matrix.find((r) => r.n_improvement > 0 && r.n_recommendation > 0) ?? d.theme_matrix.find((r) => r.n_improvement + r.n_recommendation > 0)!;
    const sfRect = page.locator(
      `#chart-themes g.theme_shortfall_marks path[aria-label*="Unit: ${data.units.find((u) => u.rid === sf.report_id)!.label}; Theme: ${data.themes.find((t) => t.id === sf.theme)!.label};"]`,
    );
    await sfRect.click({ position: { x: 3, y: 3 } });
    await page.waitForFunction((n) => Number(document.getElementById('findings-count')!.getAttribute('data-count')) === n, sf.n_improvement + sf.n_recommendation);
    const sfGot = await listed(page);
    const sfExpected = d.findings.filter((f) => f.report_id === sf.report_id && (f.polarity === 'improvement' || f.polarity === 'recommendation') && f.themes.split(';').includes(sf.theme));
    expect(sfGot.map((g) => norm(g.quote))).toEqual(sfExpected.map((f) => norm(f.quote)));
    await page.click('#f-reset');
  });

  it('expands a recurring finding to its members’ quotes and units', async () => {
    const { page } = seeds;
    const top = [...d.recurring_findings].sort((a, b) => b.n_reports - a.n_reports || b.finding_ids.split(';').length - a.finding_ids.split(';').length)[0];
    if (!top) return; // nothing recurs in these datasets
    const first = page.locator('#recurring-list details.cluster').first();
    expect(await first.getAttribute('data-id')).toBeTruthy();
    const id = (await first.getAttribute('data-id'))!;
    const c = d.recurring_findings.find((r) => r.cluster_id === id)!;
    expect(c.n_reports).toBe(top.n_reports); // most widespread first
    await first.locator('summary').click();
    // Members are rendered when the cluster opens.
    await first.locator('li.finding .quote').first().waitFor({ timeout: 5000 });
    const quotes = await first.locator('li.finding .quote').allTextContents();
    const byId = new Map(d.findings.map((f) => [f.finding_id, f]));
    expect(quotes.map(norm)).toEqual(c.finding_ids.split(';').map((fid) => norm(byId.get(fid)!.quote)));
  });

  it('lists the consistency checks', async () => {
    const { page } = seeds;
    const rows = await page.locator('#checks-list tbody tr').count();
    expect(rows).toBe(d.checks.length);
  });

  it('saves a screenshot of the whole page to output/dashboard.png', async () => {
    const { page } = seeds;
    await page.evaluate(() => window.scrollTo(0, 0));
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(seeds.problems).toEqual([]);
  });

  it('stays usable with a few hundred reports (thousands of findings)', async () => {
    const big = scaledDatasets(50); // 200 reports
    const t0 = Date.now();
    const o = await open(big, 'big.html');
    const ms = Date.now() - t0;
    expect(o.problems).toEqual([]);
    expect(ms).toBeLessThan(20_000);
    expect(await count(o.page)).toBe(big.findings.length);
    // Lazily rendered: one page of findings, not thousands.
    expect(await o.page.locator('#findings-list li.finding').count()).toBe(100);
    expect(await marksIn(o.page, 'chart-themes')).toBeGreaterThan(0);
    const t1 = Date.now();
    await o.page.fill('#f-search', 'accommodation');
    await o.page.waitForFunction((n) => Number(document.getElementById('findings-count')!.getAttribute('data-count')) < n, big.findings.length);
    expect(Date.now() - t1).toBeLessThan(3000);
    await o.page.close();
  });
});
