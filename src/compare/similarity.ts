import type { Bow } from '../nlp/wink-bm25.ts';

/**
 * Sparse, L2-normalised term vectors and an exact all-pairs similarity search.
 *
 * Term ids are assigned rarest first (document frequency ascending), so a vector's entries,
 * sorted by id, run from its most to its least discriminating term. The search only considers
 * pairs that share one of the rarest terms of a vector, chosen so that the rest of the vector
 * cannot reach the threshold on its own ("prefix filtering", Bayardo, Ma and Srikant, *Scaling up
 * all pairs similarity search*, WWW 2007), and scores them by accumulating along posting lists.
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
 * How many leading entries of `v` form its prefix: the shortest one after which the rest of `v`
 * cannot contribute `t` to a dot product with any vector. The rest contributes at most its own
 * norm, and at most the sum of its weights times each term's largest weight in the collection.
 */
function prefixLength(v: SparseVector, t: number, maxWeight: Float64Array): number {
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
  return p;
}

/**
 * Every pair (i < j) of vectors from different groups whose cosine is >= `threshold`, visited
 * in a deterministic order (by j, then i), with the exact cosine.
 *
 * Vectors are added to an inverted index one by one; each new vector y is scored against the
 * vectors already indexed by accumulating weight products along the posting lists of its terms.
 * A vector becomes a candidate only through a term of y's prefix (its rarest terms, see
 * `prefixLength`): a pair that shares none of them has a cosine < threshold, since the rest of y
 * cannot reach it alone. Postings of y's other terms only add to candidates already found, so
 * every candidate ends with its exact dot product and no pair is compared term by term.
 */
export function pairsAbove(vectors: SparseVector[], group: ArrayLike<number>, threshold: number, visit: (i: number, j: number, cos: number) => void): void {
  const t = Math.max(threshold - 1e-9, 1e-9);
  let nTerms = 0;
  for (const v of vectors) if (v.ids.length) nTerms = Math.max(nTerms, v.ids[v.ids.length - 1]! + 1);
  const maxWeight = new Float64Array(nTerms);
  for (const v of vectors) for (let k = 0; k < v.ids.length; k += 1) if (v.w[k]! > maxWeight[v.ids[k]!]!) maxWeight[v.ids[k]!] = v.w[k]!;
  const postIds: number[][] = Array.from({ length: nTerms }, () => []);
  const postW: number[][] = Array.from({ length: nTerms }, () => []);
  const acc = new Float64Array(vectors.length);
  const seen = new Int32Array(vectors.length).fill(-1);
  const found: number[] = [];
  for (let j = 0; j < vectors.length; j += 1) {
    const y = vectors[j]!;
    const prefix = prefixLength(y, t, maxWeight);
    found.length = 0;
    for (let k = 0; k < y.ids.length; k += 1) {
      const ids = postIds[y.ids[k]!]!;
      const ws = postW[y.ids[k]!]!;
      const wy = y.w[k]!;
      if (k < prefix) {
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
      } else {
        for (let m = 0; m < ids.length; m += 1) {
          const i = ids[m]!;
          if (seen[i] === j) acc[i] += ws[m]! * wy;
        }
      }
    }
    found.sort((a, b) => a - b);
    for (const i of found) if (acc[i]! >= t) visit(i, j, acc[i]!);
    for (let k = 0; k < y.ids.length; k += 1) {
      postIds[y.ids[k]!]!.push(j);
      postW[y.ids[k]!]!.push(y.w[k]!);
    }
  }
}
