import type { FindingRow, ThemeMatrixRow } from '../schema/datasets.ts';
import type { Taxonomy } from '../schema/theme.ts';
import type { UnitColumn } from './link-units.ts';

const POLARITIES = ['strength', 'improvement', 'recommendation', 'narrative'] as const;

/** Counts of findings by report, theme and polarity, kept as findings stream past. */
export class ThemeCounter {
  private readonly totals = new Map<string, { unit: string; n: number }>();
  private readonly counts = new Map<string, number[]>();

  add(findings: Pick<FindingRow, 'report_id' | 'unit_name' | 'polarity' | 'themes'>[]): void {
    for (const f of findings) {
      const t = this.totals.get(f.report_id) ?? { unit: f.unit_name, n: 0 };
      t.n++;
      this.totals.set(f.report_id, t);
      if (!f.themes) continue;
      for (const theme of f.themes.split(';')) {
        const key = `${f.report_id}\u0000${theme}`;
        const c = this.counts.get(key) ?? [0, 0, 0, 0];
        c[POLARITIES.indexOf(f.polarity)]!++;
        this.counts.set(key, c);
      }
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
