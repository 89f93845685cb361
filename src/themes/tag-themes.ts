import type { Finding, ReportDocument } from '../schema/document.ts';
import type { FindingTheme, Taxonomy } from '../schema/theme.ts';
import { compileCues, DEFAULT_CUES, findLists, findPassingSpans, type Cue, type CueMatcher, type CueSet, type ListSpan, type PassingKind } from './context.ts';
import { parsePattern, PatternTrie } from './patterns.ts';
import { scratchTokens, tokenizeInto, type Tokens } from './tokens.ts';

/**
 * The theme tagger: which themes of a taxonomy a finding is about, with the words that say so.
 *
 * For every theme, the finding's words are matched (on inflectional stems) against the theme's `terms`
 * (strong: one hit is enough) and `weak` terms (half a hit each: two of them, or one beside a
 * strong hit, are needed). A hit does not count when
 *  - it lies inside one of the theme's `exclude` phrases (`business risk register`), or
 *  - it lies inside a list of examples, causes or knock-on effects ("such as ...", "due to ...",
 *    "compounded by ..."): rule 2 of THEMES.md, or
 *  - it is one item of a bare enumeration of four or more whose items are mostly not the theme's
 *    ("help with asylum, immigration, benefits and accommodation advice").
 * A finding in one of the taxonomy's `skipSections` (the methodology) has no theme.
 * A theme with `alwaysIn` sections is tagged on every finding of those sections; a theme with
 * `sections` is tagged only in those sections. Each tag keeps its evidence: the counted words as
 * written, with offsets into the report text.
 */

export type TermRole = 'strong' | 'weak' | 'exclude';

export interface TagOptions {
  /** Weight of a `weak` term hit (a theme needs a total of 1). Default 0.5. */
  weakWeight?: number;
  /** Which kinds of passing span discount a hit. Default: all three. */
  passingKinds?: PassingKind[];
  /** The cue phrases. Default `DEFAULT_CUES`. */
  cues?: CueSet;
  /** Weight of a hit inside a passing span (default 0: it does not count). */
  passingWeight?: number;
  /** Cause and effect cues discount a hit only when they introduce a list of two or more items (default true). */
  causesNeedList?: boolean;
  /** A theme that is only one item of a bare enumeration of three or more ("asylum, benefits and accommodation advice") is in passing (default true). */
  bareLists?: boolean;
  /** Weight of a hit that is one item of a bare enumeration (default 0). */
  listWeight?: number;
  /** Fewest items for a bare enumeration to discount a lone item (default 4: shorter lists are often the finding's own subject, "A, B and C were good"). */
  listMinItems?: number;
}

interface OutputInfo {
  theme: number;
  role: TermRole;
  term: string;
}

interface CompiledTheme {
  id: string;
  label: string;
  group: string;
  alwaysIn: string[];
  sections: string[];
}

export interface CompiledTaxonomy {
  taxonomy: Taxonomy;
  themes: CompiledTheme[];
  trie: PatternTrie;
  outputs: OutputInfo[];
  cues: CueMatcher;
  passingKinds: Set<PassingKind>;
  weakWeight: number;
  passingWeight: number;
  causesNeedList: boolean;
  bareLists: boolean;
  listWeight: number;
  listMinItems: number;
  /** `skipSections` of the taxonomy, normalised. */
  skipSections: string[];
  /** Section rules per (section, title), computed once. */
  sectionCache: Map<string, SectionRules>;
}

interface SectionRules {
  /** The section is one of the taxonomy's `skipSections`: no theme at all. */
  skip: boolean;
  /** Theme indexes tagged on every finding of the section (alwaysIn). */
  always: number[];
  /** Theme indexes that may not be tagged in the section (sections). */
  outOfScope: Set<number>;
}

/** Extra fields a taxonomy file may carry beyond the project schema (see load-taxonomy.ts). */
interface ThemeExtras {
  weak?: string[];
  alwaysIn?: string[];
}

const compiledCache = new WeakMap<Taxonomy, CompiledTaxonomy>();

/**
 * Build the matcher for a taxonomy (done once per taxonomy object and cached). Terms that do not
 * parse are skipped here; `loadTaxonomy` reports them.
 */
