import { GAP_BREAKS_PHRASE, GAP_CLOSE, GAP_COMMA, GAP_DASH, GAP_OPEN, GAP_SEMI, GAP_SENTENCE, tokenize, type Tokens } from './tokens.ts';

/**
 * Rule 2 of THEMES.md as far as language cues allow: an area that is only one item in a list of
 * examples, causes or knock-on effects is mentioned in passing.
 *
 * A cue ("such as", "including", "due to", "compounded by", ...) opens a *passing span* that runs
 * to the end of its clause: a full stop, semicolon, colon, closing bracket or spaced dash, or the
 * first comma after the list's "and"/"or" ("such as A, B and C, leaders ..." ends before
 * "leaders"). Before the "and"/"or", a comma ends the span unless what follows looks like another
 * short item (not "..., was good"). A semicolon does not end the span when the sentence goes on
 * as a semicolon list ("X; Y; and Z"). Cues are matched on tokens, so "e.g." and "like" never
 * match inside a word ("likely").
 */

export type PassingKind = 'example' | 'cause' | 'effect';

export interface Cue {
  kind: PassingKind;
  /** The cue phrase, lower case, as listed. */
  phrase: string;
  /** Offsets of the cue in the text. */
  start: number;
  end: number;
  /** Token range [first, last] covered by the passing span (last < first when empty). */
  first: number;
  last: number;
  /** The span holds more than one item (an "and"/"or", a comma or a semicolon inside it). */
  isList: boolean;
}

export interface CueSet {
  example: string[];
  cause: string[];
  effect: string[];
}

/** The cue phrases the tagger uses (exported so that a benchmark or a test can list them). */
export const DEFAULT_CUES: CueSet = {
  example: ['such as', 'for example', 'for instance', 'e.g.', 'e.g', 'eg', 'including', 'like', 'namely', 'examples included', 'examples include'],
  cause: ['due to', 'owing to', 'compounded by', 'undermined by', 'marked by', 'as a result of', 'because of', 'attributed to', 'caused by', 'driven by', 'exacerbated by', 'in part due to', 'partly due to'],
  effect: ['impacting on', 'impacted on', 'impact on', 'affecting', 'resulting in', 'which meant', 'this meant'],
};

export interface CueMatcher {
  /** Cue phrases as lower-case word sequences, by first word. */
  byFirst: Map<string, Array<{ words: string[]; gaps: number[]; kind: PassingKind; phrase: string }>>;
}

/** Compile cue phrases into word sequences (matched on the finding's tokens, not with a regex). */
export function compileCues(cues: CueSet): CueMatcher {
  const byFirst: CueMatcher['byFirst'] = new Map();
  const seen = new Set<string>();
  for (const kind of ['example', 'cause', 'effect'] as const) {
    for (const c of cues[kind]) {
      const phrase = c.toLowerCase().trim();
      const t = tokenize(phrase);
      if (t.n === 0 || seen.has(t.lower.join(' '))) continue;
      seen.add(t.lower.join(' '));
      const entry = { words: t.lower.slice(), gaps: t.gap.map((g) => g & GAP_BREAKS_PHRASE), kind, phrase };
      let list = byFirst.get(entry.words[0]!);
      if (!list) byFirst.set(entry.words[0]!, (list = []));
      list.push(entry);
      list.sort((x, y) => y.words.length - x.words.length);
    }
  }
  return { byFirst };
}

const AND_OR = new Set(['and', 'or']);

/** Find the passing spans in the tokens of one finding. */
export function findPassingSpans(t: Tokens, cm: CueMatcher, kinds?: ReadonlySet<PassingKind>): Cue[] {
  const out: Cue[] = [];
  for (let i = 0; i < t.n; i++) {
    const candidates = cuesStartingAt(cm, t, i);
    if (candidates === undefined) continue;
    for (const c of candidates) {
      if (kinds && !kinds.has(c.kind)) continue;
      const n = c.words.length;
      if (i + n > t.n) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = t.lower[i + k] === c.words[k] && (t.gap[i + k]! & GAP_BREAKS_PHRASE) === c.gaps[k];
      if (!ok) continue;
      const first = i + n;
      const last = first < t.n ? spanEnd(t, first) : first - 1;
      let isList = false;
      for (let j = first; j <= last && !isList; j++) {
        if (AND_OR.has(t.lower[j]!) || (j > first && t.gap[j]! & (GAP_COMMA | GAP_SEMI))) isList = true;
      }
      out.push({ kind: c.kind, phrase: c.phrase, start: t.start[i]!, end: t.end[i + n - 1]!, first, last, isList });
      i += n - 1;
      break;
    }
  }
  return out;
}

