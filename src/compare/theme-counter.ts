import type { FindingRow, ThemeMatrixRow } from '../schema/datasets.ts';
import type { Taxonomy } from '../schema/theme.ts';
import type { UnitColumn } from './link-units.ts';

const POLARITIES = ['strength', 'improvement', 'recommendation', 'narrative'] as const;

/**
 * One report's theme counts: its findings, and for each theme the findings tagged with it by
 * polarity (strength, improvement, recommendation, narrative). Small and plain, so a worker
 * thread can count its report and hand the counts over.
 */
export interface ReportThemeCounts {
  reportId: string;
  unitName: string;
  nFindings: number;
  themes: [theme: string, counts: [number, number, number, number]][];
}

/** Count one report's findings by theme and polarity. */
export function countThemes(reportId: string, unitName: string, findings: Pick<FindingRow, 'polarity' | 'themes'>[]): ReportThemeCounts {
  const byTheme = new Map<string, [number, number, number, number]>();
  for (const f of findings) {
    if (!f.themes) continue;
    for (const theme of f.themes.split(';')) {
      let c = byTheme.get(theme);
      if (!c) byTheme.set(theme, (c = [0, 0, 0, 0]));
      c[POLARITIES.indexOf(f.polarity)]!++;
    }
  }
  return { reportId, unitName, nFindings: findings.length, themes: [...byTheme] };
}

/** Counts of findings by report, theme and polarity, kept as reports stream past. */
export class ThemeCounter {
  /** Per report: its unit, its findings, and four counts per theme (by the theme's index in `themes`). */
  private readonly reports = new Map<string, { unit: string; n: number; counts: Int32Array }>();
  private readonly themeIndex = new Map<string, number>();

  /** Findings of any number of reports. */
  add(findings: Pick<FindingRow, 'report_id' | 'unit_name' | 'polarity' | 'themes'>[]): void {
    const byReport = new Map<string, typeof findings>();
    for (const f of findings) {
      let list = byReport.get(f.report_id);
      if (!list) byReport.set(f.report_id, (list = []));
      list.push(f);
    }
    for (const [id, list] of byReport) this.addCounts(countThemes(id, list[0]!.unit_name, list));
  }

  /** One report's counts, made by `countThemes`. */
  addCounts(c: ReportThemeCounts): void {
    let r = this.reports.get(c.reportId);
    if (!r) this.reports.set(c.reportId, (r = { unit: c.unitName, n: 0, counts: new Int32Array(0) }));
    r.n += c.nFindings;
    for (const [theme, n] of c.themes) {
      let i = this.themeIndex.get(theme);
      if (i === undefined) this.themeIndex.set(theme, (i = this.themeIndex.size));
      if (r.counts.length < 4 * (i + 1)) {
        const grown = new Int32Array(4 * this.themeIndex.size);
        grown.set(r.counts);
        r.counts = grown;
      }
      for (let k = 0; k < 4; k++) r.counts[4 * i + k]! += n[k]!;
    }
  }

  private countsOf(reportId: string, theme: string): number[] {
    const r = this.reports.get(reportId);
    const i = this.themeIndex.get(theme);
    if (!r || i === undefined || r.counts.length < 4 * (i + 1)) return [0, 0, 0, 0];
    return Array.from(r.counts.subarray(4 * i, 4 * i + 4));
  }

  /** One row per (theme, unit), in taxonomy order then unit order: counts by polarity and share. */
  matrix(taxonomy: Taxonomy, units: UnitColumn[]): ThemeMatrixRow[] {
    const out: ThemeMatrixRow[] = [];
    for (const t of taxonomy.themes) {
      for (const u of units) {
        const total = this.reports.get(u.reportId);
        const c = this.countsOf(u.reportId, t.id);
        const n = c.reduce((a, b) => a + b, 0);
        out.push({
          theme: t.id,
          theme_group: t.group,
          unit_name: total?.unit ?? u.column,
          report_id: u.reportId,
          n_strength: c[0]!,
          n_improvement: c[1]!,
          n_recommendation: c[2]!,
          n_narrative: c[3]!,
          n_findings: n,
          share_of_findings: total?.n ? Math.round((n / total.n) * 10000) / 10000 : 0,
        });
      }
    }
    return out;
  }
}
