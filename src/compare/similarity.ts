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
 * cannot reach it alone. Nor does a vector met first at a term where the norms of what is left
 * of it and of y multiply to less than the threshold. Before the rest of y is added, candidates
 * that could not reach the threshold with all of it are dropped; the rest is then added along
 * the posting lists of y's other terms or, where those are long (common words), candidate by
 * candidate, in the same order either way: every pair visited has its exact dot product, to the
 * last bit.
 */
export function pairsAbove(vectors: SparseVector[], group: ArrayLike<number>, threshold: number, visit: (i: number, j: number, cos: number) => void): void {
  const t = Math.max(threshold - 1e-9, 1e-9);
  let nTerms = 0;
  for (const v of vectors) if (v.ids.length) nTerms = Math.max(nTerms, v.ids[v.ids.length - 1]! + 1);
  const maxWeight = new Float64Array(nTerms);
  for (const v of vectors) for (let k = 0; k < v.ids.length; k += 1) if (v.w[k]! > maxWeight[v.ids[k]!]!) maxWeight[v.ids[k]!] = v.w[k]!;
  const postIds: number[][] = Array.from({ length: nTerms }, () => []);
  const postW: number[][] = Array.from({ length: nTerms }, () => []);
  // Per posting, the norm of its vector from that term on.
  const postRest: number[][] = Array.from({ length: nTerms }, () => []);
  const acc = new Float64Array(vectors.length);
  const seen = new Int32Array(vectors.length).fill(-1);
  const found: number[] = [];
  // The bound below is a product of square roots: pairs are dropped only when it is clearly short.
  const cut = t - 1e-7;
  for (let j = 0; j < vectors.length; j += 1) {
    const y = vectors[j]!;
    const prefix = prefixLength(y, t, maxWeight);
    const rest = restNorms(y);
    found.length = 0;
    for (let k = 0; k < prefix; k += 1) {
      const ids = postIds[y.ids[k]!]!;
      const ws = postW[y.ids[k]!]!;
      const wy = y.w[k]!;
      const rs = postRest[y.ids[k]!]!;
      const ry = rest[k]!;
      for (let m = 0; m < ids.length; m += 1) {
        const i = ids[m]!;
        if (seen[i] !== j) {
          if (group[i] === group[j]) continue;
          // Met first at this term, the two share no rarer one: their cosine is at most the
          // product of the norms of what is left of each from here.
          if (rs[m]! * ry < cut) continue;
          seen[i] = j;
          acc[i] = 0;
          found.push(i);
        }
        acc[i] += ws[m]! * wy;
      }
    }
    if (prefix < y.ids.length && found.length) {
      // The rest of y adds at most its norm: candidates that cannot reach the threshold with it are dropped.
      const ry = rest[prefix]!;
      let kept = 0;
      for (const i of found) {
        if (acc[i]! + ry >= cut) found[kept++] = i;
        else seen[i] = -1;
      }
      found.length = kept;
      // Then the rest of y is added along its posting lists or, when they are long (common
      // words), candidate by candidate, whichever walks fewer entries.
      let walk = 0;
      for (let k = prefix; k < y.ids.length; k += 1) walk += postIds[y.ids[k]!]!.length;
      if (walk > found.length * (y.ids.length - prefix + 24)) {
        for (const i of found) addRestOfDot(acc, i, vectors[i]!, y, prefix);
      } else {
        for (let k = prefix; k < y.ids.length; k += 1) {
          const ids = postIds[y.ids[k]!]!;
          const ws = postW[y.ids[k]!]!;
          const wy = y.w[k]!;
          for (let m = 0; m < ids.length; m += 1) {
            const i = ids[m]!;
            if (seen[i] === j) acc[i] += ws[m]! * wy;
          }
        }
      }
    }
    found.sort((a, b) => a - b);
    for (const i of found) if (acc[i]! >= t) visit(i, j, acc[i]!);
    for (let k = 0; k < y.ids.length; k += 1) {
      postIds[y.ids[k]!]!.push(j);
      postW[y.ids[k]!]!.push(y.w[k]!);
      postRest[y.ids[k]!]!.push(rest[k]!);
    }
  }
}

/** The norm of `v` from each entry on (that entry included). */
function restNorms(v: SparseVector): Float64Array {
  const out = new Float64Array(v.ids.length);
  let sq = 0;
  for (let k = v.ids.length - 1; k >= 0; k -= 1) {
    sq += v.w[k]! * v.w[k]!;
    out[k] = Math.sqrt(sq);
  }
  return out;
}

/**
 * Add to acc[at] the products of dot(x, y) over y's entries from `from` on, one by one in the
 * order `pairsAbove` accumulates them (so the sum is the same to the last bit).
 */
function addRestOfDot(acc: Float64Array, at: number, x: SparseVector, y: SparseVector, from: number): void {
  const xi = x.ids;
  const yi = y.ids;
  // The first entry of x at or after y's entry `from`.
  let lo = 0;
  let hi = xi.length;
  const first = yi[from]!;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xi[mid]! < first) lo = mid + 1;
    else hi = mid;
  }
  let i = lo;
  let k = from;
  while (i < xi.length && k < yi.length) {
    const a = xi[i]!;
    const b = yi[k]!;
    if (a === b) {
      acc[at] += x.w[i]! * y.w[k]!;
      i += 1;
      k += 1;
    } else if (a < b) i += 1;
    else k += 1;
  }
}
