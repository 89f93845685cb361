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
/** Phrases are scored as if up to this long; each word beyond costs a little (labels stay short). */
const EASY_WORDS = 4;
/** Generic verbs that make a poor last word for a label ("police and children's services to ensure"). */
const WEAK_LAST = new Set(['ensure', 'ensuring', 'improve', 'improving', 'support', 'supporting', 'provide', 'providing', 'develop', 'including', 'use', 'make', 'need', 'needed', 'help']);

interface Phrase {
  surface: string;
  reports: Set<string>;
  /** Sum of the IDF of its content words. */
  weight: number;
  words: number;
}

function isWord(t: WinkToken): boolean {
  return t.type === 'word' && /^[\p{L}\d]/u.test(t.text) && /\p{L}/u.test(t.text);
}

/** One word of a run: the token, its surface with any glued suffix (`children’s`), and what joins it to the word before. */
interface RunWord {
  token: WinkToken;
  surface: string;
  join: string;
}

/**
 * Runs of words inside a sentence that a label may quote: words joined by spaces or by hyphens
 * without spaces (`MAPPA-eligible`). A possessive `’s` stays glued to its word and a bare `’`
 * (plural possessive or closing quote) is dropped; any other token (a number, a bracket, a full
 * stop) ends the run.
 */
function runs(s: WinkSentence): RunWord[][] {
  const out: RunWord[][] = [];
  let cur: RunWord[] = [];
  let join = '';
  const end = () => {
    if (cur.length) out.push(cur);
    cur = [];
    join = '';
  };
  for (const t of s.tokens) {
    if (isWord(t)) {
      cur.push({ token: t, surface: t.text, join: cur.length ? join + (t.pre ? ' ' : '') : '' });
      join = '';
    } else if (cur.length && !t.pre && /^['’]s$/i.test(t.text)) {
      cur[cur.length - 1]!.surface += t.text;
    } else if (cur.length && !t.pre && /^['’]$/.test(t.text)) {
      // A plural possessive or a closing quote: dropped, the run goes on.
    } else if (cur.length && !t.pre && !join && t.text === '-') {
      join = t.text;
    } else end();
  }
  end();
  return out;
}

/**
 * The label of a cluster. `idf` weighs a stem (unknown stems weigh 0); phrases with a word in
 * `exclude` (lower case: the units' names) are not candidates. Falls back to the first words of
 * the first member's text when no phrase of 3 or more words has 2 content words.
 */
export function clusterLabel(members: LabelMember[], idf: (stem: string) => number, exclude: Set<string> = new Set()): string {
  const nReports = new Set(members.map((m) => m.reportId)).size || 1;
  // In how many of the cluster's reports each content stem occurs.
  const stemReports = new Map<string, Set<string>>();
  for (const m of members)
    for (const s of m.sentences)
      for (const t of s.tokens)
        if (!t.stop && isWord(t)) {
          let set = stemReports.get(t.stem);
          if (!set) stemReports.set(t.stem, (set = new Set()));
          set.add(m.reportId);
        }
  // A content word's weight: its rarity in the whole collection times its spread in the cluster.
  const wordWeight = (stem: string) => idf(stem) * ((stemReports.get(stem)?.size ?? 0) / nReports);

  const phrases = new Map<string, Phrase>();
  for (const m of members) {
    for (const s of m.sentences) {
      for (const run of runs(s)) {
        for (let i = 0; i < run.length; i += 1) {
          if (run[i]!.token.stop || exclude.has(run[i]!.token.normal)) continue;
          let weight = 0;
          let content = 0;
          for (let j = i; j < run.length && j - i < MAX_WORDS; j += 1) {
            const t = run[j]!.token;
            if (exclude.has(t.normal)) break;
            if (!t.stop) {
              weight += wordWeight(t.stem);
              content += 1;
            }
            const n = j - i + 1;
            if (n < MIN_WORDS || t.stop || content < 2 || WEAK_LAST.has(t.normal)) continue;
            const slice = run.slice(i, j + 1);
            const key = slice.map((x) => (x.token.stop ? x.token.normal : x.token.stem)).join(' ');
            let p = phrases.get(key);
            if (!p) {
              p = { surface: slice.map((x, k) => (k ? x.join : '') + x.surface).join(''), reports: new Set(), weight, words: n };
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
    // Words shared across the cluster's reports and rare elsewhere, in a phrase that itself
    // recurs; a mild penalty per word beyond four keeps labels short.
    const score = ((p.reports.size / nReports) * p.weight) / (1 + 0.1 * Math.max(0, p.words - EASY_WORDS));
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