export function compileTaxonomy(taxonomy: Taxonomy, options: TagOptions = {}): CompiledTaxonomy {
  const useCache = Object.keys(options).length === 0;
  if (useCache) {
    const hit = compiledCache.get(taxonomy);
    if (hit) return hit;
  }
  const trie = new PatternTrie();
  const outputs: OutputInfo[] = [];
  const themes: CompiledTheme[] = [];
  taxonomy.themes.forEach((theme, ti) => {
    const extras = theme as typeof theme & ThemeExtras;
    themes.push({
      id: theme.id,
      label: theme.label,
      group: theme.group,
      alwaysIn: (extras.alwaysIn ?? []).map(normSection),
      sections: (theme.sections ?? []).map(normSection),
    });
    const add = (terms: string[] | undefined, role: TermRole) => {
      for (const term of terms ?? []) {
        const p = parsePattern(term);
        if (!p.ok) continue;
        const id = outputs.length;
        outputs.push({ theme: ti, role, term });
        for (const v of p.variants) trie.add(v, id);
      }
    };
    add(theme.terms, 'strong');
    add(extras.weak, 'weak');
    add(theme.exclude, 'exclude');
  });
  const compiled: CompiledTaxonomy = {
    taxonomy,
    themes,
    trie,
    outputs,
    cues: compileCues(options.cues ?? DEFAULT_CUES),
    passingKinds: new Set(options.passingKinds ?? ['example', 'cause', 'effect']),
    weakWeight: options.weakWeight ?? 0.5,
    passingWeight: options.passingWeight ?? 0,
    causesNeedList: options.causesNeedList ?? true,
    bareLists: options.bareLists ?? true,
    listWeight: options.listWeight ?? 0,
    listMinItems: options.listMinItems ?? 4,
    skipSections: ((taxonomy as Taxonomy & { skipSections?: string[] }).skipSections ?? []).map(normSection),
    sectionCache: new Map(),
  };
  if (useCache) compiledCache.set(taxonomy, compiled);
  return compiled;
}

function normSection(s: string): string {
  return ` ${s.toLowerCase().replace(/[^a-z0-9.]+/g, ' ').trim()} `;
}

function sectionRules(compiled: CompiledTaxonomy, section: string, title: string): SectionRules {
  const key = `${section}\u0000${title}`;
  let rules = compiled.sectionCache.get(key);
  if (rules === undefined) {
    const a = normSection(section);
    const b = normSection(title);
    const matches = (entries: string[]) => entries.some((e) => a.includes(e) || b.includes(e));
    rules = { skip: compiled.skipSections.length > 0 && matches(compiled.skipSections), always: [], outOfScope: new Set() };
    compiled.themes.forEach((th, i) => {
      if (th.alwaysIn.length && matches(th.alwaysIn)) rules!.always.push(i);
      if (th.sections.length && !matches(th.sections)) rules!.outOfScope.add(i);
    });
    if (compiled.sectionCache.size > 10_000) compiled.sectionCache.clear();
    compiled.sectionCache.set(key, rules);
  }
  return rules;
}

// ---------------------------------------------------------------------------------------------

const scratch = scratchTokens();

export interface Hit {
  role: TermRole;
  term: string;
  /** Offsets into the text. */
  start: number;
  end: number;
  /** Token range. */
  first: number;
  last: number;
  /** Why the hit does not count, if it does not. */
  discounted?: { reason: 'exclude'; by: string } | { reason: 'passing'; kind: PassingKind; cue: string } | { reason: 'inside'; by: string } | { reason: 'list'; items: number };
}

export interface ThemeDecision {
  theme: string;
  label: string;
  tagged: boolean;
  score: number;
  /** Every hit of the theme's terms, counted or not. */
  hits: Hit[];
  /** Set when the section decided: `always` (alwaysIn) or `out-of-scope` (sections). */
  section?: 'always' | 'out-of-scope';
}

/**
 * Decide every theme for one span of text. Returns only themes with at least one hit or a
 * section rule, in taxonomy order.
 */
