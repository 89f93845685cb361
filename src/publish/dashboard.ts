/**
 * `output/index.html`: one self-contained page over a run's datasets.
 *
 * Everything the page needs is inlined: the Vega, Vega-Lite and Vega-Embed browser bundles from
 * node_modules, the page's own script and style sheet (`./dashboard/`), and the data as one JSON
 * document in a `<script type="application/json">` element. A Content-Security-Policy forbids
 * every network request, so the page works from `file://` with no connection.
 *
 * The charts are Vega-Lite specifications built here (typed, testable in Node) with their data
 * inline; the script embeds them with vega-embed (SVG renderer, no action menu) and wires the
 * interactions: a click on a theme cell sets the findings filters, the findings list renders
 * lazily (a page of matches at a time) and recurring findings render their members on opening.
 *
 * Output is a pure function of the datasets and the options: no clock, no randomness, so the
 * same datasets give byte-identical HTML.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../core/files.ts';
import type { ReportRow } from '../schema/datasets.ts';
import { RATING_BANDS } from '../segment/rating-bands.ts';
import type { Datasets } from './datasets.ts';

export interface DashboardOptions {
  /** The page title (default "Probation inspection findings"). */
  title?: string;
  /** A line under the title saying what made the page (e.g. "inspection-findings 0.1.0, run of 2025-11-22"); nothing by default. */
  generatedBy?: string;
  /** Theme id -> human label (e.g. from the taxonomy); ids are humanised otherwise. */
  themeLabels?: Record<string, string>;
}

export const RATINGS = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'] as const;
/** A diverging palette (ColorBrewer RdYlBu, 4 classes): blue is good, red is bad; safe for common colour blindness. */
export const RATING_COLOURS = ['#2c7bb6', '#abd9e9', '#fdae61', '#d7191c'] as const;
const RATING_SHORT: Record<string, string> = { Outstanding: 'Outstand.', Good: 'Good', 'Requires improvement': 'Req. impr.', Inadequate: 'Inadeq.' };
/** Light versions of the rating colours, for the bands behind the key-question dots. */
const BAND_COLOURS: Record<string, string> = { Outstanding: '#d6e8f4', Good: '#e9f5f9', 'Requires improvement': '#fff0dc', Inadequate: '#fbdcdc' };
const POLARITIES = ['strength', 'improvement', 'recommendation', 'narrative'] as const;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const VEGA_CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#333', titleColor: '#333', domainColor: '#999', tickColor: '#999' },
  legend: { labelFontSize: 12, titleFontSize: 12 },
  header: { labelFontSize: 13, titleFontSize: 13 },
  title: { fontSize: 14, anchor: 'start', color: '#222' },
};

// ---------------------------------------------------------------------------------------------
// Units, themes and the compact data the page script reads.

interface Unit {
  rid: string;
  /** Unique display label: the unit's name (with the year, or the id, when it recurs) and "(region)" for a region. */
  label: string;
  name: string;
  type: string;
  region: string;
  title: string;
  overall: string;
  score: number | null;
  scoreMax: number | null;
  computed: number | null;
  fieldwork: string;
  source: string;
  n: number;
  warnings: number;
  errors: number;
}

const yearOf = (r: ReportRow): string => /-(\d{4})(?:-\d+)?$/.exec(r.report_id)?.[1] ?? r.fieldwork_started.slice(0, 4);

/**
 * The units in display order: the order of the ratings matrix's unit columns (each region, then
 * its PDUs), then any report the matrix does not name, in report order.
 */
