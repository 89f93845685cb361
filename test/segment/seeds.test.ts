import { describe, expect, it } from 'vitest';
import { seedDoc } from '../helpers/seeds.ts';

// Expected values read by hand from the seed reports (and cross-checked against an
// independent list of every finding made for the theme labels).
const EXPECTED = {
  'cardiff-and-the-vale-pdu-2025': {
    meta: { reportId: 'cardiff-and-the-vale-pdu-2025', unitName: 'Cardiff and the Vale', unitType: 'pdu', fieldworkStarted: '2025-09', score: 2, scoreMax: 21, overallRating: 'Inadequate', region: 'Wales' },
    rendering: 'glued',
    ratings: ['P1.1 Requires improvement', 'P1.2 Inadequate', 'P1.3 Requires improvement', 'P2.1 Inadequate', 'P2.2 Inadequate', 'P2.3 Inadequate', 'P2.4 Inadequate'],
    kq: [53, 75, 24, 59, 71, 37, 54, 37, 19, 64, 51, 36],
    counts: { 'Foreword|narrative': 7, 'Recommendations|narrative': 1, 'Recommendations|recommendation': 7, 'Background|narrative': 7, 'P1.1|strength': 7, 'P1.1|improvement': 8, 'P1.2|strength': 4, 'P1.2|improvement': 8, 'P1.3|strength': 8, 'P1.3|improvement': 5, 'Diversity and inclusion|strength': 6, 'Diversity and inclusion|improvement': 2, 'P2.1|narrative': 5, 'P2.2|narrative': 4, 'P2.3|narrative': 7, 'P2.4|narrative': 3 },
    addressee: 'Cardiff and The Vale',
    footnotes: 6,
  },
  'cwm-taf-morgannwg-pdu-2025': {
    meta: { reportId: 'cwm-taf-morgannwg-pdu-2025', unitName: 'Cwm Taf Morgannwg', unitType: 'pdu', fieldworkStarted: '2025-08', score: 4, scoreMax: 21, overallRating: 'Requires improvement', region: 'Wales' },
    rendering: 'pipe',
    ratings: ['P1.1 Good', 'P1.2 Requires improvement', 'P1.3 Requires improvement', 'P2.1 Inadequate', 'P2.2 Inadequate', 'P2.3 Inadequate', 'P2.4 Inadequate'],
    kq: [66, 66, 27, 61, 77, 39, 64, 41, 23, 88, 60, 42],
    counts: { 'Foreword|narrative': 6, 'Recommendations|narrative': 1, 'Recommendations|recommendation': 5, 'Background|narrative': 6, 'P1.1|strength': 9, 'P1.1|improvement': 2, 'P1.2|strength': 6, 'P1.2|improvement': 1, 'P1.3|strength': 7, 'P1.3|improvement': 6, 'Diversity and inclusion|strength': 7, 'Diversity and inclusion|improvement': 3, 'P2.1|narrative': 5, 'P2.2|narrative': 4, 'P2.3|narrative': 5, 'P2.4|narrative': 4 },
    addressee: 'Cwm Taf Morgannwg Probation Delivery Unit',
    footnotes: 5,
  },
  'gwent-pdu-2025': {
    meta: { reportId: 'gwent-pdu-2025', unitName: 'Gwent', unitType: 'pdu', fieldworkStarted: '2025-09', score: 4, scoreMax: 21, overallRating: 'Requires improvement', region: '' },
    rendering: 'glued',
    ratings: ['P1.1 Good', 'P1.2 Requires improvement', 'P1.3 Requires improvement', 'P2.1 Inadequate', 'P2.2 Inadequate', 'P2.3 Inadequate', 'P2.4 Inadequate'],
    kq: [72, 68, 28, 74, 79, 39, 72, 40, 28, 67, 46, 36],
    counts: { 'Foreword|narrative': 8, 'Recommendations|narrative': 1, 'Recommendations|recommendation': 6, 'Background|narrative': 8, 'P1.1|strength': 9, 'P1.1|improvement': 5, 'P1.2|strength': 6, 'P1.2|improvement': 7, 'P1.3|strength': 10, 'P1.3|improvement': 7, 'Diversity and inclusion|strength': 7, 'Diversity and inclusion|improvement': 1, 'P2.1|narrative': 6, 'P2.2|narrative': 5, 'P2.3|narrative': 7, 'P2.4|narrative': 5 },
    addressee: 'Gwent PDU',
    footnotes: 6,
  },
  'wales-region-2025': {
    meta: { reportId: 'wales-region-2025', unitName: 'Wales', unitType: 'region', fieldworkStarted: '2025-07', score: 5, scoreMax: 24, overallRating: 'Requires improvement', region: 'Wales' },
    rendering: 'pipe',
    ratings: ['R1.1 Requires improvement', 'R1.2 Requires improvement', 'R2.1 Inadequate', 'R2.2 Inadequate', 'R2.3 Inadequate', 'R2.4 Inadequate', 'R2.5 Requires improvement', 'R2.6 Good'],
    kq: [35, 43, 34, 42, 72, 77, 47, 59, 32, 45, 74, 64, 76, 53, 92, 75, 81],
    counts: { 'Foreword|narrative': 6, 'Executive summary|narrative': 37, 'Recommendations|narrative': 1, 'Recommendations|recommendation': 6, 'Background|narrative': 7, 'R1.1|strength': 13, 'R1.1|improvement': 8, 'R1.2|strength': 10, 'R1.2|improvement': 4, 'Diversity and inclusion|strength': 7, 'Diversity and inclusion|improvement': 1, 'R2.1|narrative': 7, 'R2.2|narrative': 6, 'R2.3|narrative': 9, 'R2.4|narrative': 6, 'R2.5|narrative': 7, 'R2.6|narrative': 6, 'Learning from Serious Further Offences|narrative': 8 },
    addressee: 'The Probation Service in Wales',
    footnotes: 6,
  },
} as const;

