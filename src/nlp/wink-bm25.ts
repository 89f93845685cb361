import { createRequire } from 'node:module';
import type { Bow } from 'wink-nlp';
import type bm25VectorizerFn from 'wink-nlp/utilities/bm25-vectorizer';
import type similarityHelper from 'wink-nlp/utilities/similarity';
import { winkIts } from './wink-terms.ts';

/**
 * wink-nlp's BM25 vectorizer and similarity helpers, loaded by their file paths.
 *
 * wink-nlp has no `exports` map, so under Node's ESM resolution the deep paths need their `.js`
 * extension, while its typings declare them without it; `createRequire` loads the CommonJS files
 * and the types come from the typings.
 */
const require = createRequire(import.meta.url);
const bm25Vectorizer = require('wink-nlp/utilities/bm25-vectorizer.js') as typeof bm25VectorizerFn;
const similarity = require('wink-nlp/utilities/similarity.js') as typeof similarityHelper;

export type { Bow };

export interface Bm25Options {
  /** Term-frequency saturation (wink's default 1.2). */
  k1?: number;
  /** Length normalisation (wink's default 0.75). */
  b?: number;
}

export interface Bm25Model {
  /** Each learned document's bag of words: term -> BM25 weight, L2-normalised. */
  docs: Bow[];
  /** term -> number of documents containing it. */
  df: Map<string, number>;
  /** The bag of words of any token list, weighted with the learned IDF and L2-normalised. */
  bowOf(tokens: string[]): Bow;
}

/**
 * Learn BM25 weights over `documents` (each a list of terms) with wink-nlp's vectorizer and
 * return every document's L2-normalised bag of words, so that a dot product is a cosine.
 */
export function learnBm25(documents: string[][], opts: Bm25Options = {}): Bm25Model {
  const v = bm25Vectorizer({ k: 1, k1: opts.k1 ?? 1.2, b: opts.b ?? 0.75, norm: 'l2' });
  const df = new Map<string, number>();
  for (const terms of documents) {
    // wink throws on out() before any learn(): an empty collection gets one empty document.
    v.learn(terms);
    for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  if (documents.length === 0) v.learn([]);
  const bow = winkIts().bow;
  const docs = documents.map((_, i) => ({ ...(v.doc(i).out(bow) as Bow) }));
  return { docs, df, bowOf: (tokens) => ({ ...v.bowOf(tokens) }) };
}

/** wink-nlp's cosine similarity of two bags of words. */
export function bowCosine(a: Bow, b: Bow): number {
  return similarity.bow.cosine(a, b);
}
