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

/** How many leading entries of `v` to index so that the remaining entries' norm is below `t`. */
function prefixLength(v: SparseVector, t: number): number {
  let suffixSq = 0;
  let p = v.ids.length;
  // Walk from the end (most common terms) while the suffix alone stays below the threshold.
  while (p > 0) {
    const next = suffixSq + v.w[p - 1]! * v.w[p - 1]!;
    if (Math.sqrt(next) >= t) break;
    suffixSq = next;
    p -= 1;
  }
  return p;
}

/**
 * Every pair (i < j) of vectors from different groups whose cosine is >= `threshold`, visited
 * in a deterministic order. Exact: if cos(x, y) >= t, the rarest term x and y share lies in the
 * indexed prefix of both (the part of a vector outside its prefix has norm < t, so it cannot
 * carry a cosine of t by itself, and prefixes are closed towards rarer terms).
 */
export function pairsAbove(vectors: SparseVector[], group: ArrayLike<number>, threshold: number, visit: (i: number, j: number, cos: number) => void): void {
  const t = Math.max(threshold - 1e-9, 1e-9);
  const index = new Map<number, number[]>();
  const seen = new Int32Array(vectors.length).fill(-1);
  for (let j = 0; j < vectors.length; j += 1) {
    const y = vectors[j]!;
    const p = prefixLength(y, t);
    // Probe the index (vectors before j) with j's prefix, then add j's prefix to it.
    const found: number[] = [];
    for (let k = 0; k < p; k += 1) {
      const list = index.get(y.ids[k]!);
      if (!list) continue;
      for (const i of list) {
        if (seen[i] === j || group[i] === group[j]) continue;
        seen[i] = j;
        found.push(i);
      }
    }
    found.sort((a, b) => a - b);
    for (const i of found) {
      const c = dot(vectors[i]!, y);
      if (c >= t) visit(i, j, c);
    }
    for (let k = 0; k < p; k += 1) {
      const id = y.ids[k]!;
      let list = index.get(id);
      if (!list) index.set(id, (list = []));
      list.push(j);
    }
  }
}
