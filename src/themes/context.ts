import { GAP_CLOSE, GAP_COMMA, GAP_DASH, GAP_OPEN, GAP_SEMI, GAP_SENTENCE, type Tokens } from './tokens.ts';

/**
 * Rule 2 of THEMES.md as far as language cues allow: an area that is only one item in a list of
 * examples, causes or knock-on effects is mentioned in passing.
 *
 * A cue ("such as", "including", "due to", "compounded by", ...) opens a *passing span* that runs
 * to the end of its clause: a full stop, semicolon, colon, closing bracket or spaced dash, or the
 * first comma after the list's "and"/"or" ("such as A, B and C, leaders ..." ends before
 * "leaders"). A cause cue without a list ends at its first comma. A semicolon does not end the
 * span when the sentence goes on as a semicolon list ("; and ...").
 */

export type PassingKind = 'example' | 'cause' | 'effect';

export interface Cue {
  kind: PassingKind;
  /** The cue phrase, lower case, as the regex found it. */
  phrase: string;
  /** Offsets of the cue in the text. */
  start: number;
  end: number;
  /** Token range [first, last] covered by the passing span (last < first when empty). */
  first: number;
  last: number;
}

export interface CueSet {
  example: string[];
  cause: string[];
  effect: string[];
}

/** The cue phrases the tagger uses (exported so that a benchmark or a test can list them). */
export const DEFAULT_CUES: CueSet = {
  example: ['such as', 'for example', 'for instance', 'e.g.', 'e.g', 'eg', 'including', 'included', 'includes', 'include', 'like', 'namely'],
  cause: ['due to', 'owing to', 'compounded by', 'as a result of', 'because of', 'attributed to', 'caused by', 'driven by', 'exacerbated by', 'underpinned by', 'in part due to', 'partly due to'],
  effect: ['impacting on', 'impacted on', 'impact on', 'affecting', 'leading to', 'resulting in', 'which meant', 'this meant'],
};

export interface CueMatcher {
  re: RegExp;
  kinds: Map<string, PassingKind>;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileCues(cues: CueSet): CueMatcher {
  const kinds = new Map<string, PassingKind>();
  const all: string[] = [];
  for (const kind of ['example', 'cause', 'effect'] as const) {
    for (const c of cues[kind]) {
      const key = c.toLowerCase();
      if (!kinds.has(key)) {
        kinds.set(key, kind);
        all.push(key);
      }
    }
  }
  all.sort((a, b) => b.length - a.length);
  const alts = all.map((c) => escapeRe(c).replace(/ /g, '\\s+'));
  // Word boundaries on both sides; "e.g." ends with a dot, so the right boundary is a lookahead.
  const re = new RegExp(`(?<![A-Za-z0-9])(?:${alts.join('|')})(?![A-Za-z0-9])`, 'gi');
  return { re, kinds };
}

const AND_OR = new Set(['and', 'or']);

/**
 * Find the passing spans of one finding. `t` are the finding's tokens, `text` the full text and
 * [from, to) the finding's range.
 */
export function findPassingSpans(text: string, from: number, to: number, t: Tokens, cm: CueMatcher, kinds?: ReadonlySet<PassingKind>): Cue[] {
  const out: Cue[] = [];
  if (t.n === 0) return out;
  const re = new RegExp(cm.re.source, 'gi');
  const slice = text.slice(from, to);
  let m: RegExpExecArray | null;
  let tok = 0;
  while ((m = re.exec(slice)) !== null) {
    const phrase = m[0].toLowerCase().replace(/\s+/g, ' ');
    const kind = cm.kinds.get(phrase);
    if (!kind || (kinds && !kinds.has(kind))) continue;
    const cueStart = from + m.index;
    const cueEnd = cueStart + m[0].length;
    while (tok < t.n && t.start[tok]! < cueEnd) tok++;
    const first = tok;
    const last = spanEnd(t, first, kind, text, to);
    out.push({ kind, phrase, start: cueStart, end: cueEnd, first, last });
  }
  return out;
}

/** Last token of the passing span that starts at token `first`. */
function spanEnd(t: Tokens, first: number, kind: PassingKind, text: string, to: number): number {
  let sawAndOr = false;
  let depth = 0;
  for (let j = first; j < t.n; j++) {
    const g = j === first ? 0 : t.gap[j]!;
    if (g !== 0) {
      if (g & GAP_OPEN) depth++;
      if (g & GAP_CLOSE) {
        if (depth === 0) return j - 1;
        depth--;
      }
      if (g & (GAP_SENTENCE | GAP_DASH)) return j - 1;
      if (g & GAP_SEMI) {
        // A semicolon list ("X; Y; and Z") goes on; any other semicolon or colon ends the clause.
        if (!semicolonListAhead(t, j, text, to)) return j - 1;
      }
      if (g & GAP_COMMA && depth === 0) {
        if (sawAndOr) return j - 1;
        if (kind !== 'example') return j - 1;
      }
    }
    if (AND_OR.has(t.lower[j]!)) sawAndOr = true;
  }
  return t.n - 1;
}

function semicolonListAhead(t: Tokens, j: number, text: string, to: number): boolean {
  // Look at the rest of the sentence for "; and" / "; or".
  for (let k = j; k < t.n; k++) {
    if (k > j && t.gap[k]! & GAP_SENTENCE) return false;
    if (t.gap[k]! & GAP_SEMI && AND_OR.has(t.lower[k]!)) return true;
  }
  void text;
  void to;
  return false;
}
