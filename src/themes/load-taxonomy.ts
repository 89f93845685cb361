import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Taxonomy, Theme } from '../schema/theme.ts';
import { parsePattern, stepsToString, type PatternStep } from './patterns.ts';

/**
 * Loading and validating a theme taxonomy.
 *
 * The shipped taxonomy is `default-taxonomy.json` beside this file. A researcher may pass either a
 * complete taxonomy of the same shape, or a file that extends another one:
 *
 * ```json
 * {
 *   "extends": "default",
 *   "name": "my-themes", "version": "1",
 *   "remove": ["welsh_language"],
 *   "themes": [
 *     { "id": "workload", "addTerms": ["caseload weighting"] },
 *     { "id": "victims", "exclude": ["victim awareness course"] },
 *     { "id": "veterans", "group": "People on probation", "label": "Veterans", "about": "...",
 *       "terms": ["veteran", "armed forces"] }
 *   ]
 * }
 * ```
 *
 * `extends` is `"default"` or the path of another taxonomy file (relative to this one). In
 * `themes`, an entry whose id exists in the base changes only the fields it gives (`terms`,
 * `weak`, `exclude`, `sections`, `alwaysIn`, `label`, ...; `addTerms`, `addWeak` and `addExclude`
 * append instead of replacing); an entry with a new id adds a theme and must be complete.
 * `remove` drops themes by id. See README.md in this folder for every field.
 *
 * Every problem is collected and thrown at once in one `TaxonomyError` whose lines point at the
 * bad entry (`themes[3] (workload).terms[1]: ...`).
 */

/**
 * One theme as this tagger reads it: the project schema's `Theme` plus two optional fields.
 * `weak` terms count half (two of them, or one beside a `terms` hit, tag the theme); `alwaysIn`
 * names sections (standard codes or titles) whose every finding carries the theme.
 */
export const ThemeSpec = Theme.extend({
  weak: z.array(z.string().min(1)).default([]),
  alwaysIn: z.array(z.string().min(1)).default([]),
}).strict();
export type ThemeSpec = z.infer<typeof ThemeSpec>;

export const TaxonomySpec = Taxonomy.extend({
  themes: z.array(ThemeSpec).min(1),
  /**
   * Sections (standard codes or titles) whose findings carry no theme at all: text about how the
   * inspection was done ("Methodology"), not findings about an area. Optional; the default
   * taxonomy skips `methodology`.
   */
  skipSections: z.array(z.string().min(1)).optional(),
  /** Free text for the people who edit the file; ignored by the tagger. */
  description: z.string().optional(),
  $schema: z.string().optional(),
}).strict();
export type TaxonomySpec = z.infer<typeof TaxonomySpec>;

const ThemePatch = z
  .object({
    id: z.string().min(1),
    group: z.string().min(1).optional(),
    label: z.string().min(1).optional(),
    about: z.string().optional(),
    terms: z.array(z.string().min(1)).min(1).optional(),
    weak: z.array(z.string().min(1)).optional(),
    exclude: z.array(z.string().min(1)).optional(),
    sections: z.array(z.string()).optional(),
    alwaysIn: z.array(z.string().min(1)).optional(),
    addTerms: z.array(z.string().min(1)).optional(),
    addWeak: z.array(z.string().min(1)).optional(),
    addExclude: z.array(z.string().min(1)).optional(),
  })
  .strict();
type ThemePatch = z.infer<typeof ThemePatch>;

const Extension = z
  .object({
    extends: z.string().min(1),
    name: z.string().optional(),
    version: z.string().optional(),
    description: z.string().optional(),
    $schema: z.string().optional(),
    remove: z.array(z.string()).default([]),
    /** Replaces the base's `skipSections` when given. */
    skipSections: z.array(z.string().min(1)).optional(),
    themes: z.array(z.unknown()).default([]),
  })
  .strict();

export const DEFAULT_TAXONOMY_PATH = join(dirname(fileURLToPath(import.meta.url)), 'default-taxonomy.json');

