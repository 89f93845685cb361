import { lightStem as stem } from '../nlp/stem.ts';
import { GAP_BREAKS_PHRASE, GAP_CLOSE, GAP_COMMA, GAP_OPEN, GAP_SEMI, GAP_SENTENCE, tokenize, type Tokens } from './tokens.ts';

/**
 * Term patterns: how a taxonomy term is written and matched.
 *
 * - Words are matched on their inflectional stems (`lightStem`: Porter steps 1a-1c and 5a), so
 *   `workload` finds "workloads" and `engage` finds "engaging" and "engaged" (not "engagement").
 * - A phrase matches its words in order; between them the text may have spaces, line breaks or
 *   hyphens (`co-location` finds "co-location", "co location", "co-\nlocation") but not a comma
 *   or a full stop. A hyphenated term also matches the closed-up word ("colocation").
 * - A word written in capitals (`CRS`, `SFO`, `IT`) matches only that word in capitals (a plural
 *   `SFOs` counts); lower-case words match whatever the case.
 * - A word ending in `*` matches any word starting with those letters (`neurodiver*`).
 * - A word starting with `=` matches only that word as written, in any case, without stemming
 *   (`=buildings` finds "buildings" but not "building" or "build").
 * - `...` between two words allows up to three other words between them (`use ... information`).
 * - Punctuation written inside a term must be in the text too (`finance, benefit, and debt`);
 *   otherwise a phrase never runs across a comma, full stop, bracket or colon.
 */

export const MAX_GAP_WORDS = 3;

/** `punct` is the clause punctuation (GAP_* flags) the text must have before this word. */
export type PatternStep =
  | { kind: 'word'; key: string; punct?: number }
  | { kind: 'caps'; key: string; punct?: number }
  | { kind: 'exact'; key: string; punct?: number }
  | { kind: 'prefix'; key: string; punct?: number }
  | { kind: 'gap' };

export type ParsedPattern = { ok: true; variants: PatternStep[][] } | { ok: false; reason: string };

const GAP_RE = /\s*(?:\.\.\.|\u2026)\s*/g;

/** Parse one term into one or more step sequences (a hyphenated term has a closed-up variant). */
export function parsePattern(term: string): ParsedPattern {
  const trimmed = term.trim();
  if (!trimmed) return { ok: false, reason: 'is empty' };
  const parts = trimmed.split(GAP_RE);
  if (parts[0] === '' || parts[parts.length - 1] === '') return { ok: false, reason: `"${term}" starts or ends with "..."` };
  if (parts.some((p) => p === '')) return { ok: false, reason: `"${term}" has "..." twice in a row` };
  const pieces: PatternStep[][][] = []; // per part: its variants
  for (const part of parts) {
    const variants = partVariants(part);
    if (!variants.ok) return { ok: false, reason: `"${term}" ${variants.reason}` };
    pieces.push(variants.variants);
  }
  // Cartesian product of the part variants, joined by gap steps.
  let out: PatternStep[][] = [[]];
  pieces.forEach((variants, i) => {
    const next: PatternStep[][] = [];
    for (const prefix of out) for (const v of variants) next.push(i === 0 ? [...v] : [...prefix, { kind: 'gap' }, ...v]);
    out = next;
  });
  return { ok: true, variants: dedupeVariants(out) };
}

function partVariants(part: string): { ok: true; variants: PatternStep[][] } | { ok: false; reason: string } {
  const words = part.split(/\s+/).filter(Boolean);
  const steps: PatternStep[] = [];
  let hyphenated = false;
  const closedUp: PatternStep[] = [];
  let pendingPunct = 0;
  for (const raw of words) {
    // Punctuation glued to the word ("benefit," or "(CRS)") belongs to the gap around it.
    const lead = raw.match(/^[,;:.()]+/)?.[0] ?? '';
    const rest = raw.slice(lead.length);
    const trail = rest.match(/[,;:.()]+$/)?.[0] ?? '';
    const w = rest.slice(0, rest.length - trail.length);
    pendingPunct |= punctFlags(lead);
    if (!w) {
      pendingPunct |= punctFlags(trail);
      continue;
    }
    const punct = steps.length ? pendingPunct : 0;
    pendingPunct = punctFlags(trail);
    if (w.endsWith('*')) {
      const prefix = w.slice(0, -1).toLowerCase();
      if (!/^[a-z0-9\u00c0-\u024f]{3,}$/.test(prefix)) return { ok: false, reason: `has a prefix "${w}" that is not three or more letters` };
      if (punct) return { ok: false, reason: `has punctuation before the prefix word "${w}"` };
      const step: PatternStep = { kind: 'prefix', key: prefix };
      steps.push(step);
      closedUp.push(step);
      continue;
    }
    if (w.startsWith('=')) {
      const word = w.slice(1).toLowerCase();
      if (!/^[a-z0-9\u00c0-\u024f]+$/.test(word)) return { ok: false, reason: `has an exact word "${w}" that is not a single word` };
      const step: PatternStep = punct ? { kind: 'exact', key: word, punct } : { kind: 'exact', key: word };
      steps.push(step);
      closedUp.push(step);
      continue;
    }
    const toks = tokenize(w);
    if (toks.n === 0) return { ok: false, reason: `has no words in "${w}"` };
    for (let i = 0; i < toks.n; i++) {
      const step = stepFor(w.slice(toks.start[i]!, toks.end[i]!), toks, i);
      const p = i === 0 ? punct : toks.gap[i]! & GAP_BREAKS_PHRASE;
      if (p) step.punct = p;
      steps.push(step);
    }
    if (toks.n > 1) {
      hyphenated = true;
      const joined: PatternStep = { kind: 'word', key: stem(toks.lower.join('')) };
      if (punct) joined.punct = punct;
      closedUp.push(joined);
    } else closedUp.push({ ...steps[steps.length - 1]! } as PatternStep);
  }
  if (steps.length === 0) return { ok: false, reason: 'has no words' };
  const variants = [steps];
  // "co-location" also matches "colocation": close up each hyphenated word.
  if (hyphenated) variants.push(closedUp);
  return { ok: true, variants };
}

