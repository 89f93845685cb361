import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD, POLARITY_FAMILY, findRecurringFindings, isContextParagraph, prepareFindings, scorePair } from '../../src/compare/recurring-findings.ts';
import { dot, pairsAbove, type SparseVector } from '../../src/compare/similarity.ts';
import { bowCosine, learnBm25 } from '../../src/nlp/wink-bm25.ts';
import { RecurringFindingRow, type FindingRow } from '../../src/schema/datasets.ts';
import { labelledPairs, seedFindingRows } from './seed-findings.ts';

/** A findings.csv row for a synthetic report `report` (unit "Unit <report>"). */
function row(report: string, n: number, polarity: FindingRow['polarity'], text: string, extra: Partial<FindingRow> = {}): FindingRow {
  return {
    finding_id: `${report}-2025/f${String(n).padStart(3, '0')}`,
    report_id: `${report}-2025`,
    unit_name: `Unit ${report}`,
    section: 'P1.1',
    section_title: 'Leadership',
    polarity,
    ordinal: n,
    text,
    themes: '',
    n_quantities: 0,
    char_start: 0,
    char_end: text.length,
    quote: text,
    addressee: '',
    footnotes: '',
    ...extra,
  };
}

/** Findings every synthetic report has, each about something different (so that no two recur). */
const FILLER: Record<string, string[]> = {
  a: [
    'The head of the unit had been in post for eight months and had a clear vision for the service.',
    'Approved premises were well run, with residents positive about the support they received from keyworkers.',
    'Unpaid work placements were plentiful and offered meaningful skills, such as carpentry and painting.',
    'The estate at the main office was poor, with interview rooms lacking privacy and sound protection.',
  ],
  b: [
    'Court teams produced timely pre-sentence reports, and magistrates valued the quality of oral advice.',
    'Victim liaison officers contacted victims promptly and explained the licence conditions clearly.',
    'The women’s centre offered a creche, counselling and a weekly drop-in for benefits advice.',
    'Electronic monitoring was used well to enforce exclusion zones in high-risk cases.',
  ],
  c: [
    'Accredited programmes for sexual offending had long waiting lists after a national pause in delivery.',
    'Staff in the rural offices travelled long distances, and lone working arrangements were not always clear.',
    'The integrated offender management team was co-located with the police in a modern building.',
    'A new case allocation tool had reduced the number of transfers between practitioners.',
  ],
};

function fillers(report: string, from = 1): FindingRow[] {
  return FILLER[report]!.map((text, k) => row(report, from + k, 'strength', text));
}