/** All the problems found in one taxonomy file, thrown together. */
export class TaxonomyError extends Error {
  readonly problems: string[];
  readonly source: string;
  constructor(source: string, problems: string[]) {
    const n = problems.length;
    super(`Invalid theme taxonomy ${source}: ${n} problem${n === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TaxonomyError';
    this.problems = problems;
    this.source = source;
  }
}

let defaultCache: TaxonomySpec | null = null;

/**
 * Load, validate and return a taxonomy: the shipped default when no path is given, else the file
 * (a complete taxonomy or one that `extends` another). Throws `TaxonomyError` listing every problem.
 */
export function loadTaxonomy(path?: string): TaxonomySpec {
  if (path === undefined) {
    defaultCache ??= loadFile(DEFAULT_TAXONOMY_PATH, []);
    return structuredClone(defaultCache);
  }
  return loadFile(resolve(path), []);
}

function loadFile(path: string, chain: string[]): TaxonomySpec {
  if (chain.includes(path)) throw new TaxonomyError(path, [`extends: circular chain ${[...chain, path].join(' -> ')}`]);
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw new TaxonomyError(path, [`cannot read the file: ${(err as Error).message}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw.replace(/^\ufeff/, ''));
  } catch (err) {
    throw new TaxonomyError(path, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseTaxonomy(data, path, (ref) => {
    if (ref === 'default') return loadTaxonomy();
    const p = isAbsolute(ref) ? ref : resolve(dirname(path), ref);
    return loadFile(p, [...chain, path]);
  });
}

/**
 * Validate taxonomy data already parsed from JSON (or built in code). `source` names it in
 * messages; `resolveBase` loads what an `extends` refers to (by default only `"default"`).
 */
export function parseTaxonomy(data: unknown, source = '<taxonomy>', resolveBase: (ref: string) => TaxonomySpec = defaultResolver): TaxonomySpec {
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && 'extends' in data) return parseExtension(data, source, resolveBase);
  const parsed = TaxonomySpec.safeParse(data);
  if (!parsed.success) {
    // Report the shape problems and, for the entries that can be read, the other problems too.
    const lenient = lenientThemes(data);
    const extra = checkTaxonomy({ name: '', version: '', themes: lenient.map((l) => l.theme) }, lenient.map((l) => `themes[${l.index}] (${l.theme.id})`));
    throw new TaxonomyError(source, byEntry([...zodProblems(parsed.error, data), ...extra]));
  }
  const origins = parsed.data.themes.map((t, i) => `themes[${i}] (${t.id})`);
  const problems = checkTaxonomy(parsed.data, origins);
  if (problems.length) throw new TaxonomyError(source, problems);
  return parsed.data;
}

/** The theme entries that have a string id, with their string lists (for checks after a shape error). */
function lenientThemes(data: unknown): Array<{ index: number; theme: ThemeSpec }> {
  const themes = data && typeof data === 'object' ? (data as { themes?: unknown }).themes : undefined;
  if (!Array.isArray(themes)) return [];
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : []);
  const out: Array<{ index: number; theme: ThemeSpec }> = [];
  themes.forEach((t, index) => {
    if (!t || typeof t !== 'object' || typeof (t as { id?: unknown }).id !== 'string') return;
    const r = t as Record<string, unknown>;
    out.push({
      index,
      theme: { id: r.id as string, group: '', label: '', about: '', terms: strings(r.terms), weak: strings(r.weak), exclude: strings(r.exclude), sections: [], alwaysIn: [] },
    });
  });
  return out;
}

function defaultResolver(ref: string): TaxonomySpec {
  if (ref === 'default') return loadTaxonomy();
  throw new TaxonomyError(ref, [`extends: cannot resolve "${ref}" here; pass a file path to loadTaxonomy()`]);
}