function punctFlags(s: string): number {
  let f = 0;
  for (const c of s) {
    if (c === ',') f |= GAP_COMMA;
    else if (c === ';' || c === ':') f |= GAP_SEMI;
    else if (c === '.') f |= GAP_SENTENCE;
    else if (c === '(') f |= GAP_OPEN;
    else if (c === ')') f |= GAP_CLOSE;
  }
  return f;
}

function stepFor(surface: string, toks: Tokens, i: number): Exclude<PatternStep, { kind: 'gap' }> {
  if (toks.caps[i] && surface === surface.toUpperCase() && /[A-Z]/.test(surface)) return { kind: 'caps', key: toks.caps[i]! };
  return { kind: 'word', key: toks.stem[i]! };
}

function dedupeVariants(vs: PatternStep[][]): PatternStep[][] {
  const seen = new Set<string>();
  return vs.filter((v) => {
    const k = JSON.stringify(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Human-readable key of a step sequence, for messages. */
export function stepsToString(steps: PatternStep[]): string {
  return steps
    .map((s) => {
      if (s.kind === 'gap') return '...';
      const p = s.punct ? `{${s.punct}}` : '';
      return p + (s.kind === 'prefix' ? `${s.key}*` : s.kind === 'exact' ? `=${s.key}` : s.key);
    })
    .join(' ');
}

// ---------------------------------------------------------------------------------------------
// The matcher: every pattern of a taxonomy in one trie.

const PUNCT_SEP = '\u0003';

interface TrieNode {
  /** Edges keyed by stem (lower-case words). */
  next: Map<string, TrieNode> | null;
  /** Edges keyed by a word in capitals (acronyms). */
  caps: Map<string, TrieNode> | null;
  /** Edges keyed by an exact lower-case word (`=word`). */
  exact: Map<string, TrieNode> | null;
  /** Edges whose word must follow given punctuation: key `kind:key` + PUNCT_SEP + flags. */
  punct: Map<string, TrieNode> | null;
  prefix: Array<[string, TrieNode]> | null;
  gap: TrieNode | null;
  out: number[] | null;
}

function newNode(): TrieNode {
  return { next: null, caps: null, exact: null, punct: null, prefix: null, gap: null, out: null };
}

function child(map: Map<string, TrieNode>, key: string): TrieNode {
  let c = map.get(key);
  if (!c) {
    c = newNode();
    map.set(key, c);
  }
  return c;
}

export class PatternTrie {
  private readonly root = newNode();
  /** Number of step sequences added. */
  size = 0;

  /** Identity of the words' memos (see matchAll); replaced whenever a pattern is added. */
  private memoKey: object = {};

  add(steps: PatternStep[], id: number): void {
    this.memoKey = {};
    let node = this.root;
    for (const s of steps) {
      if (s.kind === 'gap') {
        node.gap ??= newNode();
        node = node.gap;
      } else if (s.kind === 'prefix') {
        if (s.punct) throw new Error(`punctuation before a prefix word is not supported (${s.key}*)`);
        node.prefix ??= [];
        let found = node.prefix.find(([p]) => p === s.key);
        if (!found) {
          found = [s.key, newNode()];
          node.prefix.push(found);
        }
        node = found[1];
      } else if (s.punct) {
        node.punct ??= new Map();
        node = child(node.punct, `${s.kind}:${s.key}${PUNCT_SEP}${s.punct}`);
      } else if (s.kind === 'caps') {
        node = child((node.caps ??= new Map()), s.key);
      } else if (s.kind === 'exact') {
        node = child((node.exact ??= new Map()), s.key);
      } else {
        node = child((node.next ??= new Map()), s.key);
      }
    }
    (node.out ??= []).push(id);
    this.size++;
  }

  /**
   * Every match in the tokens, as (id, first token, last token). Matches may overlap; a phrase
   * never runs across a comma, full stop or other clause punctuation.
   */
  matchAll(t: Tokens, emit: (id: number, first: number, last: number) => void): void {
    const root = this.root;
    const info = t.info;
    // At the root no punctuation is crossed, so the edges a token takes depend on its word
    // alone: work them out once per distinct word and keep them on the word's shared info.
    for (let i = 0; i < t.n; i++) {
      const w = info === undefined ? undefined : info[i];
      if (w === undefined) {
        this.edges(root, t, i, i, emit);
        continue;
      }
      let arrivals: TrieNode[];
      if (w.memoOwner === this.memoKey) arrivals = w.memo as TrieNode[];
      else {
        arrivals = this.rootArrivals(w.stem, w.caps, w.lower);
        w.memoOwner = this.memoKey;
        w.memo = arrivals;
      }
      for (let k = 0; k < arrivals.length; k++) this.arrive(arrivals[k]!, t, i, i, emit);
    }
  }

  /** The nodes the root's edges lead to for one word, in the order `edges` follows them. */
  private rootArrivals(stemKey: string, capsKey: string, lower: string): TrieNode[] {
    const node = this.root;
    const out: TrieNode[] = [];
    if (node.next !== null) {
      const c = node.next.get(stemKey);
      if (c !== undefined) out.push(c);
    }
    if (node.caps !== null && capsKey !== '') {
      const c = node.caps.get(capsKey);
      if (c !== undefined) out.push(c);
    }
    if (node.exact !== null) {
      const c = node.exact.get(lower);
      if (c !== undefined) out.push(c);
    }
    if (node.prefix !== null) {
      for (const [p, c] of node.prefix) if (lower.startsWith(p)) out.push(c);
    }
    return out;
  }

  /** Follow the edges of `node` that accept token j (the first token of the match is `first`). */
  private edges(node: TrieNode, t: Tokens, j: number, first: number, emit: (id: number, first: number, last: number) => void): void {
    if (j >= t.n) return;
    const brk = j > first ? t.gap[j]! & GAP_BREAKS_PHRASE : 0;
    if (brk !== 0) {
      // Only edges that ask for this punctuation may cross it.
      if (node.punct === null) return;
      const sfx = PUNCT_SEP + brk;
      const a = node.punct.get(`word:${t.stem[j]!}${sfx}`);
      if (a !== undefined) this.arrive(a, t, j, first, emit);
      if (t.caps[j] !== '') {
        const b = node.punct.get(`caps:${t.caps[j]!}${sfx}`);
        if (b !== undefined) this.arrive(b, t, j, first, emit);
      }
      const c = node.punct.get(`exact:${t.lower[j]!}${sfx}`);
      if (c !== undefined) this.arrive(c, t, j, first, emit);
      return;
    }
    if (node.next !== null) {
      const c = node.next.get(t.stem[j]!);
      if (c !== undefined) this.arrive(c, t, j, first, emit);
    }
    if (node.caps !== null && t.caps[j] !== '') {
      const c = node.caps.get(t.caps[j]!);
      if (c !== undefined) this.arrive(c, t, j, first, emit);
    }
    if (node.exact !== null) {
      const c = node.exact.get(t.lower[j]!);
      if (c !== undefined) this.arrive(c, t, j, first, emit);
    }
    if (node.prefix !== null) {
      const lower = t.lower[j]!;
      for (const [p, c] of node.prefix) if (lower.startsWith(p)) this.arrive(c, t, j, first, emit);
    }
  }

  private arrive(node: TrieNode, t: Tokens, j: number, first: number, emit: (id: number, first: number, last: number) => void): void {
    if (node.out !== null) for (const id of node.out) emit(id, first, j);
    if (node.next !== null || node.caps !== null || node.exact !== null || node.punct !== null || node.prefix !== null) this.edges(node, t, j + 1, first, emit);
    if (node.gap !== null) {
      // Skip 0..MAX_GAP_WORDS tokens (none of them across a clause break), then go on.
      for (let k = 0; k <= MAX_GAP_WORDS; k++) {
        const at = j + 1 + k;
        if (at >= t.n) break;
        if (k > 0 && (t.gap[at - 1]! & GAP_BREAKS_PHRASE) !== 0) break;
        this.edges(node.gap, t, at, first, emit);
      }
    }
  }
}
