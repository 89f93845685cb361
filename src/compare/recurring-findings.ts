import type { FindingRow, RecurringFindingRow } from '../schema/datasets.ts';
import { learnBm25 } from '../nlp/wink-bm25.ts';
import { analyseSentences, type WinkSentence } from '../nlp/wink-terms.ts';
import { dot, pairsAbove, rarityOrder, toSparse, type SparseVector } from './similarity.ts';

export interface RecurringOptions {
  threshold?: number;
  minReports?: number /* default 2 */;
}

/**
 * Which findings may be clustered together. A strength and an area for improvement can share
 * most of their words ("management oversight was effective" / "was not effective") but never
 * state the same finding. Improvements and recommendations both state a shortfall (the
 * recommendation is the remedy for it, worded as an imperative), so they form one family.
 * Narrative paragraphs under a standard mix praise and criticism, so they stay on their own.
 */
export const POLARITY_FAMILY: Record<FindingRow['polarity'], string> = {
  strength: 'strength',
  improvement: 'shortfall',
  recommendation: 'shortfall',
  narrative: 'narrative',
};

export const DEFAULT_THRESHOLD = 0.5;

/**
 * Words that carry no meaning of their own in these reports: wink's English stop words (minus
 * negations, kept because "not sufficient" and "sufficient" differ) plus the "per cent" of
 * every percentage. Numbers, dates and the units' own names are dropped too (see `termsOf`).
 */
const KEEP_STOP = new Set(['not', 'no', 'never', 'nor', 'without']);
const EXTRA_STOP = new Set(['per', 'cent']);
/**
 * Paragraphs that set the scene rather than report a finding: the background and context
 * sections (fieldwork dates, caseload, population) and the standard paragraph that introduces
 * the recommendations. They recur in every report by design, so they are left out.
 */
const CONTEXT_SECTION = /^(background|introduction|context|contents)$/i;
export function isContextParagraph(f: Pick<FindingRow, 'polarity' | 'section'>): boolean {
  return f.polarity === 'narrative' && (CONTEXT_SECTION.test(f.section.trim()) || /^recommendations?$/i.test(f.section.trim()));
}

/** A sentence needs this many terms to be matched on its own. */
const MIN_SENTENCE_TERMS = 4;

interface Prepared {
  rows: FindingRow[];
  sentences: WinkSentence[][];
  /** Whole-finding BM25 vectors. */
  docVec: SparseVector[];
  /** Per finding, the vectors of its sentences with at least MIN_SENTENCE_TERMS terms. */
  sentVecs: SparseVector[][];
  /** Term -> document frequency, over findings. */
  df: Map<string, number>;
}

/** Lower-case words of every unit name in the input: a unit's name says nothing about what was found there. */
function unitNameWords(rows: FindingRow[]): Set<string> {
  const out = new Set<string>();
  for (const r of rows) for (const w of r.unit_name.toLowerCase().split(/[^a-z\u00c0-\u024f]+/)) if (w.length > 2 && !['and', 'the', 'of', 'pdu'].includes(w)) out.add(w);
  return out;
}

function termsOf(sentence: WinkSentence, names: Set<string>): string[] {
  const out: string[] = [];
  for (const t of sentence.tokens) {
    if (t.type !== 'word') continue;
    if (t.stop && !KEEP_STOP.has(t.normal)) continue;
    if (EXTRA_STOP.has(t.normal) || names.has(t.normal)) continue;
    if (t.normal.length < 2 || !/[a-z]/.test(t.normal)) continue;
    out.push(t.stem);
  }
  return out;
}

/** Tokenise, weight (BM25 over the findings given) and vectorise every finding and its sentences. */
export function prepareFindings(rows: FindingRow[]): Prepared {
  const names = unitNameWords(rows);
  const sentences = rows.map((r) => analyseSentences(r.text));
  const sentTerms = sentences.map((ss) => ss.map((s) => termsOf(s, names)));
  const model = learnBm25(sentTerms.map((ss) => ss.flat()));
  const termId = rarityOrder(model.df);
  const docVec = model.docs.map((bow) => toSparse(bow, termId));
  const sentVecs = sentTerms.map((ss) => ss.filter((t) => t.length >= MIN_SENTENCE_TERMS).map((t) => toSparse(model.bowOf(t), termId)));
  return { rows, sentences, docVec, sentVecs, df: model.df };
}

export interface PairScore {
  /** Cosine of the whole findings' vectors. */
  doc: number;
  /** Best cosine between a sentence of one and a sentence of the other (`doc` if either has no matchable sentence). */
  sentence: number;
  /** The mean of the two: the similarity the threshold applies to. */
  score: number;
}

/** The similarity of findings `i` and `j` of a prepared set. */
export function scorePair(p: Prepared, i: number, j: number): PairScore {
  const d = dot(p.docVec[i]!, p.docVec[j]!);
  let s = -1;
  for (const a of p.sentVecs[i]!) for (const b of p.sentVecs[j]!) s = Math.max(s, dot(a, b));
  if (s < 0) s = d;
  return { doc: d, sentence: s, score: (d + s) / 2 };
}

export function findRecurringFindings(findings: FindingRow[], opts: RecurringOptions = {}): RecurringFindingRow[] {
  void findings;
  void opts;
  void pairsAbove;
  return [];
}