describe('findRecurringFindings on synthetic reports', () => {
  const planted = [
    row('a', 10, 'improvement', 'Management oversight was insufficient in most cases, and managers did not identify gaps in risk assessment or prompt corrective action.'),
    row('b', 10, 'improvement', 'In most cases management oversight was insufficient: managers did not identify the gaps in risk assessments or prompt corrective action.'),
    row('c', 10, 'improvement', 'Management oversight was insufficient in the majority of cases, as managers did not identify gaps in risk assessment or prompt corrective action.'),
  ];
  const twoReports = [
    row('a', 11, 'strength', 'Practitioners could speak Welsh with people on probation who asked for it, and induction packs were available in Welsh.'),
    row('b', 11, 'strength', 'Welsh-speaking practitioners were available to people on probation who asked for them, and induction packs were printed in Welsh.'),
  ];
  const findings = [...fillers('a'), ...fillers('b'), ...fillers('c'), ...planted, ...twoReports];

  it('puts a finding planted in three reports first, as one cluster', () => {
    const out = findRecurringFindings(findings);
    expect(out[0]).toMatchObject({
      cluster_id: 'r001',
      n_reports: 3,
      n_findings: 3,
      polarity: 'improvement',
      units: 'Unit a;Unit b;Unit c',
      finding_ids: 'a-2025/f010;b-2025/f010;c-2025/f010',
    });
    expect(out[0]!.label.split(' ').length).toBeGreaterThanOrEqual(3);
    expect(out[0]!.label.split(' ').length).toBeLessThanOrEqual(8);
    expect(planted.map((f) => f.text)).toContain(out[0]!.example);
    expect(out[1]).toMatchObject({ cluster_id: 'r002', n_reports: 2, units: 'Unit a;Unit b', polarity: 'strength' });
    expect(out).toHaveLength(2);
  });

  it('returns the same rows whatever the order of its input', () => {
    const first = findRecurringFindings(findings);
    const shuffled = [...findings].reverse();
    shuffled.push(shuffled.shift()!);
    expect(findRecurringFindings(shuffled)).toEqual(first);
    expect(findRecurringFindings(findings)).toEqual(first);
    expect(first.map((r) => r.cluster_id)).toEqual(first.map((_, i) => `r${String(i + 1).padStart(3, '0')}`));
  });

  it('writes rows that match the dataset schema', () => {
    for (const r of findRecurringFindings(findings)) expect(RecurringFindingRow.parse(r)).toEqual(r);
  });

  it('never merges a strength with an improvement, even with the same words', () => {
    const text = 'Supervision of staff took place regularly and included reflective discussion of complex cases.';
    const out = findRecurringFindings([...fillers('a'), ...fillers('b'), ...fillers('c'), row('a', 20, 'strength', text), row('b', 20, 'improvement', text), row('c', 20, 'improvement', text)]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ polarity: 'improvement', n_reports: 2, finding_ids: 'b-2025/f020;c-2025/f020' });
  });

  it('groups improvements with recommendations (one polarity family) but keeps narrative apart', () => {
    expect(POLARITY_FAMILY.improvement).toBe(POLARITY_FAMILY.recommendation);
    expect(POLARITY_FAMILY.narrative).not.toBe(POLARITY_FAMILY.improvement);
    expect(POLARITY_FAMILY.narrative).not.toBe(POLARITY_FAMILY.strength);
  });

  // Pairs of statements that share most of their words but not their meaning, added to the
  // seeds' findings so that words are weighted as in real reports.
  /** Whether x and y ended up in one cluster (either may join a cluster of the seeds' findings). */
  const together = (x: string, y: string) =>
    findRecurringFindings([...seedFindingRows(), row('x', 1, 'narrative', x), row('y', 1, 'narrative', y)]).some((r) => r.units.includes('Unit x') && r.units.includes('Unit y'));

  it.each([
    [
      'opposite judgements',
      'Enforcement action was taken effectively when people on probation missed appointments, and absences were well evidenced.',
      'Enforcement action was insufficient when people on probation missed appointments, and absences were not evidenced.',
    ],
    [
      'a negation',
      'Home visits were completed in most cases where they were needed to manage the risk of harm to children.',
      'Home visits were not completed in too many cases where they were needed to manage the risk of harm to children.',
    ],
    ['effective and ineffective', 'Management oversight was effective in most cases and supported practitioners to manage risk.', 'Management oversight was ineffective in most cases and did not support practitioners to manage risk.'],
    ['the same frame, different work', 'The regional team provided training on domestic abuse for all new practitioners.', 'The regional team provided accommodation support for people released from prison.'],
  ])('keeps near misses apart: %s', (_, x, y) => {
    expect(together(x, y)).toBe(false);
  });

  it('links the same statement worded differently', () => {
    const x = 'Enforcement action was taken effectively when people on probation missed appointments, and absences were well evidenced.';
    expect(together(x, 'When people on probation missed appointments, enforcement action was taken effectively and absences were evidenced well.')).toBe(true);
  });

  // Known limitation of matching words: a statement about another subject in the same words.
  it('links statements that differ only in their subject (a limit of word matching)', () => {
    expect(together('Sickness absence among probation officers was high and placed pressure on the rest of the team.', 'Caseloads among probation officers were high and placed pressure on the rest of the team.')).toBe(true);
  });

  it('leaves out background paragraphs that recur by design', () => {
    const background = (r: string) =>
      row(r, 40, 'narrative', 'We conducted fieldwork over the period of two weeks. We inspected community orders and releases on licence from custody.', { section: 'Background' });
    expect(isContextParagraph(background('a'))).toBe(true);
    expect(findRecurringFindings([...fillers('a'), ...fillers('b'), background('a'), background('b')])).toEqual([]);
  });

  it('applies minReports and the threshold', () => {
    expect(findRecurringFindings(findings, { minReports: 3 }).map((r) => r.n_reports)).toEqual([3]);
    // Two of the planted findings have the same words once stop words are dropped.
    expect(findRecurringFindings(findings, { threshold: 0.99 })).toMatchObject([{ finding_ids: 'a-2025/f010;b-2025/f010', mean_similarity: 1 }]);
  });

  it('refuses options that make no sense, saying what to pass', () => {
    expect(() => findRecurringFindings(findings, { threshold: 0 })).toThrow(/threshold must be in \(0, 1\]/);
    expect(() => findRecurringFindings(findings, { minReports: 1.5 })).toThrow(/minReports must be a whole number/);
  });

  it('takes the most frequent theme of the members', () => {
    const themed = planted.map((f, k) => ({ ...f, themes: k === 0 ? 'management-oversight;risk' : 'management-oversight' }));
    const out = findRecurringFindings([...fillers('a'), ...fillers('b'), ...fillers('c'), ...themed]);
    expect(out[0]!.theme).toBe('management-oversight');
    expect(findRecurringFindings(findings)[0]!.theme).toBe('');
  });

  it('keeps a statement reworded in hundreds of reports together, whether every pair is scored or only a sample (a group too large)', () => {
    // Among the seeds' findings (so that word weights are those of real reports), a statement
    // in n reports, in 30 wordings; 330 is past the groups in which every pair is scored.
    const background = seedFindingRows();
    const openings = ['Management oversight', 'Oversight by managers', 'Managerial oversight'];
    const tails = ['', ' in the unit', ' across the teams', ' by practitioners', ' at the first review'];
    const statement = (r: number) => `${openings[r % 3]} was insufficient in ${r % 2 ? 'most' : 'many'} cases: managers did not identify gaps in risk assessment or prompt corrective action${tails[r % 5]}.`;
    for (const n of [200, 330]) {
      const rows = [...background, ...Array.from({ length: n }, (_, r) => row(`u${r}`, 1, 'improvement', statement(r)))];
      const top = findRecurringFindings(rows)[0]!;
      expect(top.n_reports).toBe(n);
      expect(top.n_findings).toBe(n);
      expect(top.label).toBe('gaps in risk assessment or prompt corrective action');
    }
  });

  it('returns nothing for no findings', () => {
    expect(findRecurringFindings([])).toEqual([]);
  });
});

