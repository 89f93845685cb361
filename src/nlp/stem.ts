import { createRequire } from 'node:module';

/**
 * Porter stemming through natural's stemmer module, loaded by its deep path.
 *
 * Never `import natural from 'natural'`: the package index loads database clients, reads `./.env`
 * and prints to stdout. The Porter stemmer file only needs two small helpers beside it.
 */
const require = createRequire(import.meta.url);
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(word: string): string };

const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

/** Porter stem of one lower-case word, memoised (the stemmer itself runs at about 2 MB/s). */
export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = porter.stem(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, s);
  }
  return s;
}
