import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMBER_WORDS_SRC, numberToWords, parseNumber, parseNumberWords } from '../../src/extract/number-words.ts';
import { extractText } from './make-doc.ts';

const WHOLE = new RegExp(`^${NUMBER_WORDS_SRC}$`, 'i');

describe('parseNumberWords', () => {
  it.each<[string, number]>([
    ['nine', 9],
    ['Seventy-nine', 79],
    ['seventy nine', 79],
    ['twelve', 12],
    ['Thirteen', 13],
    ['ninety-nine', 99],
    ['one hundred', 100],
    ['a hundred', 100],
    ['one hundred and five', 105],
    ['two hundreds', 200],
    ['twelve hundred', 1200],
    ['one thousand and five', 1005],
    ['two thousand three hundred and forty-one', 2341],
    ['three hundred thousand', 300_000],
    ['zero', 0],
    ['Forty-\nfive', 45],
  ])('%s = %d', (s, n) => {
    expect(parseNumberWords(s)).toEqual({ ok: true, value: n });
  });

  it.each(['', 'one two', 'twenty thirty', 'five and nine', 'hundred', 'and', 'a', 'one hundred and', 'ten twelve', 'cases', 'thousand thousand'])(
    'rejects %j with a reason',
    (s) => {
      const r = parseNumberWords(s);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
    },
  );

  it('round-trips every number written in words (hyphens or spaces, with or without "and")', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.boolean(), fc.boolean(), (n, hyphen, and) => {
        expect(parseNumberWords(numberToWords(n, { hyphen, and }))).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('ignores case and the kind of whitespace between words (line breaks included)', () => {
    const sep = fc.constantFrom(' ', '  ', '\n', ' \n', '\t');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), sep, fc.boolean(), (n, s, upper) => {
        let w = numberToWords(n).replace(/ /g, s);
        w = upper ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1);
        expect(parseNumberWords(w)).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('the token regex matches every written number whole', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.boolean(), (n, hyphen) => {
        expect(WHOLE.test(numberToWords(n, { hyphen }))).toBe(true);
      }),
    );
  });

  it('never throws, and any value it returns is a non-negative integer', () => {
    const word = fc.constantFrom('one', 'two', 'nine', 'ten', 'twelve', 'twenty', 'ninety', 'hundred', 'thousand', 'and', 'a', 'cases', 'million');
    fc.assert(
      fc.property(fc.array(word, { minLength: 0, maxLength: 7 }), (words) => {
        const r = parseNumberWords(words.join(' '));
        if (r.ok) {
          expect(Number.isInteger(r.value)).toBe(true);
          expect(r.value).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});

describe('parseNumber', () => {
  it.each<[string, number]>([
    ['26', 26],
    ['3,620', 3620],
    ['13,427', 13427],
    ['1.25', 1.25],
    ['4.8', 4.8],
    ['nine', 9],
  ])('%s = %d', (s, n) => expect(parseNumber(s)).toEqual({ ok: true, value: n }));

  it.each(['3,62', '1,2345', '12a', ''])('rejects %j', (s) => expect(parseNumber(s).ok).toBe(false));

  it('reads thousands separators as written in British English', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), (n) => {
        expect(parseNumber(n.toLocaleString('en-GB'))).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe('numbers inside the extractor', () => {
  it('any percentage 0..100, in digits or words, gives that percent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.boolean(), fc.constantFrom(' per cent', '%', ' percent'), (n, words, unit) => {
        const num = words ? numberToWords(n) : String(n);
        const text = `Planning was sufficient in ${num}${unit} of cases.`;
        const { quantities } = extractText(text);
        expect(quantities).toHaveLength(1);
        expect(quantities[0]).toMatchObject({ kind: 'percent', percent: n, quote: `${num}${unit}`, unit: 'cases' });
      }),
    );
  });

  it('any "m out of n" count, in digits or words, gives m/n', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        fc.boolean(),
        fc.constantFrom(' out of ', ' of ', ' of the ', ' out of the '),
        ([m, n], words, link) => {
          const a = words ? numberToWords(m) : m.toLocaleString('en-GB');
          const text = `Sufficient in ${a}${link}${n.toLocaleString('en-GB')} relevant cases.`;
          const { quantities } = extractText(text);
          expect(quantities).toHaveLength(1);
          expect(quantities[0]).toMatchObject({ kind: 'count_of', numerator: m, denominator: n, unit: 'cases' });
          // The value is rounded to 4 decimals: at most half a unit of the fourth away (toBeCloseTo(x, 4) fails on exact halves such as 1/4000).
          expect(Math.abs(quantities[0]!.value! - m / n)).toBeLessThanOrEqual(0.00005 + 1e-12);
        },
      ),
    );
  });
});
