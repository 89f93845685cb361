/**
 * Recurring findings: statements that recur across reports (the same problem or strength found
 * in several units), as rows of recurring_findings.csv.
 *
 * 1. Each finding (a bullet or paragraph) is tokenised with wink-nlp (sentences, stems, negation
 *    scopes) and weighted with wink-nlp's BM25 vectorizer, over the whole finding and over each
 *    of its sentences.
 * 2. Two findings from different reports and the same polarity family (POLARITY_FAMILY) score the
 *    mean of their whole-text cosine and their best sentence-pair cosine, or 0 when they
 *    contradict each other (`scorePair`).
 * 3. Pairs scoring >= the threshold are found without comparing every pair (`pairsAbove`), and
 *    findings are clustered by average linkage over the groups those pairs join
 *    (`clusterFamily`). A cluster becomes a row when it spans `minReports` reports.
 */
import type { FindingRow, RecurringFindingRow } from '../schema/datasets.ts';
import { learnBm25 } from '../nlp/wink-bm25.ts';
import { analyseSentences, type WinkSentence, type WinkToken } from '../nlp/wink-terms.ts';
import { clusterLabel } from './cluster-label.ts';
import { centroid, dot, pairsAbove, rarityOrder, toSparse, type SparseVector } from './similarity.ts';

/** What clustering reads of a finding. */
export type RecurringSource = Pick<FindingRow, 'finding_id' | 'report_id' | 'unit_name' | 'section' | 'polarity' | 'themes' | 'text'>;

