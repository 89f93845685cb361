import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Taxonomy } from '../../src/schema/theme.ts';
import { DEFAULT_TAXONOMY_PATH, loadTaxonomy, parseTaxonomy, TaxonomyError } from '../../src/themes/load-taxonomy.ts';
import { tagText, compileTaxonomy } from '../../src/themes/tag-themes.ts';

/** The 36 theme ids of THEMES.md v1.2, in its order. */
const THEME_IDS = [
  'risk_of_harm', 'child_safeguarding', 'domestic_abuse', 'information_sharing', 'mappa', 'victims',
  'management_oversight', 'professional_curiosity', 'case_recording', 'enforcement', 'serious_further_offences',
  'staffing_levels', 'workload', 'sickness_wellbeing', 'training_development', 'leadership_culture',
  'commissioned_services', 'interventions_programmes', 'accommodation', 'employment_education', 'substance_misuse',
  'mental_health', 'finance_benefits_debt', 'family_relationships', 'partnerships',
  'engagement', 'desistance', 'diversity_inclusion', 'women', 'young_adults', 'welsh_language',
  'court_work', 'unpaid_work', 'resettlement', 'national_change', 'estates_facilities',
];

const dir = mkdtempSync(join(tmpdir(), 'themes-'));
function file(name: string, data: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
  return p;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof TaxonomyError) return err.problems;
    throw err;
  }
  throw new Error('expected a TaxonomyError');
}

const theme = (id: string, extra: Record<string, unknown> = {}) => ({ id, group: 'Group', label: id, about: '', terms: ['widget'], ...extra });

describe('the default taxonomy', () => {
  const tax = loadTaxonomy();

  it('has the 36 themes of THEMES.md, in order, valid against the project schema', () => {
    expect(tax.themes.map((t) => t.id)).toEqual(THEME_IDS);
    expect(() => Taxonomy.parse(tax)).not.toThrow();
    for (const t of tax.themes) {
      expect(t.about.length, t.id).toBeGreaterThan(10);
      expect(t.terms.length, t.id).toBeGreaterThan(0);
    }
  });

  it('loads from its file path too, and returns a copy each time', () => {
    expect(loadTaxonomy(DEFAULT_TAXONOMY_PATH).themes.length).toBe(36);
    const a = loadTaxonomy();
    a.themes.pop();
    expect(loadTaxonomy().themes.length).toBe(36);
  });
});

describe('problems point at the bad entry, all at once', () => {
  it.each<[string, unknown, string[]]>([
    ['an empty term list', { name: 'n', version: '1', themes: [theme('a', { terms: [] })] }, ['themes[0] (a).terms: Too small: expected array to have >=1 items']],
    ['a misspelt field', { name: 'n', version: '1', themes: [theme('a', { exlude: ['x'] })] }, ['themes[0] (a): Unrecognized key: "exlude"']],
    ['a bad id', { name: 'n', version: '1', themes: [theme('Bad Id')] }, ['themes[0] (Bad Id).id: theme ids are snake_case']],
    ['a duplicate id', { name: 'n', version: '1', themes: [theme('a'), theme('a')] }, ['themes[1] (a).id: duplicate id "a" (also themes[0] (a))']],
    [
      'an exclude that can never match',
      { name: 'n', version: '1', themes: [theme('a', { exclude: ['business plan'] })] },
      ['themes[0] (a).exclude[0]: "business plan" can never match: it shares no word with any of the theme\'s terms, so it can never stop one'],
    ],
    [
      'an exclude that cancels a term',
      { name: 'n', version: '1', themes: [theme('a', { terms: ['risk register'], exclude: ['risk'] })] },
      ['themes[0] (a).exclude[0]: "risk" cancels terms[0] "risk register" wherever it occurs, so that term can never tag'],
    ],
    ['a term that repeats another', { name: 'n', version: '1', themes: [theme('a', { terms: ['workload', 'workloads'] })] }, ['themes[0] (a).terms[1]: "workloads" matches the same words as terms[0] "workload"']],
    ['a term with a dangling gap', { name: 'n', version: '1', themes: [theme('a', { terms: ['use ...'] })] }, ['themes[0] (a).terms[0]: "use ..." starts or ends with "..."']],
    ['a short prefix', { name: 'n', version: '1', themes: [theme('a', { terms: ['ab*'] })] }, ['themes[0] (a).terms[0]: "ab*" has a prefix "ab*" that is not three or more letters']],
    ['a missing top-level field', { name: 'n', themes: [theme('a')] }, ['version: Invalid input: expected string, received undefined']],
  ])('%s', (_why, data, expected) => {
    expect(problemsOf(() => parseTaxonomy(data, 'my.json'))).toEqual(expected);
  });

  it('lists every problem of a file in one error, with a readable message', () => {
    const p = file('bad.json', {
      name: 'n',
      version: '1',
      themes: [theme('a'), theme('b', { terms: [] }), theme('a', { exclude: ['zzz'] })],
    });
    let err: TaxonomyError | undefined;
    try {
      loadTaxonomy(p);
    } catch (e) {
      err = e as TaxonomyError;
    }
    expect(err).toBeInstanceOf(TaxonomyError);
    expect(err!.message).toBe(
      [
        `Invalid theme taxonomy ${p}: 3 problems:`,
        '  - themes[1] (b).terms: Too small: expected array to have >=1 items',
        '  - themes[2] (a).id: duplicate id "a" (also themes[0] (a))',
        '  - themes[2] (a).exclude[0]: "zzz" can never match: it shares no word with any of the theme\'s terms, so it can never stop one',
      ].join('\n'),
    );
  });

  it('says when the file cannot be read or is not JSON', () => {
    expect(problemsOf(() => loadTaxonomy(join(dir, 'missing.json')))[0]).toMatch(/^cannot read the file: ENOENT/);
    expect(problemsOf(() => loadTaxonomy(file('broken.json', '{"name": ')))[0]).toMatch(/^not valid JSON: /);
  });
});