function parseExtension(data: object, source: string, resolveBase: (ref: string) => TaxonomySpec): TaxonomySpec {
  const ext = Extension.safeParse(data);
  if (!ext.success) throw new TaxonomyError(source, zodProblems(ext.error, data));
  const base = resolveBase(ext.data.extends);
  const problems: string[] = [];
  const themes: ThemeSpec[] = base.themes.map((t) => structuredClone(t));
  const origins = themes.map((t, i) => `${ext.data.extends} themes[${i}] (${t.id})`);
  for (const [i, id] of ext.data.remove.entries()) {
    const at = themes.findIndex((t) => t.id === id);
    if (at < 0) problems.push(`remove[${i}]: no theme "${id}" in ${ext.data.extends}`);
    else {
      themes.splice(at, 1);
      origins.splice(at, 1);
    }
  }
  ext.data.themes.forEach((entry, i) => {
    const where = `themes[${i}]`;
    const id = entry !== null && typeof entry === 'object' && 'id' in entry ? String((entry as { id: unknown }).id) : '';
    const at = id ? themes.findIndex((t) => t.id === id) : -1;
    if (at >= 0) {
      const patch = ThemePatch.safeParse(entry);
      if (!patch.success) {
        problems.push(...zodProblems(patch.error, entry, `${where} (${id})`));
        return;
      }
      themes[at] = applyPatch(themes[at]!, patch.data);
      origins[at] = `${where} (${id})`;
    } else {
      const full = ThemeSpec.safeParse(entry);
      if (!full.success) {
        const hint = id ? ` (a new theme "${id}": give every field, or use an id of ${ext.data.extends})` : '';
        problems.push(...zodProblems(full.error, entry, where).map((p) => p + hint));
        return;
      }
      themes.push(full.data);
      origins.push(`${where} (${full.data.id})`);
    }
  });
  const merged: TaxonomySpec = {
    name: ext.data.name ?? `${base.name}+${source}`,
    version: ext.data.version ?? base.version,
    themes,
  };
  const skip = ext.data.skipSections ?? base.skipSections;
  if (skip !== undefined) merged.skipSections = [...skip];
  if (themes.length === 0) problems.push('themes: the taxonomy has no themes left');
  problems.push(...checkTaxonomy(merged, origins));
  if (problems.length) throw new TaxonomyError(source, byEntry(problems));
  return merged;
}

function applyPatch(theme: ThemeSpec, patch: ThemePatch): ThemeSpec {
  const out: ThemeSpec = { ...theme };
  if (patch.group !== undefined) out.group = patch.group;
  if (patch.label !== undefined) out.label = patch.label;
  if (patch.about !== undefined) out.about = patch.about;
  if (patch.terms !== undefined) out.terms = [...patch.terms];
  if (patch.weak !== undefined) out.weak = [...patch.weak];
  if (patch.exclude !== undefined) out.exclude = [...patch.exclude];
  if (patch.sections !== undefined) out.sections = [...patch.sections];
  if (patch.alwaysIn !== undefined) out.alwaysIn = [...patch.alwaysIn];
  if (patch.addTerms) out.terms = [...out.terms, ...patch.addTerms];
  if (patch.addWeak) out.weak = [...out.weak, ...patch.addWeak];
  if (patch.addExclude) out.exclude = [...out.exclude, ...patch.addExclude];
  return out;
}

/** Order problems by the entry they point at (`themes[3]` before `themes[10]`), keeping order within one entry. */
function byEntry(problems: string[]): string[] {
  const key = (p: string) => {
    const m = /^themes\[(\d+)\]/.exec(p);
    return m ? Number(m[1]) : -1;
  };
  return problems.map((p, i) => ({ p, i, k: key(p) })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.p);
}

/** `themes[3] (workload).terms[1]: message` for each zod issue. */
function zodProblems(error: z.ZodError, data: unknown, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path, data);
    const where = prefix ? (path ? `${prefix}${path.startsWith('[') ? '' : '.'}${path}` : prefix) : path || '(top level)';
    return `${where}: ${issue.message}`;
  });
}

function formatPath(path: PropertyKey[], data: unknown): string {
  let out = '';
  let node: unknown = data;
  for (const [i, key] of path.entries()) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      // Name the theme beside its index: themes[3] (workload).
      if (i === 1 && path[0] === 'themes' && node && typeof node === 'object' && typeof (node as { id?: unknown }).id === 'string') out += ` (${(node as { id: string }).id})`;
    } else {
      out += out ? `.${String(key)}` : String(key);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key as string] : undefined;
    }
  }
  return out;
}

const LISTS = ['terms', 'weak', 'exclude'] as const;

