import { createRequire } from 'node:module';

/**
 * Stemming through natural's Porter stemmer module, loaded by its deep path.
 *
 * Never `import natural from 'natural'`: the package index loads database clients, reads `./.env`
 * and prints to stdout. The Porter stemmer file only needs two small helpers beside it.
 */
const require = createRequire(import.meta.url);

interface PorterModule {
  stem(word: string): string;
  step1a(w: string): string;
  step1b(w: string): string;
  step1c(w: string): string;
  step5a(w: string): string;
}
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as PorterModule;

const CACHE_LIMIT = 200_000;
const fullCache = new Map<string, string>();
const lightCache = new Map<string, string>();

function remember(cache: Map<string, string>, word: string, value: string): string {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, value);
  return value;
}

/** Full Porter stem of one word, memoised (the stemmer itself runs at about 2 MB/s). */
export function stem(word: string): string {
  return fullCache.get(word) ?? remember(fullCache, word, porter.stem(word));
}

/**
 * Inflectional stem: Porter's steps 1a-1c and 5a only, memoised. Plurals and verb forms meet
 * ("workloads" and "workload", "engaged" and "engaging" and "engage", "enquiries" and "enquiry")
 * while derived words stay apart, unlike the full Porter stem, which gives "commun" for both
 * "community" and "communication", "offic" for "office" and "officer", "provid" for "provided"
 * and "providers", "time" for "timely".
 */
export function lightStem(word: string): string {
  const hit = lightCache.get(word);
  if (hit !== undefined) return hit;
  const lower = word.toLowerCase();
  const value = lower.length < 3 ? lower : porter.step5a(porter.step1c(porter.step1b(porter.step1a(lower))));
  return remember(lightCache, word, value);
}
