import { lightStem as stem } from '../nlp/stem.ts';
import { GAP_BREAKS_PHRASE, tokenize, type Tokens } from './tokens.ts';

/**
 * Term patterns: how a taxonomy term is written and matched.
 *
 * - Words are matched on their Porter stems, so `workload` finds "workloads" and `engage` finds
 *   "engaging", "engaged", "engagement".
 * - A phrase matches its words in order; between them the text may have spaces, line breaks or
 *   hyphens (`co-location` finds "co-location", "co location", "co-\nlocation") but not a comma
 *   or a full stop. A hyphenated term also matches the closed-up word ("colocation").
 * - A word written in capitals (`CRS`, `SFO`, `IT`) matches only that word in capitals (a plural
 *   `SFOs` counts); lower-case words match whatever the case.
 * - A word ending in `*` matches any word starting with those letters (`neurodiver*`).
 * - `...` between two words allows up to three other words between them (`use ... information`).
 */

export const MAX_GAP_WORDS = 3;

export type PatternStep =
  | { kind: 'word'; key: string }
  | { kind: 'caps'; key: string }
  | { kind: 'prefix'; key: string }
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
  const closedUp: string[] = [];
  for (const w of words) {
    if (w.endsWith('*')) {
      const prefix = w.slice(0, -1).toLowerCase();
      if (!/^[a-z0-9\u00c0-\u024f]{3,}$/.test(prefix)) return { ok: false, reason: `has a prefix "${w}" that is not three or more letters` };
      steps.push({ kind: 'prefix', key: prefix });
      closedUp.push('');
      continue;
    }
    const toks = tokenize(w);
    if (toks.n === 0) return { ok: false, reason: `has no words in "${w}"` };
    if (toks.n > 1) hyphenated = true;
    for (let i = 0; i < toks.n; i++) {
      const surface = w.slice(toks.start[i]!, toks.end[i]!);
      steps.push(stepFor(surface, toks, i));
    }
    closedUp.push(toks.n > 1 ? toks.lower.join('') : '');
  }
  const variants = [steps];
  // "co-location" also matches "colocation": close up each hyphenated word.
  if (hyphenated) {
    const alt: PatternStep[] = [];
    let wi = 0;
    for (const w of words) {
      const joined = closedUp[wi++];
      if (joined) alt.push({ kind: 'word', key: stem(joined) });
      else if (w.endsWith('*')) alt.push({ kind: 'prefix', key: w.slice(0, -1).toLowerCase() });
      else {
        const toks = tokenize(w);
        alt.push(stepFor(w.slice(toks.start[0]!, toks.end[0]!), toks, 0));
      }
    }
    variants.push(alt);
  }
  return { ok: true, variants };
}

function stepFor(surface: string, toks: Tokens, i: number): PatternStep {
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
  return steps.map((s) => (s.kind === 'gap' ? '...' : s.kind === 'prefix' ? `${s.key}*` : s.key)).join(' ');
}

// ---------------------------------------------------------------------------------------------
// The matcher: every pattern of a taxonomy in one trie.

export interface PatternOutput {
  /** Caller-defined payload (theme index, term index, role). */
  id: number;
}

interface TrieNode {
  next: Map<string, TrieNode> | null;
  prefix: Array<[string, TrieNode]> | null;
  gap: TrieNode | null;
  out: number[] | null;
}

function newNode(): TrieNode {
  return { next: null, prefix: null, gap: null, out: null };
}

const CAPS_KEY = '\u0001';

export class PatternTrie {
  private readonly root = newNode();
  /** Number of step sequences added. */
  size = 0;

  add(steps: PatternStep[], id: number): void {
    let node = this.root;
    for (const s of steps) {
      if (s.kind === 'gap') {
        node.gap ??= newNode();
        node = node.gap;
      } else if (s.kind === 'prefix') {
        node.prefix ??= [];
        let found = node.prefix.find(([p]) => p === s.key);
        if (!found) {
          found = [s.key, newNode()];
          node.prefix.push(found);
        }
        node = found[1];
      } else {
        const key = s.kind === 'caps' ? CAPS_KEY + s.key : s.key;
        node.next ??= new Map();
        let child = node.next.get(key);
        if (!child) {
          child = newNode();
          node.next.set(key, child);
        }
        node = child;
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
    for (let i = 0; i < t.n; i++) this.edges(root, t, i, i, emit);
  }

  /** Follow the edges of `node` that accept token j (the first token of the match is `first`). */
  private edges(node: TrieNode, t: Tokens, j: number, first: number, emit: (id: number, first: number, last: number) => void): void {
    if (j >= t.n) return;
    if (j > first && (t.gap[j]! & GAP_BREAKS_PHRASE) !== 0) return;
    if (node.next !== null) {
      const c = node.next.get(t.stem[j]!);
      if (c !== undefined) this.arrive(c, t, j, first, emit);
      const caps = t.caps[j]!;
      if (caps !== '') {
        const cc = node.next.get(CAPS_KEY + caps);
        if (cc !== undefined) this.arrive(cc, t, j, first, emit);
      }
    }
    if (node.prefix !== null) {
      const lower = t.lower[j]!;
      for (const [p, c] of node.prefix) if (lower.startsWith(p)) this.arrive(c, t, j, first, emit);
    }
  }

  private arrive(node: TrieNode, t: Tokens, j: number, first: number, emit: (id: number, first: number, last: number) => void): void {
    if (node.out !== null) for (const id of node.out) emit(id, first, j);
    if (node.next !== null || node.prefix !== null) this.edges(node, t, j + 1, first, emit);
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
