import type { Bow } from '../nlp/wink-bm25.ts';

/**
 * Sparse, L2-normalised term vectors and an exact all-pairs similarity search that avoids
 * comparing every pair.
 *
 * Term ids are assigned rarest first (document frequency ascending), so a vector's entries,
 * sorted by id, run from its most to its least discriminating term. The search indexes only a
 * *prefix* of each vector (its rarest terms) chosen so that the rest of the vector cannot reach
 * the threshold on its own ("prefix filtering", Bayardo, Ma and Srikant, *Scaling up all pairs
 * similarity search*, WWW 2007). It finds every pair whose cosine is >= the threshold, and only
 * scores pairs that share a rare term, which is a small fraction of all pairs.
 */

export interface SparseVector {
  /** Term ids, ascending (rarest term first). */
  ids: Int32Array;
  /** Weights, parallel to `ids`; the vector has unit L2 norm (or is empty). */
  w: Float64Array;
}

/** Term -> id, rarest term first (ties by the term itself, so ids are deterministic). */
export function rarityOrder(df: Map<string, number>): Map<string, number> {
  const terms = [...df.keys()].sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  return new Map(terms.map((t, i) => [t, i]));
}

/** A bag of words as a sparse vector over `termId`, re-normalised to unit length (unknown terms dropped). */
export function toSparse(bow: Bow, termId: Map<string, number>): SparseVector {
  const entries: [number, number][] = [];
  for (const [t, w] of Object.entries(bow)) {
    const id = termId.get(t);
    if (id !== undefined && w > 0) entries.push([id, w]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0)) || 1;
  return { ids: Int32Array.from(entries, (e) => e[0]), w: Float64Array.from(entries, (e) => e[1] / norm) };
}

/** Dot product of two sparse vectors (their cosine, as both have unit length). */
export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  const ai = a.ids;
  const bi = b.ids;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) {
      s += a.w[i]! * b.w[j]!;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return s;
}

/** Sum of vectors, normalised to unit length (a centroid direction). */
export function centroid(vectors: SparseVector[]): SparseVector {
  const acc = new Map<number, number>();
  for (const v of vectors) for (let k = 0; k < v.ids.length; k += 1) acc.set(v.ids[k]!, (acc.get(v.ids[k]!) ?? 0) + v.w[k]!);
  const entries = [...acc.entries()].sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0)) || 1;
  return { ids: Int32Array.from(entries, (e) => e[0]), w: Float64Array.from(entries, (e) => e[1] / norm) };
}

/**
 * How many leading entries of `v` to index, and a bound on what the rest can add to a dot product:
 * the unindexed suffix contributes at most min(its norm, sum of its weights times each term's
 * largest weight in the collection), and the prefix is the shortest one for which that is < `t`.
 */
function prefixOf(v: SparseVector, t: number, maxWeight: Float64Array): { length: number; bound: number } {
  let suffixSq = 0;
  let suffixMax = 0;
  let p = v.ids.length;
  while (p > 0) {
    const w = v.w[p - 1]!;
    const sq = suffixSq + w * w;
    const mx = suffixMax + w * maxWeight[v.ids[p - 1]!]!;
    if (Math.min(Math.sqrt(sq), mx) >= t) break;
    suffixSq = sq;
    suffixMax = mx;
    p -= 1;
  }
  return { length: p, bound: Math.min(Math.sqrt(suffixSq), suffixMax) };
}

/**
 * Every pair (i < j) of vectors from different groups whose cosine is >= `threshold`, visited
 * in a deterministic order (by j, then i). Exact: if cos(x, y) >= t, the rarest term x and y
 * share lies in the indexed prefix of both (the part of a vector outside its prefix cannot carry
 * a cosine of t by itself, and prefixes are closed towards rarer terms). A candidate found through
 * shared prefix terms is scored in full only if those terms plus both suffix bounds can reach t.
 */
