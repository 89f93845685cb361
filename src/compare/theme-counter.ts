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
  private readonly totals = new Map<string, { unit: string; n: number }>();
  private readonly counts = new Map<string, number[]>();

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
    const t = this.totals.get(c.reportId) ?? { unit: c.unitName, n: 0 };
    t.n += c.nFindings;
    this.totals.set(c.reportId, t);
    for (const [theme, n] of c.themes) {
      const key = `${c.reportId}\u0000${theme}`;
      const acc = this.counts.get(key);
      if (acc) for (let i = 0; i < 4; i++) acc[i]! += n[i]!;
      else this.counts.set(key, [...n]);
    }
  }

  /** One row per (theme, unit), in taxonomy order then unit order: counts by polarity and share. */
  matrix(taxonomy: Taxonomy, units: UnitColumn[]): ThemeMatrixRow[] {
    const out: ThemeMatrixRow[] = [];
    for (const t of taxonomy.themes) {
      for (const u of units) {
        const total = this.totals.get(u.reportId);
        const c = this.counts.get(`${u.reportId}\u0000${t.id}`) ?? [0, 0, 0, 0];
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