describe.each(Object.entries(EXPECTED))('seed %s', (name, exp) => {
  const { doc, sink } = seedDoc(name);

  it('reads the metadata', () => {
    expect(doc.meta).toMatchObject(exp.meta);
    expect(doc.rendering).toBe(exp.rendering);
  });

  it('reads every rating of the ratings table, in order', () => {
    expect(doc.ratings.map((r) => `${r.standardCode} ${r.rating}`)).toEqual(exp.ratings);
    // every standard also has its own section with the same rating and a statement
    expect(doc.standards.map((s) => `${s.code} ${s.rating}`)).toEqual(exp.ratings);
    for (const s of doc.standards) expect(s.statement.length).toBeGreaterThan(40);
  });

  it('reads the key-question tables', () => {
    expect(doc.keyQuestions.map((q) => q.percentYes)).toEqual(exp.kq);
    for (const q of doc.keyQuestions) expect(q.question).toMatch(/\?$/);
  });

  it('segments every list and paragraph with its polarity', () => {
    const counts: Record<string, number> = {};
    for (const f of doc.findings) counts[`${f.section}|${f.polarity}`] = (counts[`${f.section}|${f.polarity}`] ?? 0) + 1;
    expect(counts).toEqual(exp.counts);
  });

  it('numbers each list from 1 in order', () => {
    const lists = new Map<string, number[]>();
    for (const f of doc.findings) lists.set(`${f.section}|${f.polarity}`, [...(lists.get(`${f.section}|${f.polarity}`) ?? []), f.ordinal]);
    for (const [, ords] of lists) expect(ords).toEqual(ords.map((_, i) => i + 1));
  });

  it('gives recommendations their addressee', () => {
    const recs = doc.findings.filter((f) => f.polarity === 'recommendation');
    expect(new Set(recs.map((r) => r.addressee))).toEqual(new Set([exp.addressee]));
  });

  it('keeps footnotes as records and strips their markers from findings', () => {
    expect(doc.footnotes.map((f) => f.number)).toEqual(Array.from({ length: exp.footnotes }, (_, i) => i + 1));
    for (const fn of doc.footnotes) {
      expect(fn.markers.length, `marker of footnote ${fn.number}`).toBeGreaterThan(0);
      expect(fn.text).not.toMatch(/↩/);
    }
    for (const f of doc.findings) {
      expect(f.text).not.toMatch(/\[\d+\]/);
      expect(f.text).not.toMatch(/[a-z]\.\d\s|rating\s?\d|\s\d[a-z]/);
    }
  });

  it('raises no errors', () => {
    expect(sink.list.filter((m) => m.severity === 'error')).toEqual([]);
  });
});

describe('particular findings', () => {
  it('strips glued footnote digits but keeps the source span', () => {
    const { doc, text } = seedDoc('cardiff-and-the-vale-pdu-2025');
    const f = doc.findings.find((x) => x.text.startsWith('The quality of assessment, delivery and reviewing activity completed by POs'))!;
    expect(f.footnotes).toEqual([1]);
    expect(f.text).toContain('than that completed by PSOs. Some PSOs');
    expect(text.slice(f.start, f.end)).toContain('PSOs.1 Some');
  });

  it('reads a regional ratings table that prints a P code for an R standard', () => {
    const { doc, sink } = seedDoc('wales-region-2025');
    expect(doc.ratings[1]!.standardCode).toBe('R1.2');
    expect(sink.list.map((m) => m.ruleId)).toContain('standard_code_mismatch');
  });

  it('names the PDUs a regional report lists', () => {
    expect(seedDoc('wales-region-2025').doc.meta.pdusNamed).toEqual(['Swansea Neath Port Talbot', 'Cwm Taf Morgannwg', 'Dyfed Powys', 'North Wales', 'Gwent', 'Cardiff and the Vale of Glamorgan']);
  });

  it('marks the lowest key question of each standard', () => {
    const { doc } = seedDoc('wales-region-2025');
    const r26 = doc.keyQuestions.filter((q) => q.standardCode === 'R2.6');
    expect(r26.map((q) => [q.percentYes, q.aspect, q.isLowest])).toEqual([
      [92, 'other', false],
      [75, 'safety', true],
      [81, 'other', false],
    ]);
  });

  it('treats an unheaded list followed by Areas for improvement as strengths', () => {
    const { doc } = seedDoc('wales-region-2025');
    const di = doc.findings.filter((f) => f.section === 'Diversity and inclusion');
    expect(di.map((f) => f.polarity)).toEqual([...Array(7).fill('strength'), 'improvement']);
  });
});