type CueEntry = CueMatcher['byFirst'] extends Map<string, infer V> ? V : never;

/** The cues whose first word is token i (memoised on the word's shared info). */
function cuesStartingAt(cm: CueMatcher, t: Tokens, i: number): CueEntry | undefined {
  const lower = t.lower[i]!;
  const w = t.info === undefined ? undefined : t.info[i];
  if (w === undefined || w.lower !== lower) return cm.byFirst.get(lower);
  if (w.cueOwner !== cm.byFirst) {
    w.cueOwner = cm.byFirst;
    w.cueMemo = cm.byFirst.get(lower);
  }
  return w.cueMemo as CueEntry | undefined;
}

/** Last token of the passing span that starts at token `first`. */
function spanEnd(t: Tokens, first: number): number {
  let sawAndOr = false;
  let relative = false;
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
        if (!semicolonListAhead(t, j)) return j - 1;
      }
      if (g & GAP_COMMA && depth === 0) {
        // After the list's "and"/"or", the next comma closes the list. Before it, a comma goes
        // on only when what follows looks like another list item.
        // ", and the impact of ..." after an "and" inside an item ("the poor and unsafe
        // facilities, and ...") is still the list's last item.
        if (sawAndOr ? !AND_OR.has(t.lower[j]!) : !listItemAhead(t, j)) return j - 1;
      }
    }
    const w = t.lower[j]!;
    if (AND_OR.has(w)) sawAndOr = true;
    else if (RELATIVE.has(w)) relative = true;
    else if (j > first && !relative && depth === 0 && PREDICATE_START.has(w)) {
      // The list was the subject's modifier and the main verb follows ("delays due to vetting and
      // checks meant that ..."): the span ends before it, unless a relative clause opened it ("such as those who were ...").
      return j - 1;
    }
  }
  return t.n - 1;
}

const RELATIVE = new Set(['who', 'which', 'that', 'whose', 'whom', 'where', 'when', 'whether', 'if']);

/** Words that start a clause's predicate, not another list item ("..., was good"). */
const PREDICATE_START = new Set(['was', 'were', 'is', 'are', 'had', 'has', 'have', 'did', 'does', 'do', 'could', 'would', 'should', 'will', 'may', 'might', 'must', 'can', 'remained', 'meant', 'led']);

/** Is the comma-separated segment starting at token j short, or a short "and"/"or" tail? */
function listItemAhead(t: Tokens, j: number): boolean {
  if (PREDICATE_START.has(t.lower[j]!)) return false;
  let len = 0;
  let andOrAt = -1;
  for (let k = j; k < t.n; k++) {
    if (k > j && t.gap[k]! & (GAP_COMMA | GAP_SEMI | GAP_SENTENCE | GAP_DASH | GAP_OPEN | GAP_CLOSE)) break;
    if (andOrAt < 0 && AND_OR.has(t.lower[k]!)) andOrAt = len;
    len++;
  }
  return len <= 5 || (andOrAt >= 0 && andOrAt <= 8);
}