export interface RecurringOptions {
  threshold?: number;
  minReports?: number /* default 2 */;
  /**
   * The reports a row stands for (default: its own). A row that stands for several identical
   * findings (see RecurringInput) counts all their reports towards minReports.
   */
  reportsOf?: (row: RecurringSource) => string[];
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

/**
 * Two findings are linked when their score (`scorePair`) is at least this. Chosen with 158 pairs
 * of the seeds' findings labelled by hand (test/fixtures/recurring/labelled-pairs.json, every
 * pair of one polarity family scoring >= 0.355 among them): it is the lowest threshold, in steps
 * of 0.025, at which at least 80% of the pairs it links are the same finding (84%: 43 of 51);
 * it links 46% of the pairs labelled the same. 0.35 links 72 pairs at 76%; 0.425, 30 at 93%.
 * See scripts/eval-recurring.ts.
 */
export const DEFAULT_THRESHOLD = 0.375;

/**
 * Words that carry no meaning of their own in these reports: wink's English stop words, except
 * negations (kept because "not sufficient" and "sufficient" differ) and "keep" (as in "keep
 * people safe", one of the inspection's standards), plus the "per cent" of every percentage.
 * Numbers, possessive endings and the units' own names are dropped too (see `termsOf`).
 */
const KEEP_STOP = new Set(['not', 'no', 'never', 'nor', 'without', 'keep']);
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

/**
 * Words that mark a judgement as critical or favourable. Two statements on the same subject that
 * judge it in opposite directions ("enforcement was used effectively" / "insufficient enforcement
 * action was taken") share most of their words but are different findings (see `scorePair`).
 * Whole findings are compared: on the labelled pairs this worked better than comparing the
 * leaning of the best-matching sentences only.
 */
const CRITICAL = new Set(
  'too insufficient insufficiently not no only poor poorly lack lacked lacking limited weak weaker weakest weakened fail failed failing concern concerns concerning inconsistent inconsistently gap gaps missed inadequate fewer delay delays delayed backlog absent overdue underdeveloped disappointing deficit deficits ineffective unmet unclear worse never without'.split(' '),
);
const FAVOURABLE = new Set(
  'effective effectively strong strongly good positive positively well appropriate appropriately robust improved encouraging valued sufficient sufficiently successful successfully impressive excellent welcomed thorough'.split(' '),
);
/** > 0 favourable, < 0 critical, 0 neither. A critical word outweighs a favourable one ("not sufficient"). */
function leaning(tokens: WinkToken[]): number {
  let score = 0;
  for (const t of tokens) {
    if (CRITICAL.has(t.normal)) score -= 2;
    else if (FAVOURABLE.has(t.normal)) score += 1;
  }
  return Math.sign(score);
}
/**
 * The factor applied to the score of two findings that contradict each other (`scorePair`): 0,
 * so they are never linked however many words they share. On the labelled pairs of the seeds,
 * halving their score instead gave the same links; a near-duplicate with one "not" needs the veto.
 */
export const CONTRADICTION_FACTOR = 0;

interface Prepared {
  rows: RecurringSource[];
  /** Whole-finding BM25 vectors. */
  docVec: SparseVector[];
  /** Per finding, the vectors of its sentences with at least MIN_SENTENCE_TERMS terms. */
  sentVecs: SparseVector[][];
  /** The leaning of each finding: -1 critical, 1 favourable, 0 neither. */
  lean: number[];
  /** Per finding, per sentence in `sentVecs`, its terms inside and outside the scope of a negation. */
  sentNeg: { negated: Set<string>; plain: Set<string> }[][];
  /** Term -> document frequency, over findings. */
  df: Map<string, number>;
}

/** Lower-case words of every unit name in the input: a unit's name says nothing about what was found there. */
function unitNameWords(rows: RecurringSource[]): Set<string> {
  const out = new Set<string>();
  for (const r of rows) for (const w of r.unit_name.toLowerCase().split(/[^a-z\u00c0-\u024f]+/)) if (w.length > 2 && !['and', 'the', 'of', 'pdu'].includes(w)) out.add(w);
  return out;
}

function termsOf(sentence: WinkSentence, names: Set<string>): string[] {
  const out: string[] = [];
  for (const t of sentence.tokens) {
    if (t.type !== 'word') continue;
    if (t.stop) continue;
    if (EXTRA_STOP.has(t.normal) || names.has(t.normal)) continue;
    if (t.normal.length < 2 || !/^[a-z]/.test(t.normal)) continue;
    out.push(t.stem);
  }
  return out;
}

/** A finding's sentences as wink-nlp reads them, with the stop words that matter here made words again. */
function sentencesOf(text: string): WinkSentence[] {
  return analyseSentences(text).map((s) => ({ tokens: s.tokens.map((t) => (t.stop && KEEP_STOP.has(t.normal) ? { ...t, stop: false } : t)) }));
}

/**
 * Tokenise, weight (BM25 over the findings given) and vectorise every finding and its sentences.
 * The tokens themselves are not kept (they would be most of the memory of a large corpus): the
 * few findings that are labelled are read again (`sentencesOf`).
 */
export function prepareFindings(rows: RecurringSource[]): Prepared {
  const names = unitNameWords(rows);
  // One copy of each stem, however many findings use it.
  const interned = new Map<string, string>();
  const intern = (x: string) => {
    const known = interned.get(x);
    if (known !== undefined) return known;
    interned.set(x, x);
    return x;
  };
  const sentTerms: string[][][] = [];
  const sentNeg: Prepared['sentNeg'] = [];
  const lean: number[] = [];
  // Finding by finding, so that only one finding's tokens are alive at a time.
  for (const r of rows) {
    const ss = sentencesOf(r.text);
    const terms = ss.map((s) => termsOf(s, names).map(intern));
    const negs: Prepared['sentNeg'][number] = [];
    ss.forEach((s, k) => {
      if (terms[k]!.length < MIN_SENTENCE_TERMS) return;
      const negated = new Set<string>();
      const plain = new Set<string>();
      for (const t of s.tokens) if (t.type === 'word' && !t.stop) (t.negated ? negated : plain).add(intern(t.stem));
      negs.push({ negated, plain });
    });
    sentTerms.push(terms);
    sentNeg.push(negs);
    lean.push(leaning(ss.flatMap((x) => x.tokens)));
  }
  // wink-nlp's BM25 vectorizer, one document per finding; a sentence is weighted with the same IDF.
  const model = learnBm25(sentTerms.map((ss) => ss.flat()));
  const termId = rarityOrder(model.df);
  const docVec = model.docs.map((bow) => toSparse(bow, termId));
  const sentVecs: SparseVector[][] = sentTerms.map((ss) => ss.filter((terms) => terms.length >= MIN_SENTENCE_TERMS).map((terms) => toSparse(model.bowOf(terms), termId)));
  return { rows, docVec, sentVecs, lean, sentNeg, df: model.df };
}

export interface PairScore {
  /** Cosine of the whole findings' vectors. */
  doc: number;
  /** Best cosine between a sentence of one and a sentence of the other (`doc` if either has no matchable sentence). */
  sentence: number;
  /**
   * Whether the two judge the same thing in opposite ways: one finding leans critical and the
   * other favourable, or the best-matching sentences differ in negation ("home visits were
   * completed" / "were not completed").
   */
  contradicts: boolean;
  /** The mean of `doc` and `sentence`, times CONTRADICTION_FACTOR when they contradict: what the threshold applies to. */
  score: number;
}

/**
 * The similarity of findings `i` and `j` of a prepared set.
 *
 * Findings are paragraphs of one to eight sentences. The whole-text cosine rewards findings that
 * are about the same things throughout, but dilutes a shared key sentence (a regional report
 * often restates a PDU's point in one sentence among others); the best sentence pair catches
 * that, but on its own also links paragraphs that happen to share one generic sentence. Their
 * mean needs both: on the labelled pairs it ranked same-finding pairs above others better than
 * either alone (scripts/eval-recurring.ts).
 */
export function scorePair(p: Prepared, i: number, j: number, opts: { contradictionFactor?: number } = {}): PairScore {
  const d = dot(p.docVec[i]!, p.docVec[j]!);
  let s = -1;
  let bx = -1;
  let by = -1;
  const A = p.sentVecs[i]!;
  const B = p.sentVecs[j]!;
  for (let x = 0; x < A.length; x += 1) {
    for (let y = 0; y < B.length; y += 1) {
      const c = dot(A[x]!, B[y]!);
      if (c > s) {
        s = c;
        bx = x;
        by = y;
      }
    }
  }
  if (s < 0) s = d;
  let contradicts = p.lean[i]! * p.lean[j]! < 0;
  if (!contradicts && bx >= 0) {
    // A term negated in one sentence and affirmed in the other (and not negated there too).
    const na = p.sentNeg[i]![bx]!;
    const nb = p.sentNeg[j]![by]!;
    for (const t of na.negated) if (nb.plain.has(t) && !nb.negated.has(t)) contradicts = true;
    for (const t of nb.negated) if (na.plain.has(t) && !na.negated.has(t)) contradicts = true;
  }
  return { doc: d, sentence: s, contradicts, score: ((d + s) / 2) * (contradicts ? (opts.contradictionFactor ?? CONTRADICTION_FACTOR) : 1) };
}

/** A max-heap of candidate merges, ordered by average similarity, then by cluster ids (deterministic). */
class MergeHeap {
  private items: { avg: number; a: number; b: number }[] = [];
  private before(x: { avg: number; a: number; b: number }, y: { avg: number; a: number; b: number }): boolean {
    return x.avg > y.avg || (x.avg === y.avg && (x.a < y.a || (x.a === y.a && x.b < y.b)));
  }
  get size(): number {
    return this.items.length;
  }
  push(avg: number, a: number, b: number): void {
    const it = a < b ? { avg, a, b } : { avg, a: b, b: a };
    const h = this.items;
    h.push(it);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }
  pop(): { avg: number; a: number; b: number } | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * A group of findings joined by pairs scoring >= the threshold with up to this many members has
 * every cross-report pair scored for the average linkage. In a larger one (a chain through many
 * loosely related findings, or a stock sentence reworded in hundreds of reports) only pairs met
 * while searching (whole texts or a pair of sentences with cosine >= the threshold) are scored,
 * each finding keeping its LARGE_GROUP_NEIGHBOURS best and as many drawn at random (`keptNeighbours`), and two clusters merge
 * on the mean of the pairs scored between them: memory grows with the group, not its square.
 */
const EXACT_GROUP = 300;
export const LARGE_GROUP_NEIGHBOURS = 32;

/**
 * Average-linkage clustering of findings `idx` (one polarity family). Two clusters merge, best
 * pair first, while the mean score of their cross-report member pairs is >= `threshold`. Unlike
 * single linkage (connected components of the pairs above the threshold), a chain A~B~C does not
 * pull A and C together unless C is, on average, as close to {A, B} as the threshold asks.
 *
 * A merge needs a mean >= threshold, so at least one pair that high: only findings joined by a
 * chain of such pairs can end up together. Those chains are found first without comparing every
 * pair (`pairsAbove`, and a pair is scored only when it would join two groups), then each group
 * is clustered on its own, so that what is held at once is one group's scores.
 */
function clusterFamily(p: Prepared, idx: number[], report: Int32Array, threshold: number): number[][] {
  const group = Int32Array.from(idx, (i) => report[i]!);
  const parent = Int32Array.from(idx, (_, k) => k);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  // The score is at most the mean of the whole-text and best sentence cosines, so a pair scoring
  // >= threshold has a whole-text cosine or a sentence pair with cosine >= threshold: two
  // searches find them all.
  forEachPairMet(
    p,
    idx,
    group,
    threshold,
    (a, b) => {
      const ra = find(a);
      const rb = find(b);
      if (ra === rb || scorePair(p, idx[a]!, idx[b]!).score < threshold) return;
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    },
  );
  const groups = new Map<number, number[]>();
  for (let k = 0; k < idx.length; k += 1) {
    const r = find(k);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(k);
  }
  const out: number[][] = [];
  for (const g of groups.values()) {
    const local = g.map((k) => idx[k]!);
    const clusters = g.length === 1 ? [[0]] : averageLinkage(p, local, Int32Array.from(g, (k) => group[k]!), threshold, g.length <= EXACT_GROUP);
    for (const c of clusters) out.push(c.map((x) => local[x]!).sort((x, y) => x - y));
  }
  return out.sort((x, y) => x[0]! - y[0]!);
}

/**
 * Every pair (a < b, positions in `idx`) of findings from different reports (`group` holds each
 * one's report) whose whole texts, or some pair of whose sentences, have cosine >= threshold; a
 * pair may be visited more than once.
 */
function forEachPairMet(p: Prepared, idx: number[], group: Int32Array, threshold: number, visit: (a: number, b: number) => void): void {
  pairsAbove(
    idx.map((i) => p.docVec[i]!),
    group,
    threshold,
    visit,
  );
  const sentVecs: SparseVector[] = [];
  const sentOwner: number[] = [];
  idx.forEach((i, k) => {
    for (const v of p.sentVecs[i]!) {
      sentVecs.push(v);
      sentOwner.push(k);
    }
  });
  pairsAbove(sentVecs, Int32Array.from(sentOwner, (k) => group[k]!), threshold, (x, y) => visit(sentOwner[x]!, sentOwner[y]!));
}

/**
 * Average linkage over one group of findings (`idx`, with their reports' indices in `group`).
 * `exact`: every cross-report pair is scored; otherwise only the pairs met by the search, each
 * finding keeping its LARGE_GROUP_NEIGHBOURS best. Returns clusters as positions in `idx`.
 */
function averageLinkage(p: Prepared, idx: number[], group: Int32Array, threshold: number, exact: boolean): number[][] {
  const n = idx.length;
  // `sums` holds, per cluster, the sum of scores to each neighbouring cluster; `known`, when not
  // every pair is scored, how many pairs that sum is over.
  const sums: Map<number, number>[] = idx.map(() => new Map());
  const known: Map<number, number>[] | null = exact ? null : idx.map(() => new Map());
  const setScore = (a: number, b: number, sc: number) => {
    sums[a]!.set(b, sc);
    sums[b]!.set(a, sc);
    known?.[a]!.set(b, 1);
    known?.[b]!.set(a, 1);
  };
  if (exact) {
    for (let x = 0; x < n; x += 1) {
      for (let y = x + 1; y < n; y += 1) if (group[x] !== group[y]) setScore(x, y, scorePair(p, idx[x]!, idx[y]!).score);
    }
  } else {
    keptNeighbours(p, idx, group, threshold, LARGE_GROUP_NEIGHBOURS, (x, y, sc) => setScore(Math.min(x, y), Math.max(x, y), sc));
  }

  const members: (number[] | null)[] = idx.map((_, k) => [k]);
  const perReport: Map<number, number>[] = idx.map((_, k) => new Map([[group[k]!, 1]]));
  // What the mean is over: every cross-report pair of the two clusters, or the pairs scored.
  const pairsBetween = (a: number, b: number) => {
    if (known) return known[a]!.get(b) ?? 0;
    let same = 0;
    const [small, big] = perReport[a]!.size <= perReport[b]!.size ? [perReport[a]!, perReport[b]!] : [perReport[b]!, perReport[a]!];
    for (const [r, c] of small) same += c * (big.get(r) ?? 0);
    return members[a]!.length * members[b]!.length - same;
  };
  const heap = new MergeHeap();
  for (let a = 0; a < n; a += 1) for (const [b, sc] of sums[a]!) if (a < b && sc >= threshold) heap.push(sc, a, b);
  while (heap.size) {
    const top = heap.pop()!;
    const { a, b } = top;
    if (!members[a] || !members[b]) continue;
    const pairs = pairsBetween(a, b);
    const avg = pairs ? (sums[a]!.get(b) ?? 0) / pairs : 0;
    if (avg !== top.avg) continue; // stale: one side has grown since this entry was pushed
    // Merge b into a.
    const into = members[a]!;
    for (const m of members[b]!) into.push(m);
    for (const [r, c] of perReport[b]!) perReport[a]!.set(r, (perReport[a]!.get(r) ?? 0) + c);
    members[b] = null;
    foldInto(sums, a, b);
    if (known) foldInto(known, a, b);
    for (const [x, sc] of sums[a]!) {
      const cp = pairsBetween(a, x);
      const avgX = cp ? sc / cp : 0;
      if (avgX >= threshold) heap.push(avgX, a, x);
    }
  }
  return members.filter((m): m is number[] => m !== null);
}

/** Fold cluster b's row of a symmetric table (cluster -> neighbour -> value) into a's, leaving b's empty. */
function foldInto(table: Map<number, number>[], a: number, b: number): void {
  table[a]!.delete(b);
  for (const [x, v] of table[b]!) {
    if (x === a) continue;
    table[a]!.set(x, (table[a]!.get(x) ?? 0) + v);
    table[x]!.delete(b);
  }
  table[b] = new Map();
  for (const [x, v] of table[a]!) table[x]!.set(a, v);
}

/**
 * Per finding, up to `k` pairs kept in fixed slots, those of highest rank (ties keep the pair
 * kept first). Typed arrays: replacing a pair makes no garbage, where millions of replaced pair
 * objects would pile up in the old generation until the next full collection.
 */
class PairSlots {
  readonly other: Int32Array;
  readonly score: Float64Array;
  private readonly rank: Float64Array;
  readonly size: Int32Array;
  /** The score of the pair the last `offer` pushed out (NaN if none). */
  evicted = NaN;

