import { slugify } from '../core/slug.ts';
import type { ReportMeta } from '../schema/report.ts';

/** Tokens of a unit name without filler words, for matching "Cardiff and the Vale" to "Cardiff and the Vale of Glamorgan". */
function nameTokens(name: string): string[] {
  return slugify(name)
    .split('-')
    .filter((t) => t && !['and', 'the', 'of', 'pdu', 'region', 'probation', 'delivery', 'unit'].includes(t));
}

export function sameUnit(a: string, b: string): boolean {
  return prefixMatch(nameTokens(a), nameTokens(b));
}

function prefixMatch(ta: string[], tb: string[]): boolean {
  if (!ta.length || !tb.length) return false;
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  // Every word of the shorter name, in order, at the start of the longer one.
  return short.every((t, i) => long[i] === t);
}

/**
 * The region each report belongs to: a regional report names its PDUs; a PDU report may name
 * its region itself. Returns report id -> region name (empty when unknown).
 */
export function linkRegions(metas: ReportMeta[]): Map<string, string> {
  const out = new Map<string, string>();
  // Regions by the first word of each PDU they name, so that linking stays linear in the corpus.
  const byFirstWord = new Map<string, { region: ReportMeta; tokens: string[] }[]>();
  for (const r of metas) {
    if (r.unitType !== 'region') continue;
    out.set(r.reportId, r.unitName);
    for (const p of r.pdusNamed) {
      const tokens = nameTokens(p);
      if (tokens.length) byFirstWord.set(tokens[0]!, [...(byFirstWord.get(tokens[0]!) ?? []), { region: r, tokens }]);
    }
  }
  for (const m of metas) {
    if (m.unitType === 'region') continue;
    const mine = nameTokens(m.unitName);
    const named = (byFirstWord.get(mine[0] ?? '') ?? []).find(
      ({ region, tokens }) => prefixMatch(mine, tokens) && (region.year === null || m.year === null || Math.abs(region.year - m.year) <= 1),
    );
    out.set(m.reportId, named?.region.unitName ?? m.region);
  }
  return out;
}

export interface UnitColumn {
  reportId: string;
  column: string;
  unitType: 'pdu' | 'region';
  region: string;
}

/**
 * One column per report, named by its unit (with the year when a unit appears twice); each
 * region first, its PDUs after it, then PDUs of unknown region.
 */
export function unitColumns(metas: ReportMeta[], regionOf: Map<string, string>): UnitColumn[] {
  const count = new Map<string, number>();
  for (const m of metas) count.set(m.unitName, (count.get(m.unitName) ?? 0) + 1);
  const cols = metas.map((m) => ({
    reportId: m.reportId,
    column: (count.get(m.unitName) ?? 0) > 1 ? `${m.unitName} ${m.year ?? m.reportId}` : m.unitName,
    unitType: m.unitType,
    region: regionOf.get(m.reportId) ?? '',
  }));
  const regionNames = [...new Set(cols.map((c) => c.region))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  return regionNames.flatMap((r) =>
    cols
      .filter((c) => c.region === r)
      .sort((a, b) => (a.unitType === b.unitType ? a.column.localeCompare(b.column) : a.unitType === 'region' ? -1 : 1)),
  );
}