export const STATS = { post: 0, dot: 0 };
export function pairsAbove(vectors: SparseVector[], group: ArrayLike<number>, threshold: number, visit: (i: number, j: number, cos: number) => void): void {
  const t = Math.max(threshold - 1e-9, 1e-9);
  let nTerms = 0;
  for (const v of vectors) if (v.ids.length) nTerms = Math.max(nTerms, v.ids[v.ids.length - 1]! + 1);
  const maxWeight = new Float64Array(nTerms);
  for (const v of vectors) for (let k = 0; k < v.ids.length; k += 1) if (v.w[k]! > maxWeight[v.ids[k]!]!) maxWeight[v.ids[k]!] = v.w[k]!;
  const postIds: number[][] = Array.from({ length: nTerms }, () => []);
  const postW: number[][] = Array.from({ length: nTerms }, () => []);
  const bound = new Float64Array(vectors.length);
  const acc = new Float64Array(vectors.length);
  const seen = new Int32Array(vectors.length).fill(-1);
  const found: number[] = [];
  let nPost = 0, nCand = 0, nDot = 0, nHit = 0, nPre = 0, nAll = 0;
  for (let j = 0; j < vectors.length; j += 1) {
    const y = vectors[j]!;
    const pre = prefixOf(y, t, maxWeight);
    bound[j] = pre.bound;
    // Probe the index (prefixes of the vectors before j) with j's prefix, accumulating the
    // shared prefix terms' products.
    found.length = 0;
    for (let k = 0; k < pre.length; k += 1) {
      const term = y.ids[k]!;
      const wy = y.w[k]!;
      const ids = postIds[term]!;
      const ws = postW[term]!;
      nPost += ids.length;
      for (let m = 0; m < ids.length; m += 1) {
        const i = ids[m]!;
        if (group[i] === group[j]) continue;
        if (seen[i] !== j) {
          seen[i] = j;
          acc[i] = 0;
          found.push(i);
        }
        acc[i] += ws[m]! * wy;
      }
    }
    nPre += pre.length; nAll += y.ids.length;
    found.sort((a, b) => a - b);
    nCand += found.length;
    for (const i of found) {
      if (acc[i]! + bound[i]! + pre.bound < t) continue;
      const c = dot(vectors[i]!, y); nDot++;
      if (c >= t) { nHit++; visit(i, j, c); }
    }
    for (let k = 0; k < pre.length; k += 1) {
      postIds[y.ids[k]!]!.push(j);
      postW[y.ids[k]!]!.push(y.w[k]!);
    }
  }
  STATS.post += nPost; STATS.dot += nDot; void nCand; void nHit; void nPre; void nAll;
}

/** The most common terms (by id, the highest) are also kept densely, this many per vector. */
const DENSE_TERMS = 128;

/** Experimental: admission through y's prefix, exact accumulation over the full index. */
export function pairsAboveAcc(vectors: SparseVector[], group: ArrayLike<number>, threshold: number, visit: (i: number, j: number, cos: number) => void): void {
  const t = Math.max(threshold - 1e-9, 1e-9);
  let nTerms = 0;
  for (const v of vectors) if (v.ids.length) nTerms = Math.max(nTerms, v.ids[v.ids.length - 1]! + 1);
  const maxWeight = new Float64Array(nTerms);
  for (const v of vectors) for (let k = 0; k < v.ids.length; k += 1) if (v.w[k]! > maxWeight[v.ids[k]!]!) maxWeight[v.ids[k]!] = v.w[k]!;
  const denseFrom = Math.max(0, nTerms - DENSE_TERMS);
  const dense = new Float64Array(vectors.length * DENSE_TERMS);
  const postIds: number[][] = Array.from({ length: nTerms }, () => []);
  const postW: number[][] = Array.from({ length: nTerms }, () => []);
  const acc = new Float64Array(vectors.length);
  const seen = new Int32Array(vectors.length).fill(-1);
  const found: number[] = [];
  for (let j = 0; j < vectors.length; j += 1) {
    const y = vectors[j]!;
    const pre = prefixOf(y, t, maxWeight);
    found.length = 0;
    let denseStart = y.ids.length;
    for (let k = 0; k < y.ids.length; k += 1) {
      const term = y.ids[k]!;
      const wy = y.w[k]!;
      const ids = postIds[term]!;
      const ws = postW[term]!;
      if (k < pre.length) {
        STATS.post += ids.length;
        for (let m = 0; m < ids.length; m += 1) {
          const i = ids[m]!;
          if (seen[i] !== j) {
            if (group[i] === group[j]) continue;
            seen[i] = j;
            acc[i] = 0;
            found.push(i);
          }
          acc[i] += ws[m]! * wy;
        }
      } else if (term < denseFrom) {
        STATS.post += ids.length;
        for (let m = 0; m < ids.length; m += 1) {
          const i = ids[m]!;
          if (seen[i] === j) acc[i] += ws[m]! * wy;
        }
      } else {
        denseStart = k;
        break;
      }
    }
    found.sort((a, b) => a - b);
    for (const i of found) {
      let c = acc[i]!;
      const base = i * DENSE_TERMS - denseFrom;
      for (let k = denseStart; k < y.ids.length; k += 1) c += y.w[k]! * dense[base + y.ids[k]!]!;
      STATS.dot += 1;
      if (c >= t) visit(i, j, c);
    }
    for (let k = 0; k < y.ids.length; k += 1) {
      postIds[y.ids[k]!]!.push(j);
      postW[y.ids[k]!]!.push(y.w[k]!);
      if (y.ids[k]! >= denseFrom) dense[j * DENSE_TERMS + y.ids[k]! - denseFrom] = y.w[k]!;
    }
  }
}