  constructor(n: number, readonly k: number) {
    this.other = new Int32Array(n * k);
    this.score = new Float64Array(n * k);
    this.rank = new Float64Array(n * k);
    this.size = new Int32Array(n);
  }

  has(x: number, y: number): boolean {
    const from = x * this.k;
    const to = from + this.size[x]!;
    for (let m = from; m < to; m += 1) if (this.other[m] === y) return true;
    return false;
  }

  /** Keep (y, score) for x if there is room or `rank` beats x's lowest; whether it was kept. */
  offer(x: number, y: number, score: number, rank: number): boolean {
    this.evicted = NaN;
    const from = x * this.k;
    let at = from + this.size[x]!;
    if (this.size[x]! < this.k) this.size[x]! += 1;
    else {
      at = from;
      for (let m = from + 1; m < from + this.k; m += 1) if (this.rank[m]! < this.rank[at]!) at = m;
      if (!(rank > this.rank[at]!)) return false;
      this.evicted = this.score[at]!;
    }
    this.other[at] = y;
    this.score[at] = score;
    this.rank[at] = rank;
    return true;
  }
}

/**
 * Per finding of `idx`, the pairs kept for it among those met by the search, as calls of
 * `keep(x, y, score)`: its `k` best-scoring ones, of which at most a quarter near-copies (score
 * >= NEAR_COPY), and `k` more drawn at random (the smallest values of a hash of the pair, so the
 * draw is the same on every run). The best ones keep a cluster connected; the random ones make
 * the mean of the scored pairs between two clusters an estimate of the mean over all their
 * pairs, where the best ones alone would overstate it. Without the cap, a sentence copied into
 * hundreds of reports would fill every list with its copies.
 */
function keptNeighbours(p: Prepared, idx: number[], group: Int32Array, threshold: number, k: number, keep: (x: number, y: number, score: number) => void): void {
  const n = idx.length;
  const best = new PairSlots(n, k);
  const drawn = new PairSlots(n, k);
  const copies = new Int32Array(n);
  const maxCopies = Math.max(1, k >> 2);
  const offerBest = (x: number, y: number, sc: number) => {
    if (best.has(x, y)) return;
    const copy = sc >= NEAR_COPY;
    if (copy && copies[x]! >= maxCopies) return;
    if (!best.offer(x, y, sc, sc)) return;
    if (copy) copies[x]! += 1;
    if (best.evicted >= NEAR_COPY) copies[x]! -= 1;
  };
  const offerDrawn = (x: number, y: number, sc: number, h: number) => {
    if (!drawn.has(x, y)) drawn.offer(x, y, sc, -h);
  };
  forEachPairMet(p, idx, group, threshold, (a, b) => {
    // A pair may be met more than once (its whole texts, then a pair of its sentences).
    if ((best.has(a, b) || drawn.has(a, b)) && (best.has(b, a) || drawn.has(b, a))) return;
    const sc = scorePair(p, idx[a]!, idx[b]!).score;
    const h = pairHash(a, b);
    offerBest(a, b, sc);
    offerBest(b, a, sc);
    offerDrawn(a, b, sc, h);
    offerDrawn(b, a, sc, h);
  });
  for (let x = 0; x < n; x += 1) {
    for (let m = x * k; m < x * k + best.size[x]!; m += 1) keep(x, best.other[m]!, best.score[m]!);
    for (let m = x * k; m < x * k + drawn.size[x]!; m += 1) if (!best.has(x, drawn.other[m]!)) keep(x, drawn.other[m]!, drawn.score[m]!);
  }
}

/** A cluster with more pairs of members than this has its mean similarity estimated from a sample of them. */
const MEAN_PAIRS = 200_000;

/** A well-mixed 32-bit hash of a pair (a < b). */
function pairHash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A pair scoring this high is the same sentence, give or take a word. */
const NEAR_COPY = 0.95;

const POLARITY_ORDER: FindingRow['polarity'][] = ['strength', 'improvement', 'recommendation', 'narrative'];

function mostFrequent(values: string[], order: (a: string, b: string) => number): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = '';
  let bestN = 0;
  for (const [v, c] of [...counts.entries()].sort((x, y) => order(x[0], y[0]))) {
    if (c > bestN) {
      best = v;
      bestN = c;
    }
  }
  return best;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Statements that recur across reports: findings of one polarity family from different reports
 * that say the same thing, clustered by BM25 text similarity (see `scorePair`), one row per
 * cluster spanning at least `minReports` reports. Rows are ordered by the number of reports,
 * then of findings, then by label, and numbered `r001`, `r002`, ... in that order, so a finding
 * recurring in every unit comes first; the result does not depend on the order of `findings`.
 * Background and context paragraphs are left out (`isContextParagraph`).
 *
 * Per row: `theme` is the theme most members carry ('' if none), `polarity` the most common
 * polarity of the members, `units` their unit names (sorted), `label` a phrase of 3 to 8 words
 * the members share (`clusterLabel`), `example` the member nearest the centroid of the cluster,
 * `mean_similarity` the mean score of the pairs of members from different reports (over a
 * sample of MEAN_PAIRS of them in a cluster with more).
 */
export function findRecurringFindings(findings: RecurringSource[], opts: RecurringOptions = {}): RecurringFindingRow[] {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const minReports = opts.minReports ?? 2;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`findRecurringFindings: threshold must be in (0, 1], got ${threshold}; the default is ${DEFAULT_THRESHOLD}`);
  if (!Number.isInteger(minReports) || minReports < 1) throw new RangeError(`findRecurringFindings: minReports must be a whole number >= 1, got ${minReports}; the default is 2`);