export function decideThemes(
  compiled: CompiledTaxonomy,
  text: string,
  start = 0,
  end = text.length,
  section = '',
  sectionTitle = '',
): ThemeDecision[] {
  const rules = sectionRules(compiled, section, sectionTitle);
  if (rules.skip) return [];
  // The tokens do not outlive this call (hits keep offsets), so one set of arrays serves every call.
  const t = tokenizeInto(scratch, text, start, end);
  const byTheme = new Map<number, Hit[]>();
  const { outputs } = compiled;
  compiled.trie.matchAll(t, (id, first, last) => {
    const o = outputs[id]!;
    let list = byTheme.get(o.theme);
    if (!list) byTheme.set(o.theme, (list = []));
    list.push({ role: o.role, term: o.term, start: t.start[first]!, end: t.end[last]!, first, last });
  });
  let cues: Cue[] | null = null;
  let lists: ListSpan[] | null = null;
  const out: ThemeDecision[] = [];
  const themeIdx = [...byTheme.keys()];
  for (const i of rules.always) if (!byTheme.has(i)) themeIdx.push(i);
  stableSort(themeIdx, (a, b) => a - b);
  for (const ti of themeIdx) {
    const th = compiled.themes[ti]!;
    const hits = byTheme.get(ti) ?? [];
    if (hits.length && cues === null) {
      cues = findPassingSpans(t, compiled.cues, compiled.passingKinds);
      lists = compiled.bareLists ? findLists(t) : [];
    }
    const score = scoreHits(hits, cues ?? [], lists ?? [], compiled);
    const decision: ThemeDecision = { theme: th.id, label: th.label, tagged: score >= 1 - 1e-9, score, hits: hits.filter((h) => h.role !== 'exclude') };
    if (rules.always.includes(ti)) {
      decision.tagged = true;
      decision.section = 'always';
    }
    if (rules.outOfScope.has(ti)) {
      decision.tagged = false;
      decision.section = 'out-of-scope';
    }
    out.push(decision);
  }
  return out;
}