describe('a file that extends the default', () => {
  it('adds, changes and removes themes by id', () => {
    const p = file('ext.json', {
      extends: 'default',
      name: 'mine',
      remove: ['welsh_language'],
      themes: [
        { id: 'workload', addTerms: ['caseload weighting'] },
        { id: 'victims', label: 'Victims of crime' },
        theme('veterans', { group: 'People on probation', label: 'Veterans', terms: ['veteran', 'armed forces'] }),
      ],
    });
    const tax = loadTaxonomy(p);
    expect(tax.name).toBe('mine');
    expect(tax.themes.length).toBe(36);
    expect(tax.themes.map((t) => t.id)).not.toContain('welsh_language');
    expect(tax.themes.at(-1)!.id).toBe('veterans');
    expect(tax.themes.find((t) => t.id === 'victims')!.label).toBe('Victims of crime');
    const workload = tax.themes.find((t) => t.id === 'workload')!;
    expect(workload.terms).toContain('caseload weighting');
    expect(workload.terms).toContain('capacity');
    const c = compileTaxonomy(tax);
    expect(tagText('Several veterans of the armed forces were supervised.', c)).toContain('veterans');
    expect(tagText('Caseload weighting was reviewed.', c)).toContain('workload');
    expect(tagText('Interviews were carried out in Welsh.', c)).not.toContain('welsh_language');
  });

  it('keeps the base skipSections, or replaces them when given', () => {
    const text = 'We inspected 58 unpaid work cases.';
    expect(loadTaxonomy().skipSections).toEqual(['methodology']);
    const kept = loadTaxonomy(file('skip-kept.json', { extends: 'default', themes: [] }));
    expect(kept.skipSections).toEqual(['methodology']);
    expect(tagText(text, compileTaxonomy(kept), 'Methodology', 'Methodology')).toEqual([]);
    const none = loadTaxonomy(file('skip-none.json', { extends: 'default', skipSections: [], themes: [] }));
    expect(tagText(text, compileTaxonomy(none), 'Methodology', 'Methodology')).toContain('unpaid_work');
    const other = loadTaxonomy(file('skip-other.json', { extends: 'default', skipSections: ['annexe'], themes: [] }));
    expect(tagText(text, compileTaxonomy(other), 'Methodology', 'Methodology')).toContain('unpaid_work');
    expect(tagText(text, compileTaxonomy(other), 'Data annexe', 'Data annexe')).toEqual([]);
  });

  it('extends another file by relative path', () => {
    file('base.json', { extends: 'default', themes: [theme('veterans', { terms: ['veteran'] })] });
    const p = file('child.json', { extends: './base.json', themes: [{ id: 'veterans', addTerms: ['armed forces'] }] });
    const v = loadTaxonomy(p).themes.find((t) => t.id === 'veterans')!;
    expect(v.terms).toEqual(['veteran', 'armed forces']);
  });

  it('reports problems in the extending file by its own entries', () => {
    const p = file('ext-bad.json', {
      extends: 'default',
      remove: ['no_such_theme'],
      themes: [{ id: 'workload', terms: [] }, { id: 'veterans', terms: ['veteran'] }, { id: 'victims', exclude: ['zzz'] }],
    });
    expect(problemsOf(() => loadTaxonomy(p))).toEqual([
      'remove[0]: no theme "no_such_theme" in default',
      'themes[0] (workload).terms: Too small: expected array to have >=1 items',
      'themes[1].group: Invalid input: expected string, received undefined (a new theme "veterans": give every field, or use an id of default)',
      'themes[1].label: Invalid input: expected string, received undefined (a new theme "veterans": give every field, or use an id of default)',
      'themes[1].about: Invalid input: expected string, received undefined (a new theme "veterans": give every field, or use an id of default)',
      'themes[2] (victims).exclude[0]: "zzz" can never match: it shares no word with any of the theme\'s terms, so it can never stop one',
    ]);
  });

  it('refuses a circular chain', () => {
    const a = join(dir, 'loop-a.json');
    file('loop-a.json', { extends: './loop-b.json', themes: [] });
    file('loop-b.json', { extends: './loop-a.json', themes: [] });
    expect(problemsOf(() => loadTaxonomy(a))[0]).toMatch(/^extends: circular chain .*loop-a\.json -> .*loop-b\.json -> .*loop-a\.json$/);
  });
});