  const rows = findings
    .filter((f) => !isContextParagraph(f) && f.text.trim() !== '')
    .sort((a, b) => byString(a.finding_id, b.finding_id) || byString(a.report_id, b.report_id) || byString(a.text, b.text));
  if (rows.length === 0) return [];
  const p = prepareFindings(rows);
  const reportIds = [...new Set(rows.map((r) => r.report_id))].sort(byString);
  const reportIndex = new Map(reportIds.map((r, i) => [r, i]));
  const report = Int32Array.from(rows, (r) => reportIndex.get(r.report_id)!);

  const clusters: number[][] = [];
  for (const family of [...new Set(Object.values(POLARITY_FAMILY))].sort(byString)) {
    const idx = rows.map((r, i) => (POLARITY_FAMILY[r.polarity] === family ? i : -1)).filter((i) => i >= 0);
    clusters.push(...clusterFamily(p, idx, report, threshold));
  }

  const names = unitNameWords(rows);
  const nDocs = rows.length;
  const idf = (stem: string) => {
    const df = p.df.get(stem);
    return df ? Math.log(1 + (nDocs - df + 0.5) / (df + 0.5)) : 0;
  };
  const out = clusters
    .filter((c) => (opts.reportsOf ? new Set(c.flatMap((i) => opts.reportsOf!(rows[i]!))) : new Set(c.map((i) => report[i]))).size >= minReports)
    .map((c) => {
      const members = c.map((i) => rows[i]!);
      const centre = centroid(c.map((i) => p.docVec[i]!));
      let example = c[0]!;
      let bestCos = -Infinity;
      for (const i of c) {
        const cos = dot(p.docVec[i]!, centre);
        if (cos > bestCos + 1e-12) {
          bestCos = cos;
          example = i;
        }
      }
      let sum = 0;
      let pairs = 0;
      // Past MEAN_PAIRS pairs, the mean is estimated from a sample of them drawn by hash (the same on every run).
      const all = (c.length * (c.length - 1)) / 2;
      const keep = all > MEAN_PAIRS ? Math.floor((MEAN_PAIRS / all) * 2 ** 32) : 2 ** 32;
      for (let x = 0; x < c.length; x += 1) {
        for (let y = x + 1; y < c.length; y += 1) {
          if (report[c[x]!] === report[c[y]!] || (keep < 2 ** 32 && pairHash(c[x]!, c[y]!) >= keep)) continue;
          sum += scorePair(p, c[x]!, c[y]!).score;
          pairs += 1;
        }
      }
      const themes = members.flatMap((m) => [...new Set(m.themes.split(';').map((t) => t.trim()).filter(Boolean))]);
      const units = [...new Set(members.map((m) => m.unit_name))].sort(byString);
      return {
        cluster_id: '',
        theme: mostFrequent(themes, byString),
        polarity: mostFrequent(
          members.map((m) => m.polarity),
          (a, b) => POLARITY_ORDER.indexOf(a as FindingRow['polarity']) - POLARITY_ORDER.indexOf(b as FindingRow['polarity']),
        ),
        n_reports: new Set(members.map((m) => m.report_id)).size,
        units: units.join(';'),
        label: clusterLabel(
          // The example first, so that ties between phrases go to its wording.
          [example, ...c.filter((i) => i !== example)].map((i) => ({ reportId: rows[i]!.report_id, sentences: sentencesOf(rows[i]!.text) })),
          idf,
          names,
        ),
        finding_ids: members.map((m) => m.finding_id).join(';'),
        example: rows[example]!.text,
        n_findings: members.length,
        mean_similarity: pairs ? round(sum / pairs) : 1,
      } satisfies RecurringFindingRow;
    })
    .sort((a, b) => b.n_reports - a.n_reports || b.n_findings - a.n_findings || byString(a.label, b.label) || byString(a.finding_ids, b.finding_ids));
  const width = Math.max(3, String(out.length).length);
  out.forEach((r, i) => (r.cluster_id = `r${String(i + 1).padStart(width, '0')}`));
  return out;
}
