import type { WinkSentence, WinkToken } from '../nlp/wink-terms.ts';

/**
 * A short, readable label for a cluster of findings: the phrase (3 to 8 words, as written in
 * one of the findings) that the cluster's reports share most, weighted by how rare its words are.
 *
 * Candidates are runs of words inside one sentence (a number or punctuation mark ends a run)
 * that neither start nor end with a stop word. Two runs are the same phrase when their words have
 * the same stems, so "practitioner confidence" and "practitioners' confidence" count together.
 */

export interface LabelMember {
  reportId: string;
  sentences: WinkSentence[];
}

const MIN_WORDS = 3;
const MAX_WORDS = 8;

interface Phrase {
  surface: string;
  reports: Set<string>;
  /** Sum of the IDF of its content words. */
  weight: number;
  words: number;
}

function isWord(t: WinkToken): boolean {
  return t.type === 'word' && /[a-z]/i.test(t.text);
}

/** Runs of consecutive word tokens (apostrophe tokens such as `’s` are skipped, not breaks). */
function runs(s: WinkSentence): WinkToken[][] {
  const out: WinkToken[][] = [];
  let cur: WinkToken[] = [];
  for (const t of s.tokens) {
    if (isWord(t)) cur.push(t);
    else if (/^['’]s?$/.test(t.text)) continue;
    else {
      if (cur.length) out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * The label of a cluster. `idf` weighs a stem (unknown stems weigh 0). Falls back to the first
 * words of the first member's text when no phrase of 3 or more words has 2 content words.
 */
export function clusterLabel(members: LabelMember[], idf: (stem: string) => number): string {
  const phrases = new Map<string, Phrase>();
  for (const m of members) {
    for (const s of m.sentences) {
      for (const run of runs(s)) {
        for (let i = 0; i < run.length; i += 1) {
          if (run[i]!.stop) continue;
          let weight = 0;
          let content = 0;
          for (let j = i; j < run.length && j - i < MAX_WORDS; j += 1) {
            const t = run[j]!;
            if (!t.stop) {
              weight += idf(t.stem);
              content += 1;
            }
            const n = j - i + 1;
            if (n < MIN_WORDS || t.stop || content < 2) continue;
            const slice = run.slice(i, j + 1);
            const key = slice.map((x) => (x.stop ? x.normal : x.stem)).join(' ');
            let p = phrases.get(key);
            if (!p) {
              p = { surface: slice.map((x) => x.text).join(' '), reports: new Set(), weight, words: n };
              phrases.set(key, p);
            }
            p.reports.add(m.reportId);
          }
        }
      }
    }
  }
  let best: Phrase | null = null;
  let bestScore = -Infinity;
  for (const p of phrases.values()) {
    // Shared by more reports first; then rare words, with a mild preference for shorter phrases.
    const score = p.reports.size * 1000 + p.weight / (1 + 0.25 * (p.words - MIN_WORDS));
    if (score > bestScore || (score === bestScore && best && p.surface < best.surface)) {
      best = p;
      bestScore = score;
    }
  }
  if (best) return tidy(best.surface);
  const words = members[0]?.sentences.flatMap((s) => s.tokens.filter(isWord).map((t) => t.text)) ?? [];
  return tidy(words.slice(0, MAX_WORDS).join(' '));
}

function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
