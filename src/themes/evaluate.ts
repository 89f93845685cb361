import { splitLines } from '../core/lines.ts';
import type { Finding, ReportDocument } from '../schema/document.ts';

/**
 * Scoring the tagger against hand labels (test/fixtures/gold/themes/<report>.json): each label
 * names the 1-based line where a finding starts, the first 60 characters of its text, and its
 * themes.
 */

export interface GoldLabel {
  line: number;
  quote: string;
  themes: string[];
}

export interface AlignedLabel {
  finding: Finding;
  gold: string[];
}

/** Match each label to the finding whose start offset lies on its line. */
export function alignGold(text: string, doc: ReportDocument, labels: GoldLabel[]): { aligned: AlignedLabel[]; unmatched: GoldLabel[] } {
  const lines = splitLines(text);
  const aligned: AlignedLabel[] = [];
  const unmatched: GoldLabel[] = [];
  for (const g of labels) {
    const line = lines[g.line - 1];
    const finding = line ? doc.findings.find((f) => f.start >= line.start && f.start <= line.end) : undefined;
    if (finding) aligned.push({ finding, gold: g.themes });
    else unmatched.push(g);
  }
  return { aligned, unmatched };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
  /** Number of gold labels of the theme (tp + fn). */
  support: number;
}

export function scoresOf(c: Counts): Scores {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1, support: c.tp + c.fn };
}

export interface Evaluation {
  n: number;
  micro: Scores;
  /** Unweighted mean of per-theme F1 over themes with gold labels or predictions. */
  macroF1: number;
  perTheme: Map<string, Scores>;
}

/** Micro and per-theme precision, recall and F1 over (gold, predicted) theme sets. */
export function evaluate(pairs: Array<{ gold: string[]; predicted: string[] }>): Evaluation {
  const per = new Map<string, Counts>();
  const get = (t: string) => {
    let c = per.get(t);
    if (!c) per.set(t, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const { gold, predicted } of pairs) {
    const g = new Set(gold);
    const p = new Set(predicted);
    for (const t of p) {
      if (g.has(t)) {
        get(t).tp++;
        total.tp++;
      } else {
        get(t).fp++;
        total.fp++;
      }
    }
    for (const t of g) {
      if (!p.has(t)) {
        get(t).fn++;
        total.fn++;
      }
    }
  }
  const perTheme = new Map([...per].sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => [k, scoresOf(v)] as const));
  const f1s = [...perTheme.values()].map((s) => s.f1);
  return { n: pairs.length, micro: scoresOf(total), macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 1, perTheme };
}

/** A fixed-width table of an evaluation, for the terminal. */
export function formatEvaluation(title: string, ev: Evaluation): string[] {
  const pct = (x: number) => x.toFixed(3);
  const lines = [
    `${title}: ${ev.n} findings`,
    `  micro  P ${pct(ev.micro.precision)}  R ${pct(ev.micro.recall)}  F1 ${pct(ev.micro.f1)}  (tp ${ev.micro.tp}, fp ${ev.micro.fp}, fn ${ev.micro.fn}); macro F1 ${pct(ev.macroF1)}`,
    `  ${'theme'.padEnd(26)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)} ${'gold'.padStart(5)} ${'tp'.padStart(4)} ${'fp'.padStart(4)} ${'fn'.padStart(4)}`,
  ];
  const rows = [...ev.perTheme].sort((a, b) => b[1].support - a[1].support || a[0].localeCompare(b[0]));
  for (const [theme, s] of rows) {
    lines.push(
      `  ${theme.padEnd(26)} ${pct(s.precision).padStart(6)} ${pct(s.recall).padStart(6)} ${pct(s.f1).padStart(6)} ${String(s.support).padStart(5)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}`,
    );
  }
  return lines;
}
