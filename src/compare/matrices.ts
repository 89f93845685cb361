import type { KeyQuestionRow, RatingDatasetRow } from '../schema/datasets.ts';
import type { UnitColumn } from './link-units.ts';

export interface Matrix {
  columns: string[];
  rows: Record<string, string | number | null>[];
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

function codeOrder(a: string, b: string): number {
  // P before R, then domain and number.
  const pa = /([PR])(\d)\.(\d+)/.exec(a);
  const pb = /([PR])(\d)\.(\d+)/.exec(b);
  if (!pa || !pb) return a.localeCompare(b);
  return pa[1]!.localeCompare(pb[1]!) || Number(pa[2]) - Number(pb[2]) || Number(pa[3]) - Number(pb[3]);
}

/** One row per standard, one column per unit holding its rating. */
export function ratingsMatrix(ratings: RatingDatasetRow[], units: UnitColumn[]): Matrix {
  const colOf = new Map(units.map((u) => [u.reportId, u.column]));
  const rows = new Map<string, Record<string, string | number | null>>();
  for (const r of ratings) {
    const row = rows.get(r.standard_code) ?? { standard_code: r.standard_code, standard_name: r.standard_name };
    row[colOf.get(r.report_id)!] = r.rating;
    rows.set(r.standard_code, row);
  }
  return {
    columns: ['standard_code', 'standard_name', ...units.map((u) => u.column)],
    rows: [...rows.values()].sort((a, b) => codeOrder(String(a.standard_code), String(b.standard_code))),
  };
}

const STOP = new Set(['the', 'a', 'an', 'of', 'on', 'to', 'and', 'does', 'do', 'is', 'are', 'sufficiently', 'effectively', 'with', 'for', 'in', 'person', 'probation', 'other', 'people']);

/** A question's meaning key: content words, crudely stemmed, as a set. */
export function questionKey(q: string): Set<string> {
  return new Set(
    q
      .toLowerCase()
      .replace(/[^a-z\s-]/g, ' ')
      .split(/[\s-]+/)
      .filter((w) => w && !STOP.has(w))
      .map((w) => w.replace(/(ing|ed|es|s|ly)$/, '')),
  );
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/** Questions whose content words overlap this much are the same question worded differently. */
export const SAME_QUESTION_JACCARD = 0.75;

/**
 * One row per key question, matched across reports by meaning (the same question under a
 * regional and a PDU standard is one row), one column per unit, then min, max, spread, mean.
 */
export function keyQuestionMatrix(kqs: KeyQuestionRow[], units: UnitColumn[]): Matrix {
  const colOf = new Map(units.map((u) => [u.reportId, u.column]));
  const groups: { key: Set<string>; codes: Set<string>; question: string; aspect: string; values: Map<string, number> }[] = [];
  for (const q of kqs) {
    const key = questionKey(q.question);
    let g = groups.find((x) => x.aspect === q.aspect && jaccard(x.key, key) >= SAME_QUESTION_JACCARD);
    if (!g) {
      g = { key, codes: new Set(), question: q.question, aspect: q.aspect, values: new Map() };
      groups.push(g);
    }
    g.codes.add(q.standard_code);
    g.values.set(colOf.get(q.report_id)!, q.percent_yes);
  }
  const rows = groups.map((g) => {
    const vals = [...g.values.values()];
    const row: Record<string, string | number | null> = {
      standard_code: [...g.codes].sort(codeOrder).join(';'),
      question: g.question,
      aspect: g.aspect,
    };
    for (const u of units) row[u.column] = g.values.get(u.column) ?? null;
    const min = Math.min(...vals);
    const max = Math.max(...vals);
    Object.assign(row, { min, max, spread: max - min, mean: round(vals.reduce((a, b) => a + b, 0) / vals.length, 2) });
    return row;
  });
  rows.sort((a, b) => codeOrder(String(a.standard_code), String(b.standard_code)));
  return { columns: ['standard_code', 'question', 'aspect', ...units.map((u) => u.column), 'min', 'max', 'spread', 'mean'], rows };
}
