import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import * as vega from 'vega';
import { buildDashboard, dashboardData, jsonForScript, type DashboardData } from '../../src/publish/dashboard.ts';
import type { Datasets } from '../../src/publish/datasets.ts';
import { fixtureDatasets, scaledDatasets } from './dashboard-fixture.ts';

/** The JSON document embedded in a page. */
function embedded(html: string): DashboardData {
  const m = /<script type="application\/json" id="dashboard-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no embedded data');
  return JSON.parse(m[1]!) as DashboardData;
}

/** The page's markup with the bodies of its script elements emptied (the bundles hold HTML in strings). */
const markup = (html: string): string => html.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/gi, '$1$2');

/** Every opening tag of an element, with its attributes. */
const tags = (html: string, name: string): string[] => html.match(new RegExp(`<${name}\\b[^>]*>`, 'gi')) ?? [];

/** A copy of the fixture whose first finding carries hostile text. */
function withHostileFinding(text: string): Datasets {
  const d = structuredClone(fixtureDatasets());
  d.findings[0] = { ...d.findings[0]!, text, quote: text };
  return d;
}

describe('buildDashboard', () => {
  const d = fixtureDatasets();
  const html = buildDashboard(d, { themeLabels: { risk_of_harm: 'Risk of serious harm' } });

  it('is self-contained: no external scripts, styles, images, frames or fonts', () => {
    const page = markup(html);
    expect(tags(page, 'script')).toHaveLength(5); // data, three libraries, the page's own script
    for (const t of tags(page, 'script')) expect(t, t).not.toMatch(/\ssrc\s*=/i);
    expect(tags(page, 'link'), 'no <link> at all').toEqual([]);
    for (const name of ['img', 'iframe', 'embed', 'object', 'source', 'audio', 'video']) expect(tags(page, name), name).toEqual([]);
    for (const t of [...tags(page, 'a'), ...tags(page, 'form')]) expect(t, t).not.toMatch(/(href|action)\s*=\s*["']?(https?:)?\/\//i);
    // Style sheets: no remote url() and no @import.
    const css = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
    expect(css).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    expect(css).not.toMatch(/@import/i);
    // The browser is told to refuse every network request.
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*connect-src 'none'">/);
    // The three chart libraries are inlined, not fetched.
    expect(tags(page, 'script').filter((t) => /data-lib=/.test(t)).map((t) => /data-lib="([^"]+)"/.exec(t)![1])).toEqual(['vega', 'vega-lite', 'vega-embed']);
    expect(html.length).toBeGreaterThan(800_000);
  });

  it('embeds the data the page needs, and only the columns it needs', () => {
    const data = embedded(html);
    expect(data.counts.reports).toBe(d.reports.length);
    expect(data.counts.findings).toBe(d.findings.length);
    expect(data.counts.checks).toBe(d.checks.length);
    expect(data.units.map((u) => u.rid).sort()).toEqual(d.reports.map((r) => r.report_id).sort());
    // Units in the matrices' order: the region first, then its PDUs.
    expect(data.units.map((u) => u.label)).toEqual(['Wales (region)', 'Cardiff and the Vale', 'Cwm Taf Morgannwg', 'Gwent']);
    expect(data.findings).toHaveLength(d.findings.length);
    d.findings.forEach((f, i) => {
      const [u, id, section, , pol, quote, text, themes] = data.findings[i]!;
      expect(data.units[u]!.rid).toBe(f.report_id);
      expect(`${f.report_id}/${id}`).toBe(f.finding_id);
      expect(section).toBe(f.section);
      expect(data.polarities[pol]).toBe(f.polarity);
      expect(quote).toBe(f.quote);
      expect(text || quote).toBe(f.text);
      expect(themes.map((t) => data.themes[t]!.id).join(';')).toBe(f.themes);
    });
    // Offsets, footnotes and the like stay in the CSVs.
    expect(html).not.toContain('"char_start"');
    expect(html).not.toContain('"source_sha256"');
    // Theme labels: given ones used, others humanised from the id.
    expect(data.themes.find((t) => t.id === 'risk_of_harm')!.label).toBe('Risk of serious harm');
    expect(data.themes.find((t) => t.id === 'staffing_levels')!.label).toBe('Staffing levels');
    // Recurring findings, most widespread first, each with its members.
    const n = data.clusters.map((c) => c.nReports);
    expect(n).toEqual([...n].sort((a, b) => b - a));
    for (const c of data.clusters) expect(c.members.length).toBe(d.recurring_findings.find((r) => r.cluster_id === c.id)!.finding_ids.split(';').length);
  });

  it('escapes </script> and <!-- in the data, and the data still reads back exactly', () => {
    const hostile = 'Evil </script><script>alert("x")</script> <!-- comment --> & </SCRIPT > done';
    const page = buildDashboard(withHostileFinding(hostile), { title: 'A </script> title & more' });
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<!-- comment');
    // As many closing tags as opening ones: no element ends early.
    expect(page.match(/<\/script/gi)!.length).toBe(tags(markup(page), 'script').length);
    expect(embedded(page).findings[0]![5]).toBe(hostile);
    expect(embedded(page).meta.title).toBe('A </script> title & more');
    expect(page).toContain('<title>A &lt;/script&gt; title &amp; more</title>');
    expect(jsonForScript({ s: '\u2028</script>' })).toBe('{"s":"\\u2028\\u003c/script>"}');
  });

  it('is deterministic: the same datasets give byte-identical HTML', () => {
    expect(buildDashboard(structuredClone(d), { themeLabels: { risk_of_harm: 'Risk of serious harm' } })).toBe(html);
    expect(html).not.toMatch(/\b20\d\d-\d\d-\d\dT\d\d:/); // no timestamp
    expect(buildDashboard(d, { generatedBy: 'run 7' })).toContain('run 7');
  });

  it('gives Vega-Lite specs that compile and draw marks (rendered to SVG in Node)', async () => {
    const data = embedded(html);
    for (const [name, spec] of Object.entries(data.specs)) {
      const warnings: string[] = [];
      const logger = { level: () => logger, warn: (...a: unknown[]) => (warnings.push(a.join(' ')), logger), info: () => logger, debug: () => logger, error: (...a: unknown[]) => { throw new Error(a.join(' ')); } };
      const vg = compile(spec as never, { logger: logger as never }).spec;
      const view = new vega.View(vega.parse(vg), { renderer: 'none' });
      const svg = await view.toSVG();
      const marks = svg.match(/role="graphics-symbol"/g)?.length ?? 0;
      expect(marks, name).toBeGreaterThan(0);
      view.finalize();
    }
  });

  it('charts the right cells: one rating cell per rating row, one theme cell per non-zero count', () => {
    const data = dashboardData(d);
    const ratings = data.specs.ratings as { data: { values: { standard: string }[] } };
    expect(ratings.data.values.filter((v) => !v.standard.startsWith('Overall'))).toHaveLength(d.ratings.length);
    const themes = data.specs.themes as { data: { values: { n: number; rid: string; tid: string; pol: string }[] } };
    const strengths = themes.data.values.filter((v) => v.pol === 'strength');
    const shortfalls = themes.data.values.filter((v) => v.pol === 'shortfall');
    expect(strengths.length).toBe(d.theme_matrix.filter((r) => r.n_strength > 0).length);
    expect(shortfalls.length).toBe(d.theme_matrix.filter((r) => r.n_improvement + r.n_recommendation > 0).length);
    for (const c of strengths) expect(c.n).toBe(d.theme_matrix.find((r) => r.report_id === c.rid && r.theme === c.tid)!.n_strength);
    for (const c of shortfalls) {
      const r = d.theme_matrix.find((x) => x.report_id === c.rid && x.theme === c.tid)!;
      expect(c.n).toBe(r.n_improvement + r.n_recommendation);
    }
    // Every key question of every unit is a dot.
    const kq = data.specs.keyQuestions as { data: { values: { kind: string }[] } };
    expect(kq.data.values.filter((v) => v.kind !== 'band')).toHaveLength(d.key_questions.length);
  });

  it('builds a page for an empty run', async () => {
    const empty: Datasets = {
      reports: [], ratings: [], key_questions: [], findings: [], quantities: [], finding_themes: [], checks: [],
      ratings_matrix: { columns: ['standard_code', 'standard_name'], rows: [] },
      key_question_matrix: { columns: ['standard_code', 'question', 'aspect', 'min', 'max', 'spread', 'mean'], rows: [] },
      theme_matrix: [], recurring_findings: [],
    };
    const data = embedded(buildDashboard(empty));
    expect(data.counts.reports).toBe(0);
    for (const spec of Object.values(data.specs)) expect(() => compile(spec as never)).not.toThrow();
  });

  it('stays compact and quick for a corpus of a few hundred reports', () => {
    const big = scaledDatasets(50); // 200 reports
    const t0 = performance.now();
    const page = buildDashboard(big);
    const ms = performance.now() - t0;
    const data = embedded(page);
    expect(data.units).toHaveLength(200);
    expect(data.findings.length).toBe(big.findings.length);
    // About 500 bytes per finding: the quotes themselves are most of it.
    const quoteBytes = big.findings.reduce((a, f) => a + f.quote.length, 0);
    expect(page.length).toBeLessThan(1_000_000 + quoteBytes * 1.5 + big.findings.length * 60);
    expect(ms).toBeLessThan(5000);
  });
});