function unitsOf(d: Datasets): Unit[] {
  const count = new Map<string, number>();
  for (const r of d.reports) count.set(r.unit_name, (count.get(r.unit_name) ?? 0) + 1);
  const columnOf = (r: ReportRow): string[] => [r.unit_name, `${r.unit_name} ${yearOf(r)}`, `${r.unit_name} ${r.report_id}`];
  const cols = [...d.ratings_matrix.columns, ...d.key_question_matrix.columns];
  const rank = (r: ReportRow): number => {
    const names = (count.get(r.unit_name) ?? 0) > 1 ? columnOf(r).slice(1) : columnOf(r);
    const i = cols.findIndex((c) => names.includes(c));
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const ordered = d.reports.map((r, i) => ({ r, i, k: rank(r) })).sort((a, b) => a.k - b.k || a.i - b.i);
  const used = new Set<string>();
  return ordered.map(({ r }) => {
    let label = (count.get(r.unit_name) ?? 0) > 1 ? `${r.unit_name} ${yearOf(r)}` : r.unit_name;
    if (r.unit_type === 'region') label += ' (region)';
    if (used.has(label)) label = `${label} [${r.report_id}]`;
    used.add(label);
    return {
      rid: r.report_id,
      label,
      name: r.unit_name,
      type: r.unit_type,
      region: r.region,
      title: r.title,
      overall: r.overall_rating,
      score: r.score,
      scoreMax: r.score_max,
      computed: r.computed_score,
      fieldwork: r.fieldwork_started,
      source: r.source_file,
      n: r.n_findings,
      warnings: r.n_warnings,
      errors: r.n_errors,
    };
  });
}

/** The matrix column of each unit (columns are unit names, with the year when a unit recurs). */
function matrixColumnOf(columns: string[], units: Unit[], d: Datasets): Map<string, string> {
  const out = new Map<string, string>();
  const count = new Map<string, number>();
  for (const r of d.reports) count.set(r.unit_name, (count.get(r.unit_name) ?? 0) + 1);
  for (const u of units) {
    const r = d.reports.find((x) => x.report_id === u.rid)!;
    const names = (count.get(r.unit_name) ?? 0) > 1 ? [`${r.unit_name} ${yearOf(r)}`, `${r.unit_name} ${r.report_id}`] : [r.unit_name];
    const c = columns.find((x) => names.includes(x));
    if (c !== undefined) out.set(u.rid, c);
  }
  return out;
}

export function humaniseThemeId(id: string): string {
  const s = id.replace(/_/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

interface ThemeInfo {
  id: string;
  label: string;
  group: string;
}

/** Themes in the theme matrix's (taxonomy) order, then any other theme a finding carries. */
function themesOf(d: Datasets, labels: Record<string, string>): ThemeInfo[] {
  const seen = new Map<string, ThemeInfo>();
  for (const r of d.theme_matrix) if (!seen.has(r.theme)) seen.set(r.theme, { id: r.theme, label: labels[r.theme] ?? humaniseThemeId(r.theme), group: r.theme_group });
  const extra = new Set<string>();
  for (const f of d.findings) for (const t of splitList(f.themes)) if (!seen.has(t)) extra.add(t);
  for (const t of [...extra].sort()) seen.set(t, { id: t, label: labels[t] ?? humaniseThemeId(t), group: '' });
  // Labels are chart categories: they must be unique.
  const used = new Set<string>();
  for (const t of seen.values()) {
    if (used.has(t.label)) t.label = `${t.label} (${t.id})`;
    used.add(t.label);
  }
  return [...seen.values()];
}

const splitList = (s: string): string[] => (s ? s.split(';').filter(Boolean) : []);

/** The JSON document embedded in the page. Arrays of arrays keep it compact for thousands of findings. */
export interface DashboardData {
  meta: { title: string; generatedBy: string };
  counts: {
    reports: number;
    pdus: number;
    regions: number;
    findings: number;
    byPolarity: Record<string, number>;
    quantities: number;
    keyQuestions: number;
    recurring: number;
    checks: number;
    errors: number;
    warnings: number;
  };
  units: Unit[];
  themes: ThemeInfo[];
  polarities: readonly string[];
  /**
   * Findings: [unit index, id (the part after "<report_id>/", or "=" + the whole id), section,
   * section title ("" when it equals the section), polarity index, quote, text ("" when it
   * equals the quote), theme indices, quantity marks [start, end, label] relative to the quote].
   */
  findings: [number, string, string, string, number, string, string, number[], [number, number, string][]][];
  /** Recurring findings, most widespread first. */
  clusters: { id: string; label: string; theme: string; polarity: string; nReports: number; units: number[]; members: number[]; example: string; similarity: number | null }[];
  checks: { unit: number; reportId: string; check: string; severity: string; message: string; line: number | null; file: string; stage: string }[];
  /** Per standard: its lowest key question in each unit (for the list under the dot plot). */
  lowest: { standard: string; name: string; units: { unit: number; question: string; percent: number }[] }[];
  specs: { ratings: object; keyQuestions: object; themes: object };
}

function quantityLabel(q: Datasets['quantities'][number]): string {
  const v = q.value === null ? '' : `${Math.round(q.value * 1000) / 10}%`;
  const frac = q.numerator !== null && q.denominator !== null ? `${q.numerator} of ${q.denominator}` : '';
  return [q.kind, frac, v, q.qualifier, q.unit].filter(Boolean).join(' · ');
}

export function dashboardData(d: Datasets, opts: DashboardOptions = {}): DashboardData {
  const units = unitsOf(d);
  const unitIndex = new Map(units.map((u, i) => [u.rid, i]));
  const themes = themesOf(d, opts.themeLabels ?? {});
  const themeIndex = new Map(themes.map((t, i) => [t.id, i]));
  const findingIndex = new Map(d.findings.map((f, i) => [f.finding_id, i]));

  const marks = new Map<string, [number, number, string][]>();
  const findingById = new Map(d.findings.map((f) => [f.finding_id, f]));
  for (const q of d.quantities) {
    const f = findingById.get(q.finding_id);
    if (!f) continue;
    const s = q.char_start - f.char_start;
    const e = q.char_end - f.char_start;
    // Only marks that land exactly on the quantity's own words in the quote.
    if (s < 0 || e > f.quote.length || f.quote.slice(s, e) !== q.raw) continue;
    const list = marks.get(f.finding_id) ?? [];
    list.push([s, e, quantityLabel(q)]);
    marks.set(f.finding_id, list);
  }
  const findings: DashboardData['findings'] = d.findings.map((f) => {
    const prefix = `${f.report_id}/`;
    const id = f.finding_id.startsWith(prefix) && !f.finding_id.slice(prefix.length).startsWith('=') ? f.finding_id.slice(prefix.length) : `=${f.finding_id}`;
    const m = (marks.get(f.finding_id) ?? []).sort((a, b) => a[0] - b[0]).filter((x, i, all) => i === 0 || x[0] >= all[i - 1]![1]);
    return [
      unitIndex.get(f.report_id) ?? -1,
      id,
      f.section,
      f.section_title === f.section ? '' : f.section_title,
      POLARITIES.indexOf(f.polarity),
      f.quote,
      f.text === f.quote ? '' : f.text,
      splitList(f.themes).map((t) => themeIndex.get(t)!),
      m,
    ];
  });

  const nUnits = new Map<string, number>();
  const clusters: DashboardData['clusters'] = d.recurring_findings
    .map((c) => {
      const us = splitList(c.units);
      nUnits.set(c.cluster_id, us.length);
      const members = splitList(c.finding_ids)
        .map((id) => findingIndex.get(id))
        .filter((i): i is number => i !== undefined);
      const unitIdx = [...new Set(members.map((i) => findings[i]![0]))].sort((a, b) => a - b);
      return {
        id: c.cluster_id,
        label: c.label,
        theme: c.theme ? (themes[themeIndex.get(c.theme) ?? -1]?.label ?? humaniseThemeId(c.theme)) : '',
        polarity: c.polarity,
        nReports: c.n_reports,
        units: unitIdx,
        members,
        example: c.example,
        similarity: Number.isFinite(c.mean_similarity) ? c.mean_similarity : null,
      };
    })
    .sort((a, b) => b.nReports - a.nReports || b.members.length - a.members.length || (b.similarity ?? 0) - (a.similarity ?? 0) || cmp(a.id, b.id));

  const checks = d.checks.map((c) => ({
    unit: unitIndex.get(c.report_id) ?? -1,
    reportId: c.report_id,
    check: c.check,
    severity: c.severity,
    message: c.message,
    line: c.line,
    file: c.source_file,
    stage: c.stage,
  }));

  const byPolarity: Record<string, number> = Object.fromEntries(POLARITIES.map((p) => [p, 0]));
  for (const f of d.findings) byPolarity[f.polarity] = (byPolarity[f.polarity] ?? 0) + 1;

  return {
    meta: { title: opts.title ?? 'Probation inspection findings', generatedBy: opts.generatedBy ?? '' },
    counts: {
      reports: d.reports.length,
      pdus: d.reports.filter((r) => r.unit_type === 'pdu').length,
      regions: d.reports.filter((r) => r.unit_type === 'region').length,
      findings: d.findings.length,
      byPolarity,
      quantities: d.quantities.length,
      keyQuestions: d.key_questions.length,
      recurring: d.recurring_findings.length,
      checks: d.checks.length,
      errors: d.checks.filter((c) => c.severity === 'error').length,
      warnings: d.checks.filter((c) => c.severity === 'warning').length,
    },
    units,
    themes,
    polarities: POLARITIES,
    findings,
    clusters,
    checks,
    lowest: lowestQuestions(d, unitIndex),
    specs: { ratings: ratingsSpec(d, units), keyQuestions: keyQuestionSpec(d, units), themes: themeSpec(d, units, themes) },
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Standard codes in report order: P before R, then domain and number. */
function codeOrder(a: string, b: string): number {
  const pa = /([PR])(\d)\.(\d+)/.exec(a);
  const pb = /([PR])(\d)\.(\d+)/.exec(b);
  if (!pa || !pb) return cmp(a, b);
  return cmp(pa[1]!, pb[1]!) || Number(pa[2]) - Number(pb[2]) || Number(pa[3]) - Number(pb[3]);
}

function lowestQuestions(d: Datasets, unitIndex: Map<string, number>): DashboardData['lowest'] {
  const by = new Map<string, DashboardData['lowest'][number]>();
  for (const q of d.key_questions) {
    if (!q.is_lowest) continue;
    const e = by.get(q.standard_code) ?? { standard: q.standard_code, name: q.standard_name, units: [] };
    e.units.push({ unit: unitIndex.get(q.report_id) ?? -1, question: q.question, percent: q.percent_yes });
    by.set(q.standard_code, e);
  }
  for (const e of by.values()) e.units.sort((a, b) => a.unit - b.unit);
  return [...by.values()].sort((a, b) => codeOrder(a.standard, b.standard));
}

// ---------------------------------------------------------------------------------------------
// Vega-Lite specifications.

const CELL = 28;

/** Units (rows) by standards (columns), the overall rating and score first. */
export function ratingsSpec(d: Datasets, units: Unit[]): object {
  const standards = new Map<string, string>();
  for (const r of [...d.ratings].sort((a, b) => codeOrder(a.standard_code, b.standard_code))) {
    if (!standards.has(r.standard_code)) standards.set(r.standard_code, `${r.standard_code} ${r.standard_name}`);
  }
  const OVERALL = 'Overall rating · score';
  const cols = [OVERALL, ...standards.values()];
  const unitOf = new Map(units.map((u) => [u.rid, u]));
  const values: Record<string, unknown>[] = [];
  for (const u of units) {
    const score = u.score !== null ? `${u.score}/${u.scoreMax ?? '?'}` : '';
    const overall = (RATINGS as readonly string[]).includes(u.overall) ? u.overall : '';
    if (overall || score) {
      values.push({
        unit: u.label,
        standard: OVERALL,
        rating: overall || 'Not stated',
        label: [overall, score].filter(Boolean).join(' · '),
        detail: `${overall || 'no overall rating'}${score ? `, score ${score}` : ''}${u.computed !== null && u.score !== null && u.computed !== u.score ? ` (ratings add up to ${u.computed})` : ''}`,
      });
    }
  }
  for (const r of d.ratings) {
    const u = unitOf.get(r.report_id);
    if (!u) continue;
    values.push({ unit: u.label, standard: standards.get(r.standard_code)!, rating: r.rating, label: RATING_SHORT[r.rating] ?? r.rating, detail: `${r.rating} (${r.rating_points} points)` });
  }
  const unitLabels = units.map((u) => u.label);
  const tooltip = [
    { field: 'unit', title: 'Unit' },
    { field: 'standard', title: 'Standard' },
    { field: 'detail', title: 'Rating' },
  ];
  const panel = (which: 'overall' | 'standards') => {
    const overall = which === 'overall';
    const domain = overall ? [OVERALL] : cols.slice(1);
    return {
      transform: [{ filter: `${overall ? '' : '!'}(datum.standard === '${OVERALL}')` }],
      width: { step: overall ? 212 : 54 },
      height: { step: 30 },
      encoding: {
        x: {
          field: 'standard',
          type: 'nominal',
          sort: domain,
          scale: { domain },
          title: null,
          axis: { orient: 'top', labelAngle: overall ? 0 : -45, labelAlign: overall ? 'center' : 'left', labelLimit: 230, domain: false, ticks: false, labelFontWeight: overall ? 'bold' : 'normal' },
        },
        y: { field: 'unit', type: 'nominal', sort: unitLabels, scale: { domain: unitLabels }, title: null, axis: overall ? { domain: false, ticks: false, labelLimit: 220, labelFontSize: 13 } : null },
      },
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 2, cornerRadius: 3 },
          encoding: {
            color: {
              field: 'rating',
              type: 'nominal',
              scale: { domain: [...RATINGS, 'Not stated'], range: [...RATING_COLOURS, '#e0e0e0'] },
              legend: { title: 'Rating', orient: 'bottom', direction: 'horizontal', values: [...RATINGS] },
            },
            tooltip,
          },
        },
        {
          mark: { type: 'text', fontSize: overall ? 11.5 : 10, fontWeight: overall ? 'bold' : 'normal', limit: overall ? 210 : 52 },
          encoding: {
            text: { field: 'label' },
            color: { condition: { test: "datum.rating === 'Inadequate' || datum.rating === 'Outstanding'", value: 'white' }, value: '#222' },
            tooltip,
          },
        },
      ],
    };
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Ratings of each unit by standard, with the overall rating and score',
    config: VEGA_CONFIG,
    data: { values },
    // Room on the right for the last column's slanted label.
    padding: { left: 5, top: 5, bottom: 5, right: 80 },
    hconcat: [panel('overall'), panel('standards')],
    spacing: 10,
    resolve: { scale: { y: 'shared', color: 'shared' } },
  };
}

/**
 * Key questions compared across units: one row per question (matched across reports by meaning),
 * grouped by standard, a dot per PDU, the region's figure as a black diamond, rings on each unit's
 * lowest question of its standard, and the rating bands behind.
 */
export function keyQuestionSpec(d: Datasets, units: Unit[]): object {
  const m = d.key_question_matrix;
  const colOf = matrixColumnOf(m.columns, units, d);
  const nameOf = new Map<string, string>();
  for (const q of d.key_questions) if (!nameOf.has(q.standard_code)) nameOf.set(q.standard_code, q.standard_name);
  for (const r of d.ratings) if (!nameOf.has(r.standard_code)) nameOf.set(r.standard_code, r.standard_name);
  const lowest = new Set(d.key_questions.filter((q) => q.is_lowest).map((q) => `${q.report_id}\u0000${q.standard_code}\u0000${q.percent_yes}`));
  const kqOf = new Map<string, typeof d.key_questions>();
  for (const q of d.key_questions) kqOf.set(q.report_id, [...(kqOf.get(q.report_id) ?? []), q]);
  const pdus = units.filter((u) => u.type !== 'region');
  const colourByUnit = pdus.length <= 10;

  const points: Record<string, unknown>[] = [];
  const groups: string[] = [];
  const rowLabels = new Map<number, string>();
  m.rows.forEach((row, i) => {
    const codes = String(row.standard_code ?? '').split(';').filter(Boolean);
    const first = codes[0] ?? '';
    const group = `${first} ${nameOf.get(first) ?? ''}`.trim();
    if (!groups.includes(group)) groups.push(group);
    const q = String(row.question ?? '');
    let nLowest = 0;
    for (const u of units) {
      const c = colOf.get(u.rid);
      const v = c === undefined ? null : row[c];
      if (typeof v !== 'number') continue;
      // The unit's own row for this question: same value under one of the row's standards.
      const own = (kqOf.get(u.rid) ?? []).find((k) => codes.includes(k.standard_code) && k.percent_yes === v);
      const isLowest = own ? lowest.has(`${u.rid}\u0000${own.standard_code}\u0000${v}`) : false;
      if (isLowest) nLowest++;
      points.push({
        row: i,
        group,
        unit: u.label,
        kind: u.type === 'region' ? 'Region' : 'PDU',
        pct: v,
        lowest: isLowest,
        std: own ? `${own.standard_code} ${own.standard_name}` : codes.join(', '),
        asked: own?.question ?? q,
      });
    }
    const mark = nLowest ? '▼ ' : '';
    rowLabels.set(i, `${mark}${q}`);
  });
  for (const p of points) p.question = rowLabels.get(p.row as number);
  const bands = RATING_BANDS.map((b, i) => ({ rating: b.rating, from: b.min, to: i === 0 ? 100 : RATING_BANDS[i - 1]!.min, fill: BAND_COLOURS[b.rating] }));
  // The bands sit in the same data as the dots, once per group, so every facet draws them from one source.
  const values = [...groups.flatMap((group) => bands.map((b) => ({ ...b, group, kind: 'band' }))), ...points];
  const rowOrder = [...rowLabels.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  const unitLabels = units.map((u) => u.label);
  const isMarked = "isString(datum.value) && indexof(datum.value, '▼') === 0";
  const y = {
    field: 'question',
    type: 'nominal',
    sort: rowOrder,
    title: null,
    axis: {
      labelLimit: 540,
      labelFontSize: 12,
      domain: false,
      ticks: false,
      labelColor: { condition: { test: isMarked, value: '#b2182b' }, value: '#333' },
      labelFontWeight: { condition: { test: isMarked, value: 'bold' }, value: 'normal' },
    },
  };
  const x = { field: 'pct', type: 'quantitative', scale: { domain: [0, 100] }, title: '% of inspected cases answered yes', axis: { orient: 'top', grid: false, values: [0, 20, 40, 50, 65, 80, 100] } };
  const tooltip = [
    { field: 'unit', title: 'Unit' },
    { field: 'pct', title: '% yes' },
    { field: 'std', title: 'Standard' },
    { field: 'asked', title: 'Question as asked' },
    { field: 'lowest', title: 'Lowest of its standard here' },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Key questions: percentage of cases answered yes, by unit',
    config: { ...VEGA_CONFIG, facet: { spacing: 14 }, header: { labelFontSize: 13, labelFontWeight: 'bold', labelAngle: 0, labelAnchor: 'start', labelOrient: 'top', labelPadding: 4 } },
    data: { values },
    facet: { row: { field: 'group', type: 'nominal', sort: groups, title: null, header: { labelOrient: 'top', labelAnchor: 'start' } } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 480,
      height: { step: 24 },
      layer: [
        {
          transform: [{ filter: "datum.kind === 'band'" }],
          mark: { type: 'rect' },
          encoding: {
            x: { field: 'from', type: 'quantitative', scale: { domain: [0, 100] }, title: '% of inspected cases answered yes', axis: x.axis },
            x2: { field: 'to' },
            color: { field: 'fill', type: 'nominal', scale: null },
            tooltip: [{ field: 'rating', title: 'Band of a standard whose lowest question scores here' }],
          },
        },
        {
          transform: [{ filter: "datum.kind !== 'band'" }],
          mark: { type: 'rule', color: '#9aa3ab', strokeWidth: 1.5 },
          encoding: { y, x: { aggregate: 'min', field: 'pct', type: 'quantitative' }, x2: { aggregate: 'max', field: 'pct' } },
        },
        {
          transform: [{ filter: "datum.kind === 'PDU'" }],
          mark: { type: 'point', filled: true, size: 90, opacity: 0.9, stroke: 'white', strokeWidth: 0.8 },
          encoding: {
            y,
            x,
            fill: colourByUnit
              ? { field: 'unit', type: 'nominal', scale: { domain: unitLabels.filter((l) => pdus.some((p) => p.label === l)), scheme: 'tableau10' }, legend: { title: 'PDU', orient: 'top', direction: 'horizontal' } }
              : { value: '#3b6ea5' },
            tooltip,
          },
        },
        {
          transform: [{ filter: "datum.kind !== 'band' && datum.lowest" }],
          mark: { type: 'point', filled: false, size: 280, stroke: '#b2182b', strokeWidth: 2 },
          encoding: { y, x, tooltip },
        },
        {
          transform: [{ filter: "datum.kind === 'Region'" }],
          mark: { type: 'point', shape: 'diamond', filled: true, size: 150, color: '#111', stroke: 'white', strokeWidth: 1 },
          encoding: { y, x, tooltip },
        },
      ],
    },
  };
}

/**
 * Units (rows) by themes (columns): strengths in one panel, areas for improvement and
 * recommendations (both state a shortfall) in the other. Cells carry the report id and theme
 * id, so a click can list their findings.
 */
export function themeSpec(d: Datasets, units: Unit[], themes: ThemeInfo[]): object {
  const unitOf = new Map(units.map((u) => [u.rid, u]));
  const themeOf = new Map(themes.map((t) => [t.id, t]));
  const values: Record<string, unknown>[] = [];
  for (const r of d.theme_matrix) {
    const u = unitOf.get(r.report_id);
    const t = themeOf.get(r.theme);
    if (!u || !t) continue;
    const base = { unit: u.label, rid: u.rid, theme: t.label, tid: t.id, group: t.group, share: r.share_of_findings };
    if (r.n_strength > 0) values.push({ ...base, n: r.n_strength, pol: 'strength', half: THEME_HALVES[0], what: 'strengths' });
    const n = r.n_improvement + r.n_recommendation;
    if (n > 0) values.push({ ...base, n, pol: 'shortfall', half: THEME_HALVES[1], what: `areas for improvement (${r.n_improvement}) and recommendations (${r.n_recommendation})` });
  }
  const unitLabels = units.map((u) => u.label);
  const themeLabels = themes.map((t) => t.label);
  const grid = { grid: true, bandPosition: 0, gridColor: '#d5dbe0', domain: false, ticks: false };
  const tooltip = [
    { field: 'unit', title: 'Unit' },
    { field: 'theme', title: 'Theme' },
    { field: 'n', title: 'Findings' },
    { field: 'what', title: 'Of which' },
    { field: 'share', title: 'Share of the unit’s findings (all polarities)', format: '.0%' },
  ];
  const half = (name: string, pol: string, scheme: string, title: string) => ({
    name,
    transform: [{ filter: `datum.pol === '${pol}'` }],
    mark: { type: 'rect', stroke: 'white', strokeWidth: 1, cursor: 'pointer' },
    encoding: {
      color: { field: 'n', type: 'quantitative', scale: { scheme, domainMin: 0 }, legend: { title, orient: 'top', direction: 'horizontal', gradientLength: 120, titleLimit: 400 } },
      tooltip,
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Themes by unit: in each cell, strengths above and shortfalls below; click a half for its findings',
    config: VEGA_CONFIG,
    padding: { left: 5, top: 5, bottom: 5, right: 150 },
    data: { values },
    width: { step: CELL },
    height: { step: 16, for: 'offset' },
    encoding: {
      x: { field: 'theme', type: 'nominal', sort: themeLabels, scale: { domain: themeLabels }, title: null, axis: { orient: 'top', labelAngle: -50, labelAlign: 'left', labelLimit: 230, ...grid } },
      y: { field: 'unit', type: 'nominal', sort: unitLabels, scale: { domain: unitLabels, paddingInner: 0.12 }, title: null, axis: { labelLimit: 220, labelFontSize: 13, ...grid, gridColor: '#aab4bd' } },
      yOffset: { field: 'half', type: 'nominal', sort: [...THEME_HALVES], scale: { domain: [...THEME_HALVES], paddingInner: 0 } },
    },
    layer: [
      half('theme_strength', 'strength', 'greens', 'Strengths (upper half)'),
      half('theme_shortfall', 'shortfall', 'oranges', 'Improvements + recommendations (lower half)'),
      {
        name: 'theme_count',
        mark: { type: 'text', fontSize: 10, cursor: 'pointer' },
        encoding: { text: { field: 'n' }, color: { condition: { test: 'datum.n >= 6', value: 'white' }, value: '#111' }, tooltip },
      },
    ],
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
  };
}

/** The two halves of a theme cell. */
const THEME_HALVES = ['strengths', 'improvements + recommendations'] as const;

// ---------------------------------------------------------------------------------------------
// The page.

/** JSON safe inside a <script> element: no `<` survives, so neither `</script>` nor `<!--` can end or confuse it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Script source safe inside a <script> element (the bundles contain no `</script`, but a future version might). */
function scriptSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const HERE = dirname(fileURLToPath(import.meta.url));
const assetCache = new Map<string, string>();

/** A file of an installed package, found by walking up from this module to a node_modules folder. */
function vendorFile(rel: string): string {
  const hit = assetCache.get(rel);
  if (hit !== undefined) return hit;
  let dir = HERE;
  for (;;) {
    const p = join(dir, 'node_modules', rel);
    if (existsSync(p)) {
      const text = readFileSync(p, 'utf8');
      assetCache.set(rel, text);
      return text;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`dashboard: cannot find node_modules/${rel} (is the package installed?)`);
    dir = up;
  }
}

function ownAsset(name: string): string {
  const key = `own:${name}`;
  const hit = assetCache.get(key);
  if (hit !== undefined) return hit;
  const text = readFileSync(join(HERE, 'dashboard', name), 'utf8');
  assetCache.set(key, text);
  return text;
}

export const VENDOR_SCRIPTS = ['vega/build/vega.min.js', 'vega-lite/build/vega-lite.min.js', 'vega-embed/build/vega-embed.min.js'] as const;

/** The whole self-contained HTML page for a run's datasets. */
export function buildDashboard(d: Datasets, opts: DashboardOptions = {}): string {
  const data = dashboardData(d, opts);
  const title = escapeHtml(data.meta.title);
  const csp = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'";
  const vendor = VENDOR_SCRIPTS.map((p) => `<script data-lib="${p.split('/')[0]}">\n${scriptSafe(vendorFile(p))}\n</script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${title}</title>
<style>
${ownAsset('dashboard.css')}
</style>
</head>
<body>
<header class="top">
  <h1>${title}</h1>
  <p class="sub" id="subtitle"></p>
  <div class="cards" id="cards"></div>
  <nav class="toc" aria-label="Sections">
    <a href="#ratings">Ratings</a><a href="#key-questions">Key questions</a><a href="#themes">Themes</a><a href="#recurring">Recurring findings</a><a href="#findings">Findings</a><a href="#checks">Checks</a><a href="#reports">Reports</a>
  </nav>
</header>
<main>
<section id="ratings" class="panel">
  <h2>Ratings by unit and standard</h2>
  <p class="hint">Each row is a report; the first column is the overall rating and score. PDUs are rated on the P standards, regions on the R standards.</p>
  <div class="scroll tall"><div class="chart" id="chart-ratings" data-chart="ratings"></div></div>
</section>
<section id="key-questions" class="panel">
  <h2>Key questions compared across units</h2>
  <p class="hint">Share of inspected cases answered &lsquo;yes&rsquo;. Coloured dots are PDUs, the black diamond is the region&rsquo;s own figure, the grey line spans the units. A red ring marks a unit&rsquo;s lowest question under its standard, which sets the standard&rsquo;s rating band (background: <span class="sw" style="background:${BAND_COLOURS.Inadequate}"></span> Inadequate &lt;${RATING_BANDS[2]!.min}%, <span class="sw" style="background:${BAND_COLOURS['Requires improvement']}"></span> Requires improvement, <span class="sw" style="background:${BAND_COLOURS.Good}"></span> Good ${RATING_BANDS[1]!.min}%+, <span class="sw" style="background:${BAND_COLOURS.Outstanding}"></span> Outstanding ${RATING_BANDS[0]!.min}%+); questions marked &#9660; are the lowest somewhere.</p>
  <div class="scroll"><div class="chart" id="chart-key-questions" data-chart="keyQuestions"></div></div>
  <details class="lowest"><summary>Lowest question of each standard, unit by unit</summary><div id="lowest-list"></div></details>
</section>
<section id="themes" class="panel">
  <h2>Themes by unit</h2>
  <p class="hint">Number of findings tagged with each theme. In each cell the <span class="sw" style="background:#41ab5d"></span> upper half counts strengths, the <span class="sw" style="background:#f16913"></span> lower half areas for improvement and recommendations. <strong>Click a half</strong> to list its findings below.</p>
  <div class="scroll tall"><div class="chart" id="chart-themes" data-chart="themes"></div></div>
</section>
<section id="recurring" class="panel">
  <h2>Recurring findings <span class="count" id="recurring-count"></span></h2>
  <p class="hint">Statements found in several reports, most widespread first. Open one to read every member&rsquo;s quote.</p>
  <div id="recurring-list"></div>
</section>
<section id="findings" class="panel">
  <h2>Findings</h2>
  <form class="filters" id="filters" onsubmit="return false">
    <label>Unit <select id="f-unit"></select></label>
    <label>Theme <select id="f-theme"></select></label>
    <label>Polarity <select id="f-polarity"></select></label>
    <label class="grow">Search <input id="f-search" type="search" placeholder="words in the finding, e.g. risk of harm" autocomplete="off"></label>
    <button type="button" id="f-reset">Clear</button>
  </form>
  <p class="status" id="findings-count" aria-live="polite"></p>
  <div class="scroll list" id="findings-scroll">
    <ol class="findings" id="findings-list"></ol>
    <button type="button" class="more" id="findings-more" hidden>Show more</button>
  </div>
</section>
<section id="checks" class="panel">
  <h2>Consistency checks <span class="count" id="checks-count"></span></h2>
  <div class="scroll tall" id="checks-list"></div>
</section>
<section id="reports" class="panel">
  <h2>Reports</h2>
  <div class="scroll tall"><table class="grid" id="reports-table"></table></div>
</section>
</main>
<footer class="foot" id="foot"></footer>
<script type="application/json" id="dashboard-data">${jsonForScript(data)}</script>
${vendor}
<script>
${scriptSafe(ownAsset('client.js'))}
</script>
</body>
</html>
`;
}

/** Write `index.html` into the output folder, atomically. */
export async function writeDashboard(outDir: string, d: Datasets, opts: DashboardOptions = {}): Promise<string> {
  const path = join(outDir, 'index.html');
  await writeFileAtomic(path, buildDashboard(d, opts));
  return path;
}

