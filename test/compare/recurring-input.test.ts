import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RecurringInput, textIdentity } from '../../src/compare/recurring-input.ts';
import type { RecurringSource } from '../../src/compare/recurring-findings.ts';

/** The identity as it would be written out longhand: the string that is hashed, then FNV-1a. */
function longhand(family: string, text: string, unitName: string): { key: string; sample: number } {
  const name = new Set(unitName.toLowerCase().split(/[^a-z0-9]+/).filter((w) => (w.length > 2 || /^\d+$/.test(w)) && w !== 'and' && w !== 'the'));
  const words = text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w && !name.has(w));
  const key = `${family}\u0000${words.join(' ')}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return { key, sample: h };
}

describe('textIdentity', () => {
  it.each([
    ['Staff in Gwent PDU felt supported.', 'staff in felt supported', 'Gwent PDU'],
    ['STAFF, in the Gwent PDU — felt supported!', 'staff in the felt supported', 'Gwent PDU'],
    ['Cardiff and the Vale had 12 vacancies', 'and the had 12 vacancies', 'Cardiff and the Vale'],
    ['Café staff’s workload', 'caf staff s workload', 'Wales'],
  ])('%j reads as %j', (text, words, unit) => {
    expect(longhand('strength', text, unit).key).toBe(`strength\u0000${words}`);
    expect(textIdentity('strength', text, unit).sample).toBe(longhand('strength', text, unit).sample);
  });

  it('gives the same key to texts that differ only in case, punctuation or the unit name', () => {
    const a = textIdentity('shortfall', 'Gwent PDU did not review risk.', 'Gwent PDU');
    const b = textIdentity('shortfall', 'Cardiff PDU did not review risk', 'Cardiff PDU');
    expect(a).toEqual(b);
    expect(textIdentity('strength', 'Gwent PDU did not review risk.', 'Gwent PDU').key).not.toBe(a.key);
    expect(textIdentity('shortfall', 'Gwent PDU did review risk.', 'Gwent PDU').key).not.toBe(a.key);
  });

  it('samples exactly as FNV-1a over the longhand string, and keys equal exactly when those strings do', () => {
    const word = fc.constantFrom('staff', 'Risk', 'the', 'and', 'Gwent', 'PDU', '12', 'É', 'i', 'x');
    const sep = fc.constantFrom(' ', ', ', '.', '’', '-', '\n');
    const text = fc.array(fc.tuple(word, sep), { maxLength: 8 }).map((ws) => ws.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(text, text, fc.constantFrom('Gwent PDU', 'Wales', 'Cardiff and the Vale'), (t1, t2, unit) => {
        const [a, b] = [textIdentity('strength', t1, unit), textIdentity('strength', t2, unit)];
        expect(a.sample).toBe(longhand('strength', t1, unit).sample);
        expect(a.key === b.key).toBe(longhand('strength', t1, unit).key === longhand('strength', t2, unit).key);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('RecurringInput', () => {
  const row = (id: string, unit: string, text: string): RecurringSource => ({
    finding_id: `${id}/f001`,
    report_id: id,
    unit_name: unit,
    section: 'P1.1',
    polarity: 'improvement',
    themes: '',
    text,
  });

  it('keeps identical texts once, with every place they occur', () => {
    const input = new RecurringInput();
    input.add([row('a-pdu-2025', 'Alpha PDU', 'Alpha PDU had not reviewed risk in enough cases.')]);
    input.add([row('b-pdu-2025', 'Beta PDU', 'Beta PDU had not reviewed risk in enough cases')]);
    input.add([row('c-pdu-2025', 'Gamma PDU', 'Gamma PDU had not reviewed risk in enough cases.')]);
    expect(input.size).toBe(3);
    const out = input.cluster();
    expect(out).toHaveLength(1);
    expect(out[0]!.n_reports).toBe(3);
    expect(out[0]!.finding_ids).toBe('a-pdu-2025/f001;b-pdu-2025/f001;c-pdu-2025/f001');
  });

  it('gives back finding ids of any form exactly, as they came', () => {
    const input = new RecurringInput();
    const odd = (id: string, findingId: string, unit: string) => ({ ...row(id, unit, `${unit} had not reviewed risk in enough cases.`), finding_id: findingId });
    input.add([odd('a-pdu-2025', 'a-pdu-2025/f1', 'Alpha PDU')]);
    input.add([odd('b-pdu-2025', 'b-pdu-2025/f1234', 'Beta PDU')]);
    input.add([odd('c-pdu-2025', 'custom-id-7', 'Gamma PDU')]);
    input.add([odd('d-pdu-2025', 'd-pdu-2025/f042', 'Delta PDU')]);
    const out = input.cluster();
    expect(out).toHaveLength(1);
    expect(out[0]!.finding_ids).toBe('a-pdu-2025/f1;b-pdu-2025/f1234;custom-id-7;d-pdu-2025/f042');
    expect(out[0]!.units).toBe('Alpha PDU;Beta PDU;Delta PDU;Gamma PDU');
    expect(out[0]!.n_reports).toBe(4);
  });

  it('lists a cluster\'s finding ids in string order, whatever ids one report is a prefix of, and past f999', () => {
    const reportId = fc.constantFrom('gwent-pdu-2025', 'gwent-pdu-2025-2', 'gwent-pdu-2025a', 'gwent-pdu-20250', 'a-region-2025', 'Z-pdu-2024');
    const ordinal = fc.constantFrom(1, 12, 99, 999, 1000, 1234, 20_000);
    const place = fc.tuple(reportId, ordinal, fc.boolean()).map(([r, o, stray]) => ({ r, id: stray ? `${r}-custom-${o}` : `${r}/f${String(o).padStart(3, '0')}` }));
    fc.assert(
      fc.property(fc.uniqueArray(place, { selector: (p) => p.id, minLength: 2, maxLength: 30 }), (places) => {
        fc.pre(new Set(places.map((p) => p.r)).size >= 2);
        const input = new RecurringInput();
        for (const p of places) input.add([{ ...row(p.r, `Unit ${p.r}`, 'Managers had not reviewed risk in enough cases.'), finding_id: p.id }]);
        const out = input.cluster();
        expect(out).toHaveLength(1);
        expect(out[0]!.finding_ids).toBe(places.map((p) => p.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(';'));
      }),
      { numRuns: 200 },
    );
  });

  it('samples consistently past its cap: the same texts are kept whatever the order', () => {
    const rows = Array.from({ length: 400 }, (_, i) => row(`u${i % 7}-pdu-2025`, `U${i % 7} PDU`, `Finding number ${i} about risk ${i * 7919}`));
    const a = new RecurringInput(100);
    a.add(rows);
    const b = new RecurringInput(100);
    b.add([...rows].reverse());
    expect(a.sampled).toBeLessThan(1);
    expect(a.sampled).toBe(b.sampled);
  });
});
