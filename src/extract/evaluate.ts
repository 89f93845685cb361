/**
 * Scoring quantity extraction against hand-made gold lists (test/fixtures/gold/quantities/).
 *
 * Gold entries give a 1-based line and the raw substring; `locateGold` turns them into offsets
 * (the k-th entry with the same raw on a line is the k-th whole-word occurrence there).
 * Matching rule: a predicted quantity matches a gold entry when their spans overlap and the kind
 * is the same (one-to-one, largest overlap first). A matched value is correct within 0.001.
 */
import { z } from 'zod';
import { splitLines } from '../core/lines.ts';
import { QuantityKind, type Quantity } from '../schema/quantity.ts';

export const GoldQuantity = z.object({
  line: z.number().int().positive(),
  raw: z.string().min(1),
  kind: QuantityKind,
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  percent: z.number().nullable(),
  value: z.number(),
  qualifier: z.string(),
  unit: z.string(),
});
export type GoldQuantity = z.infer<typeof GoldQuantity>;

export interface LocatedGold extends GoldQuantity {
  start: number;
  end: number;
}

export type LocateResult = { ok: true; gold: LocatedGold[] } | { ok: false; problems: string[] };

/** Give every gold entry its offsets in `text`; problems (a raw not on its line) are listed, not thrown. */
export function locateGold(text: string, entries: GoldQuantity[]): LocateResult {
  const lines = splitLines(text);
  const seen = new Map<string, number>();
  const problems: string[] = [];
  const gold: LocatedGold[] = [];
  for (const e of entries) {
    const line = lines[e.line - 1];
    if (!line) {
      problems.push(`line ${e.line} does not exist`);
      continue;
    }
    const key = `${e.line}\u0000${e.raw}`;
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    let from = 0;
    let found = -1;
    for (let k = 0; k <= nth; k++) {
      found = wordIndexOf(line.raw, e.raw, from);
      if (found < 0) break;
      from = found + 1;
    }
    if (found < 0) {
      problems.push(`line ${e.line}: "${e.raw}" (occurrence ${nth + 1}) not found`);
      continue;
    }
    gold.push({ ...e, start: line.start + found, end: line.start + found + e.raw.length });
  }
  return problems.length ? { ok: false, problems } : { ok: true, gold };
}

function wordIndexOf(hay: string, needle: string, from: number): number {
  for (let i = hay.indexOf(needle, from); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const before = hay[i - 1] ?? ' ';
    const after = hay[i + needle.length] ?? ' ';
    if (!/[A-Za-z0-9]/.test(before) && !/[A-Za-z0-9]/.test(after)) return i;
  }
  return -1;
}

export interface Scores {
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of matched mentions with the gold qualifier. */
  qualifierAccuracy: number;
  /** Share of matched mentions whose value is within 0.001 of gold. */
  valueAccuracy: number;
  /** Share of matched mentions with the gold unit (informational). */
  unitAccuracy: number;
}

export interface Evaluation {
  scores: Scores;
  matches: Array<{ gold: LocatedGold; predicted: Quantity }>;
  falsePositives: Quantity[];
  falseNegatives: LocatedGold[];
}

/** Match predictions to gold (same kind, overlapping spans; largest overlap first) and score. */
export function evaluate(predicted: Quantity[], gold: LocatedGold[]): Evaluation {
  const pairs: Array<{ g: number; p: number; overlap: number }> = [];
  gold.forEach((g, gi) => {
    predicted.forEach((p, pi) => {
      if (p.kind !== g.kind) return;
      const overlap = Math.min(g.end, p.end) - Math.max(g.start, p.start);
      if (overlap > 0) pairs.push({ g: gi, p: pi, overlap });
    });
  });
  pairs.sort((a, b) => b.overlap - a.overlap || a.g - b.g || a.p - b.p);
  const gUsed = new Set<number>();
  const pUsed = new Set<number>();
  const matches: Evaluation['matches'] = [];
  for (const x of pairs) {
    if (gUsed.has(x.g) || pUsed.has(x.p)) continue;
    gUsed.add(x.g);
    pUsed.add(x.p);
    matches.push({ gold: gold[x.g]!, predicted: predicted[x.p]! });
  }
  matches.sort((a, b) => a.gold.start - b.gold.start);
  return {
    scores: scoresOf(gold.length, predicted.length, matches),
    matches,
    falsePositives: predicted.filter((_, i) => !pUsed.has(i)),
    falseNegatives: gold.filter((_, i) => !gUsed.has(i)),
  };
}

/** Sum several evaluations' counts and recompute the ratios (micro-average). */
export function combine(evals: Evaluation[]): Scores {
  return scoresOf(
    evals.reduce((s, e) => s + e.scores.gold, 0),
    evals.reduce((s, e) => s + e.scores.predicted, 0),
    evals.flatMap((e) => e.matches),
  );
}

function scoresOf(gold: number, predicted: number, matches: Evaluation['matches']): Scores {
  const n = matches.length;
  const precision = predicted ? n / predicted : 1;
  const recall = gold ? n / gold : 1;
  const share = (f: (m: Evaluation['matches'][number]) => boolean) => (n ? matches.filter(f).length / n : 1);
  return {
    gold,
    predicted,
    matched: n,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    qualifierAccuracy: share((m) => m.gold.qualifier === m.predicted.qualifier),
    valueAccuracy: share((m) => m.predicted.value !== null && Math.abs(m.gold.value - m.predicted.value) <= 0.001),
    unitAccuracy: share((m) => m.gold.unit === m.predicted.unit),
  };
}