function semicolonListAhead(t: Tokens, j: number): boolean {
  // Look at the rest of the sentence for "; and" / "; or".
  for (let k = j; k < t.n; k++) {
    if (k > j && t.gap[k]! & GAP_SENTENCE) return false;
    if (t.gap[k]! & GAP_SEMI && AND_OR.has(t.lower[k]!)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Bare enumerations: rule 2 without a cue ("support with asylum, immigration, benefits and
// accommodation advice").

/** One enumeration of three or more coordinated items ("A, B and C", "A, B, and C", "A; B; and C"). */
export interface ListSpan {
  /** Token ranges [first, last] of the items, in order. The first and last items are approximate (their outer edge is a guess of a few words). */
  items: Array<{ first: number; last: number }>;
  /** Token range of the whole enumeration. */
  first: number;
  last: number;
}

/** Longest item (in words) that still reads as a list item rather than a clause. */
const MAX_ITEM_WORDS = 6;
/** Words taken as the first item (at the end of the lead-in segment) or the last (after "and"). */
const EDGE_ITEM_WORDS = 4;
/** Words that open a clause, not a list item ("..., which ...", "..., but ..."). */
const CLAUSE_START = new Set([
  ...PREDICATE_START,
  'which', 'who', 'whom', 'whose', 'where', 'when', 'while', 'whilst', 'although', 'though', 'but', 'however', 'because', 'as', 'if', 'unless', 'so',
  'this', 'these', 'that', 'they', 'it', 'there', 'we', 'he', 'she', 'and', 'or', 'with', 'without', 'to', 'by', 'for', 'in', 'on', 'at', 'from',
  'including', 'such', 'especially', 'particularly', 'notably', 'mainly', 'mostly',
  'both', 'either', 'neither',
  'however', 'overall', 'furthermore', 'moreover', 'additionally', 'also', 'therefore', 'consequently', 'similarly', 'instead', 'nevertheless',
]);

/** Words before which the first item of an enumeration starts ("support with | asylum, ..."). */
const ITEM_BOUNDARY = new Set([
  ...CLAUSE_START,
  'of', 'about', 'into', 'onto', 'than', 'such', 'including', 'included', 'include', 'includes', 'namely', 'between', 'across', 'among', 'amongst', 'around', 'through', 'under', 'within', 'like',
]);

/** Separators that end a list segment (a comma or a semicolon) and that end a sentence-level clause. */
const SEG_BREAK = GAP_COMMA | GAP_SEMI;
const HARD_BREAK = GAP_SENTENCE | GAP_DASH | GAP_OPEN | GAP_CLOSE;

/**
 * Find bare enumerations of three or more items in the tokens of one finding. An enumeration is
 * a lead-in segment whose last words are the first item, then short comma-separated items, then
 * an "and"/"or" item ("A, B and C" or "A, B, and C"). Items are short (at most six words) and do
 * not open a clause ("..., which was ..."), so that a sentence of several clauses is not read as a
 * list.
 */
export function findLists(t: Tokens): ListSpan[] {
  const out: ListSpan[] = [];
  // Segments: token runs between commas/semicolons; hard breaks (full stop, bracket, dash) end a run of segments.
  const segFirst: number[] = [];
  const segLast: number[] = [];
  const segHardBefore: boolean[] = [];
  let a = 0;
  for (let j = 1; j <= t.n; j++) {
    const g = j < t.n ? t.gap[j]! : GAP_SENTENCE;
    if (g & (SEG_BREAK | HARD_BREAK)) {
      segFirst.push(a);
      segLast.push(j - 1);
      segHardBefore.push(a === 0 || (t.gap[a]! & HARD_BREAK) !== 0);
      a = j;
    }
  }
  const nSeg = segFirst.length;
  let i = 0;
  while (i < nSeg - 1) {
    // Segment i is the lead-in; items follow while the next segment continues with a comma/semicolon.
    const items: Array<{ first: number; last: number }> = [];
    const leadLast = segLast[i]!;
    if (CLAUSE_START.has(t.lower[leadLast]!)) {
      i++;
      continue;
    }
    let leadFirst = leadLast;
    while (leadFirst > segFirst[i]! && leadLast - leadFirst + 1 < EDGE_ITEM_WORDS && !ITEM_BOUNDARY.has(t.lower[leadFirst - 1]!)) leadFirst--;
    items.push({ first: leadFirst, last: leadLast });
    let k = i + 1;
    let closed = false;
    while (k < nSeg && !segHardBefore[k]) {
      const f = segFirst[k]!;
      const l = segLast[k]!;
      const len = l - f + 1;
      const w = t.lower[f]!;
      if (AND_OR.has(w)) {
        // "..., and C": the last item.
        if (len >= 2 && !CLAUSE_START.has(t.lower[f + 1]!)) {
          items.push({ first: f + 1, last: Math.min(l, f + EDGE_ITEM_WORDS) });
          closed = true;
        }
        break;
      }
      if (CLAUSE_START.has(w)) break;
      // "B and C ...": the and/or within the first few words closes the list.
      let andAt = -1;
      for (let m = f + 1; m <= Math.min(l - 1, f + MAX_ITEM_WORDS); m++) {
        if (AND_OR.has(t.lower[m]!)) {
          andAt = m;
          break;
        }
      }
      if (andAt >= 0 && !CLAUSE_START.has(t.lower[andAt + 1]!)) {
        items.push({ first: f, last: andAt - 1 });
        items.push({ first: andAt + 1, last: Math.min(l, andAt + EDGE_ITEM_WORDS) });
        closed = true;
        break;
      }
      if (len > MAX_ITEM_WORDS || hasPredicate(t, f, l)) break;
      items.push({ first: f, last: l });
      k++;
    }
    if (closed && items.length >= 3) {
      out.push({ items, first: items[0]!.first, last: items[items.length - 1]!.last });
      i = k;
    } else {
      i++;
    }
  }
  return out;
}

function hasPredicate(t: Tokens, f: number, l: number): boolean {
  for (let m = f; m <= l; m++) if (PREDICATE_START.has(t.lower[m]!)) return true;
  return false;
}