/**
 * pairsAbove on (vector, group) items visits exactly the pairs of different groups that a full
 * comparison finds at >= t, in order, each with its dot product to the last bit.
 */
function expectAllPairsAbove(items: [SparseVector, number][], t: number): void {
  const vectors = items.map((x) => x[0]);
  const group = items.map((x) => x[1]);
  const found: string[] = [];
  pairsAbove(vectors, group, t, (i, j, c) => {
    expect(c).toBe(dot(vectors[i]!, vectors[j]!));
    found.push(`${i}-${j}`);
  });
  const expected: string[] = [];
  for (let j = 0; j < vectors.length; j += 1) for (let i = 0; i < j; i += 1) if (group[i] !== group[j] && dot(vectors[i]!, vectors[j]!) >= t - 1e-9) expected.push(`${i}-${j}`);
  expect(found).toEqual(expected);
}

/** Random sparse vectors of unit length, with term ids drawn from `id`. */
function unitVector(id: fc.Arbitrary<number>, maxLength: number): fc.Arbitrary<SparseVector> {
  return fc.uniqueArray(fc.record({ id, w: fc.double({ min: 0.01, max: 1, noNaN: true }) }), { selector: (e) => e.id, minLength: 1, maxLength }).map((entries) => {
    const sorted = [...entries].sort((a, b) => a.id - b.id);
    const norm = Math.hypot(...sorted.map((e) => e.w));
    return { ids: Int32Array.from(sorted, (e) => e.id), w: Float64Array.from(sorted, (e) => e.w / norm) };
  });
}