/** Checks zod cannot express: ids, patterns, and excludes that could never have an effect. */
export function checkTaxonomy(tax: TaxonomySpec, origins: string[] = tax.themes.map((t, i) => `themes[${i}] (${t.id})`)): string[] {
  const problems: string[] = [];
  const firstById = new Map<string, number>();
  tax.themes.forEach((theme, i) => {
    const where = origins[i]!;
    const prev = firstById.get(theme.id);
    if (prev !== undefined) problems.push(`${where}.id: duplicate id "${theme.id}" (also ${origins[prev]})`);
    else firstById.set(theme.id, i);

    const parsed: Record<(typeof LISTS)[number], PatternStep[][][]> = { terms: [], weak: [], exclude: [] };
    const seenSignals = new Map<string, string>();
    const seenExcludes = new Map<string, string>();
    for (const list of LISTS) {
      const seen = list === 'exclude' ? seenExcludes : seenSignals;
      theme[list].forEach((term, j) => {
        const p = parsePattern(term);
        if (!p.ok) {
          problems.push(`${where}.${list}[${j}]: ${p.reason}`);
          parsed[list].push([]);
          return;
        }
        parsed[list].push(p.variants);
        const key = p.variants.map(stepsToString).join(' | ');
        const other = seen.get(key);
        if (other !== undefined) problems.push(`${where}.${list}[${j}]: "${term}" matches the same words as ${other}`);
        else seen.set(key, `${list}[${j}] "${term}"`);
      });
    }
    const signals = [...parsed.terms, ...parsed.weak];
    const signalNames = [...theme.terms.map((t, j) => `terms[${j}] "${t}"`), ...theme.weak.map((t, j) => `weak[${j}] "${t}"`)];
    parsed.exclude.forEach((exVariants, j) => {
      if (exVariants.length === 0) return;
      // An exclude acts only where it overlaps a hit of one of the theme's own terms.
      const overlaps = signals.some((sv) => sv.some((s) => exVariants.some((e) => canOverlap(s, e))));
      if (!overlaps) {
        problems.push(`${where}.exclude[${j}]: "${theme.exclude[j]}" can never match: it shares no word with any of the theme's terms, so it can never stop one`);
      }
      // An exclude inside a term cancels that term everywhere.
      signals.forEach((sv, k) => {
        if (sv.length && sv.every((s) => exVariants.some((e) => contains(s, e)))) {
          problems.push(`${where}.exclude[${j}]: "${theme.exclude[j]}" cancels ${signalNames[k]} wherever it occurs, so that term can never tag`);
        }
      });
    });
  });
  return problems;
}

function stepEq(a: PatternStep, b: PatternStep): boolean {
  if (a.kind === 'gap' || b.kind === 'gap') return a.kind === b.kind;
  if (a.kind === 'prefix' || b.kind === 'prefix') {
    const p = a.kind === 'prefix' ? a : b;
    const o = a.kind === 'prefix' ? b : a;
    return o.key.startsWith(p.key) || (o.kind === 'prefix' && p.key.startsWith(o.key));
  }
  return a.key.toLowerCase() === b.key.toLowerCase();
}

/** Could a match of `a` and a match of `b` share a token? (one inside the other, or they overlap at the ends) */
function canOverlap(a: PatternStep[], b: PatternStep[]): boolean {
  if (a.some((s) => s.kind === 'gap') || b.some((s) => s.kind === 'gap')) {
    // With gaps, be generous: any shared word could overlap.
    return a.some((x) => x.kind !== 'gap' && b.some((y) => y.kind !== 'gap' && stepEq(x, y)));
  }
  for (let shift = -(b.length - 1); shift <= a.length - 1; shift++) {
    let ok = true;
    let any = false;
    for (let i = 0; i < b.length; i++) {
      const ai = i + shift;
      if (ai < 0 || ai >= a.length) continue;
      any = true;
      if (!stepEq(a[ai]!, b[i]!)) {
        ok = false;
        break;
      }
    }
    if (ok && any) return true;
  }
  return false;
}

/** Does every match of `term` contain a match of `ex`? (ex is a contiguous run inside term) */
function contains(term: PatternStep[], ex: PatternStep[]): boolean {
  if (ex.some((s) => s.kind === 'gap') || ex.length > term.length) return false;
  for (let at = 0; at + ex.length <= term.length; at++) {
    if (ex.every((e, i) => term[at + i]!.kind !== 'gap' && term[at + i]!.kind === e.kind && stepEq(term[at + i]!, e))) return true;
  }
  return false;
}
