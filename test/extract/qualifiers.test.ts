import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findQualifierBefore, QUALIFIER_PHRASES, QUALIFIER_SENSES, qualifierRange, qualifierTableMarkdown, senseOf } from '../../src/extract/qualifiers.ts';

describe('the qualifier table', () => {
  it('has every phrase once, lower-case, with a known sense', () => {
    const phrases = QUALIFIER_PHRASES.map(([p]) => p);
    expect(new Set(phrases).size).toBe(phrases.length);
    for (const [p, s] of QUALIFIER_PHRASES) {
      expect(p).toBe(p.toLowerCase().trim());
      expect(QUALIFIER_SENSES[s]).toBeDefined();
    }
  });

  it.each<[string, string | null]>([
    ['almost', 'just-under'],
    ['only', 'exact'],
    ['just', 'exact'],
    ['just over', 'just-over'],
    ['only just over', 'just-over'],
    ['only approximately', 'approx'],
    ['only a little over', 'just-over'],
    ['well below', 'well-under'],
    ['up to', 'at-most'],
    ['', null],
    ['sometimes', null],
  ])('sense of %j is %s', (q, sense) => expect(senseOf(q)).toBe(sense));

  it.each<[string, number, number, number]>([
    ['', 0.41, 0.41, 0.41],
    ['only', 0.41, 0.41, 0.41],
    ['almost', 0.6667, 0.6167, 0.6667],
    ['less than', 0.5, 0.35, 0.5],
    ['over', 0.7, 0.7, 0.85],
    ['just over', 0.5, 0.5, 0.55],
    ['around', 0.11, 0.088, 0.132],
    ['well below', 0.5, 0.2, 0.45],
    ['up to', 1.4, 1.25, 1.4],
    ['more than', 0.95, 0.95, 1],
    ['fewer than', 0.04, 0.02, 0.04],
  ])('%j %d -> [%d, %d]', (q, v, low, high) => expect(qualifierRange(q, v)).toEqual({ low, high }));

  it('ranges stay inside 0..1 for proportions and hold the value unless the hedge says "well"', () => {
    fc.assert(
      fc.property(fc.constantFrom(...QUALIFIER_PHRASES.map(([p]) => p)), fc.double({ min: 0, max: 1, noNaN: true }), (q, v) => {
        const { low, high } = qualifierRange(q, v);
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(1);
        expect(low).toBeLessThanOrEqual(high);
        if (!senseOf(q)!.startsWith('well')) {
          expect(low).toBeLessThanOrEqual(Math.round(v * 1e4) / 1e4 + 1e-9);
          expect(high).toBeGreaterThanOrEqual(Math.round(v * 1e4) / 1e4 - 1e-9);
        }
      }),
    );
  });
});

describe('findQualifierBefore', () => {
  it.each<[string, string | null]>([
    ['sufficient in only just over ', 'only just over'],
    ['Just ', 'just'],
    ['with only approximately ', 'only approximately'],
    ['the level was slightly higher than ', 'slightly higher than'],
    ['in ', null],
    ['Overall, ', null],
    ['A reasonable majority (', null],
    ['(only ', 'only'],
    ['moreover ', null],
  ])('%j -> %j', (before, q) => {
    const text = `${before}45 per cent`;
    expect(findQualifierBefore(text, before.length, 0)?.text ?? null).toBe(q);
  });

  it('never reads back past the floor', () => {
    const text = 'Less than. Half';
    expect(findQualifierBefore(text, 11, 11)).toBeNull();
  });
});

describe('documentation', () => {
  it('the README shows the qualifier table exactly as the data defines it', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'extract', 'README.md'), 'utf8');
    expect(readme).toContain(qualifierTableMarkdown());
  });
});