function scoreHits(hits: Hit[], cues: Cue[], lists: ListSpan[], compiled: CompiledTaxonomy): number {
  const { weakWeight, passingWeight, causesNeedList, listWeight, listMinItems } = compiled;
  const excludes = hits.filter((h) => h.role === 'exclude');
  const signals = hits.filter((h) => h.role !== 'exclude');
  // Longest first, so that a hit inside a longer hit of the same theme is dropped.
  stableSort(signals, (a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
  const kept: Hit[] = [];
  let score = 0;
  for (const h of signals) {
    const ex = excludes.find((e) => e.first <= h.last && h.first <= e.last);
    if (ex) {
      h.discounted = { reason: 'exclude', by: ex.term };
      continue;
    }
    const outer = kept.find((k) => k.first <= h.last && h.first <= k.last);
    if (outer) {
      h.discounted = { reason: 'inside', by: outer.term };
      continue;
    }
    kept.push(h);
  }
  for (const h of kept) {
    const weight = h.role === 'strong' ? 1 : weakWeight;
    const cue = cues.find((c) => h.first >= c.first && h.first <= c.last && (c.kind === 'example' || c.isList || !causesNeedList));
    if (cue) {
      h.discounted = { reason: 'passing', kind: cue.kind, cue: cue.phrase };
      score += weight * passingWeight;
      continue;
    }
    const list = lists.length ? loneItemList(h, kept, lists, listMinItems) : undefined;
    if (list) {
      h.discounted = { reason: 'list', items: list.items.length };
      score += weight * listWeight;
      continue;
    }
    score += weight;
  }
  stableSort(signals, (a, b) => a.start - b.start);
  hits.length = 0;
  hits.push(...signals, ...excludes);
  return score;
}

/**
 * The bare enumeration in which `h` is one item while the theme's other hits cover less than half
 * of the items ("support with asylum, immigration, benefits and accommodation advice": one item
 * of four is accommodation). A list whose items are mostly the theme's ("ethnicity, disability,
 * age and neurodivergence") is about the theme.
 */
function loneItemList(h: Hit, kept: Hit[], lists: ListSpan[], minItems: number): ListSpan | undefined {
  for (const l of lists) {
    if (h.first < l.first || h.last > l.last) continue;
    // "assess, plan, manage, and review risk of harm": single-word items share what follows the last one.
    const lastItem = l.items[l.items.length - 1]!;
    if (h.first > lastItem.first && l.items.every((it, k) => k === l.items.length - 1 || it.first === it.last)) continue;
    let covered = 0;
    for (const it of l.items) {
      if (kept.some((k) => k.first <= it.last && it.first <= k.last)) covered++;
    }
    if (l.items.length >= minItems && covered * 2 < l.items.length) return l;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

/** The words as written, on one line: a hyphen at a line end joins its word again ("co-\nlocation" reads "co-location"). */
function asWritten(text: string, start: number, end: number): string {
  // Most evidence is words with single spaces between them, and nothing to rewrite.
  let clean = !isSpaceCode(text.charCodeAt(start)) && !isSpaceCode(text.charCodeAt(end - 1));
  for (let i = start; clean && i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 ? isSpaceCode(text.charCodeAt(i + 1)) : isSpaceCode(c)) clean = false;
  }
  if (clean) return text.slice(start, end);
  return text
    .slice(start, end)
    .replace(/-[ \t]*\r?\n\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Is the code unit whitespace as `\s` and `trim` see it? */
function isSpaceCode(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    (c >= 0x1680 && (c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))
  );
}

/** `arr.sort(cmp)` (stable), by insertion for the short arrays the tagger sorts per finding. */
function stableSort<T>(arr: T[], cmp: (a: T, b: T) => number): void {
  const n = arr.length;
  if (n > 16) {
    arr.sort(cmp);
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = arr[i]!;
    let j = i - 1;
    while (j >= 0 && cmp(arr[j]!, x) > 0) {
      arr[j + 1] = arr[j]!;
      j--;
    }
    arr[j + 1] = x;
  }
}

/** `text` with the spans blanked (each character a space) inside [start, end); the same length, so offsets hold. */
function blank(text: string, start: number, end: number, spans: { start: number; end: number }[]): string {
  let out = text.slice(0, start);
  let at = start;
  for (const m of [...spans].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, m.start) + ' '.repeat(m.end - m.start);
    at = m.end;
  }
  return out + text.slice(at, end) + text.slice(end);
}

/** The themes of one finding, with evidence. */
export function tagFinding(finding: Finding, text: string, compiled: CompiledTaxonomy): FindingTheme[] {
  const out: FindingTheme[] = [];
  // What the finding's text leaves out (page furniture between its halves) is not read either: blanked, offsets kept.
  const skipped = finding.markerSpans.filter((m) => /[\n\f]/.test(text.slice(m.start, m.end)));
  const read = skipped.length ? blank(text, finding.start, finding.end, skipped) : text;
  for (const d of decideThemes(compiled, read, finding.start, finding.end, finding.section, finding.sectionTitle)) {
    if (!d.tagged) continue;
    const counted = d.hits.filter((h) => !h.discounted);
    const evidence = counted.map((h) => asWritten(text, h.start, h.end));
    const spans = counted.map((h) => ({ start: h.start, end: h.end }));
    if (evidence.length === 0) {
      // Tagged by its section alone: the evidence is the section, the span the whole finding.
      evidence.push(`section: ${finding.sectionTitle || finding.section}`);
      spans.push({ start: finding.start, end: finding.end });
    }
    out.push({ findingId: finding.id, theme: d.theme, evidence, spans });
  }
  return out;
}

/**
 * Tag every finding of a report. `text` is the report's canonical text (findings' offsets point
 * into it). Returns one record per (finding, theme), in finding order then taxonomy order;
 * `evidence[i]` is the text of `spans[i]`.
 */
export function tagThemes(doc: ReportDocument, text: string, taxonomy: Taxonomy): FindingTheme[] {
  const compiled = compileTaxonomy(taxonomy);
  const out: FindingTheme[] = [];
  for (const f of doc.findings) {
    const tags = tagFinding(f, text, compiled);
    for (const tag of tags) out.push(tag);
  }
  return out;
}

/** Theme ids per finding id (handy for the `themes` column). */
export function themesByFinding(tags: FindingTheme[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const t of tags) {
    let list = m.get(t.findingId);
    if (!list) m.set(t.findingId, (list = []));
    list.push(t.theme);
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// Explanation for `inspection-findings themes explain "<text>"`.

export interface ThemeExplanation {
  theme: string;
  label: string;
  tagged: boolean;
  /** Counted words as written. */
  evidence: string[];
  /** One sentence saying why the theme is or is not tagged. */
  why: string;
  /** Every hit with its role and, if it did not count, the reason. */
  hits: Array<{ text: string; start: number; end: number; role: TermRole; term: string; counted: boolean; note: string }>;
}

export interface ExplainOptions {
  /** Pretend the text sits in this section (a standard code or title), for section rules. */
  section?: string;
}

/** Which themes a sentence (or any short text) gets and why, including near misses. */
export function explainThemes(sentence: string, taxonomy: Taxonomy, options: ExplainOptions = {}): ThemeExplanation[] {
  const compiled = compileTaxonomy(taxonomy);
  const section = options.section ?? '';
  const decisions = decideThemes(compiled, sentence, 0, sentence.length, section, section);
  return decisions.map((d) => {
    const hits = d.hits.map((h) => ({
      text: asWritten(sentence, h.start, h.end),
      start: h.start,
      end: h.end,
      role: h.role,
      term: h.term,
      counted: !h.discounted,
      note: noteFor(h),
    }));
    const counted = hits.filter((h) => h.counted);
    return { theme: d.theme, label: d.label, tagged: d.tagged, evidence: counted.map((h) => h.text), why: whyFor(d, counted.length, compiled.weakWeight), hits };
  });
}

function noteFor(h: Hit): string {
  const role = h.role === 'strong' ? 'term' : 'weak term';
  if (!h.discounted) return `${role} "${h.term}"`;
  switch (h.discounted.reason) {
    case 'exclude':
      return `${role} "${h.term}", not counted: inside exclusion "${h.discounted.by}"`;
    case 'inside':
      return `${role} "${h.term}", not counted: part of "${h.discounted.by}"`;
    case 'passing': {
      const what = h.discounted.kind === 'example' ? 'a list of examples' : h.discounted.kind === 'cause' ? 'a list of causes' : 'a list of knock-on effects';
      return `${role} "${h.term}", not counted: one item in ${what} after "${h.discounted.cue}"`;
    }
    case 'list':
      return `${role} "${h.term}", not counted: one item of a list of ${h.discounted.items}`;
  }
}

function whyFor(d: ThemeDecision, counted: number, weakWeight: number): string {
  if (d.section === 'always') return `tagged: every finding in this section carries the theme${counted ? ` (and ${counted} hit${counted === 1 ? '' : 's'})` : ''}`;
  if (d.section === 'out-of-scope') return 'not tagged: the theme is limited to other sections';
  if (d.tagged) return `tagged: score ${fmt(d.score)} from ${counted} counted hit${counted === 1 ? '' : 's'} (a term counts 1, a weak term ${fmt(weakWeight)}; 1 is needed)`;
  if (counted === 0) return 'not tagged: every hit was discounted';
  return `not tagged: score ${fmt(d.score)} below 1 (weak terms need a second hit or a strong term)`;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, '');
}

/** Printable lines for the CLI: one block per theme, tagged themes first. */
export function formatExplanation(explanations: ThemeExplanation[]): string[] {
  const lines: string[] = [];
  const tagged = explanations.filter((e) => e.tagged);
  const missed = explanations.filter((e) => !e.tagged);
  if (tagged.length === 0) lines.push('No theme.');
  for (const e of [...tagged, ...missed]) {
    lines.push(`${e.tagged ? '+' : '-'} ${e.theme} (${e.label}): ${e.why}`);
    for (const h of e.hits) lines.push(`    ${h.counted ? '✓' : '✗'} "${h.text}" [${h.start}-${h.end}] ${h.note}`);
  }
  return lines;
}

/** Tag arbitrary text (no sections), e.g. for a benchmark: theme ids that apply. */
export function tagText(text: string, compiled: CompiledTaxonomy, section = '', sectionTitle = ''): string[] {
  return decideThemes(compiled, text, 0, text.length, section, sectionTitle)
    .filter((d) => d.tagged)
    .map((d) => d.theme);
}

export type { Tokens };

/** Printable lines for `inspection-findings themes`: every theme by group, with its id and label. */
export function formatTaxonomy(taxonomy: Taxonomy): string[] {
  const lines = [`${taxonomy.name} ${taxonomy.version}: ${taxonomy.themes.length} themes`];
  let group = '';
  for (const t of taxonomy.themes) {
    if (t.group !== group) {
      group = t.group;
      lines.push('', `${group}`);
    }
    const extras = t as typeof t & ThemeExtras;
    const n = t.terms.length + (extras.weak?.length ?? 0);
    const ex = t.exclude.length;
    lines.push(`  ${t.id.padEnd(26)} ${t.label} (${n} term${n === 1 ? '' : 's'}${ex ? `, ${ex} exclusion${ex === 1 ? '' : 's'}` : ''})`);
  }
  return lines;
}