describe('similarity helpers', () => {
  it('scores with wink-nlp BM25 vectors: the sparse dot product is wink’s cosine', () => {
    const docs = [
      ['manag', 'oversight', 'insuffici', 'case'],
      ['manag', 'oversight', 'effect', 'case', 'case'],
      ['home', 'visit', 'risk'],
    ];
    const model = learnBm25(docs);
    const ids = new Map([...model.df.keys()].map((t, i) => [t, i]));
    const sparse = model.docs.map((bow) => {
      const e = Object.entries(bow)
        .map(([t, w]) => [ids.get(t)!, w] as const)
        .sort((a, b) => a[0] - b[0]);
      return { ids: Int32Array.from(e, (x) => x[0]), w: Float64Array.from(e, (x) => x[1]) };
    });
    expect(dot(sparse[0]!, sparse[1]!)).toBeCloseTo(bowCosine(model.docs[0]!, model.docs[1]!), 5);
    expect(dot(sparse[0]!, sparse[2]!)).toBe(0);
  });

  it('pairsAbove finds exactly the pairs a full comparison finds', () => {
    const vector = unitVector(fc.integer({ min: 0, max: 25 }), 8);
    fc.assert(
      fc.property(fc.array(fc.tuple(vector, fc.integer({ min: 0, max: 3 })), { minLength: 2, maxLength: 30 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (items, t) => expectAllPairsAbove(items, t)),
      { numRuns: 300 },
    );
  });

  it('pairsAbove, on collections large enough to prune candidates and to add common words candidate by candidate, misses no pair and scores each to the last bit', () => {
    // Skewed term frequencies (low ids rare, high ids common), as with real text.
    const vector = unitVector(fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 390, max: 400 })), 24);
    fc.assert(
      fc.property(fc.array(fc.tuple(vector, fc.integer({ min: 0, max: 40 })), { minLength: 50, maxLength: 250 }), fc.double({ min: 0.1, max: 0.9, noNaN: true }), (items, t) => expectAllPairsAbove(items, t)),
      { numRuns: 40 },
    );
  });
});

describe('findRecurringFindings on the seeds', () => {
  let rows: FindingRow[];
  let out: RecurringFindingRow[];
  beforeAll(() => {
    rows = seedFindingRows();
    out = findRecurringFindings(rows);
  });
  const textsOf = (r: RecurringFindingRow) => r.finding_ids.split(';').map((id) => rows.find((f) => f.finding_id === id)!.text);

  it('finds 22 recurring findings', () => {
    expect(out).toHaveLength(22);
    expect(out.every((r) => r.n_reports >= 2)).toBe(true);
  });

  it('puts the culture of openness, found in all four reports, first', () => {
    expect(out[0]).toMatchObject({ cluster_id: 'r001', n_reports: 4, polarity: 'strength', units: 'Cardiff and the Vale;Cwm Taf Morgannwg;Gwent;Wales' });
    for (const text of textsOf(out[0]!)) expect(text).toMatch(/openness/);
  });

  it('groups the professional curiosity recommendation of the three PDUs', () => {
    const r = out.find((c) => /professional curiosity/.test(c.label))!;
    expect(r).toMatchObject({ n_reports: 3, n_findings: 3, polarity: 'recommendation', units: 'Cardiff and the Vale;Cwm Taf Morgannwg;Gwent' });
    for (const text of textsOf(r)) expect(text).toMatch(/^develop practitioner.{0,3} confidence and skills in the use of professional curiosity/);
  });

  it('groups the PDUs’ secondments to youth justice services', () => {
    const r = out.find((c) => textsOf(c).some((t) => /seconded/.test(t) && /youth justice/i.test(t)))!;
    expect(r.n_reports).toBe(3);
    for (const text of textsOf(r)) expect(text).toMatch(/youth justice/i);
  });

  it('links the hand-labelled pairs with the precision and recall measured when choosing the threshold', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const kept = rows.filter((r) => !isContextParagraph(r)).sort((a, b) => (a.finding_id < b.finding_id ? -1 : 1));
    const index = new Map(kept.map((r, i) => [r.finding_id, i]));
    const p = prepareFindings(kept);
    for (const pair of labelledPairs(rows)) {
      const sameFamily = POLARITY_FAMILY[pair.rowA.polarity] === POLARITY_FAMILY[pair.rowB.polarity];
      const linked = sameFamily && scorePair(p, index.get(pair.rowA.finding_id)!, index.get(pair.rowB.finding_id)!).score >= DEFAULT_THRESHOLD;
      if (linked && pair.same) tp += 1;
      else if (linked) fp += 1;
      else if (pair.same) fn += 1;
    }
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.8);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.45);
  });

});
