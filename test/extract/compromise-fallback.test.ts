import { describe, expect, it } from 'vitest';
import type { Quantity } from '../../src/schema/quantity.ts';
import { compromiseCalls, readNumberWithCompromise } from '../../src/nlp/compromise-numbers.ts';
import { extractText } from './make-doc.ts';

/**
 * The compromise fallback: number-word spans our own parser cannot read (`a dozen`, `two dozen`,
 * `twelve point five`, `two and a half`, a soft hyphen) are read by compromise through
 * src/nlp/compromise-numbers.ts; everything our parser reads never reaches it.
 */

type Row = [text: string, quote: string, kind: Quantity['kind'], numerator: number | null, denominator: number | null, percent: number | null, value: number, qualifier: string, unit: string];

function only(text: string): Quantity[] {
  return extractText(text).quantities;
}

describe('phrasings the fallback reads', () => {
  it.each<Row>([
    ['Oversight was sufficient in a dozen of the 40 cases.', 'a dozen of the 40', 'count_of', 12, 40, null, 0.3, '', 'cases'],
    ['Two dozen out of 60 respondents said they felt listened to.', 'Two dozen out of 60', 'count_of', 24, 60, null, 0.4, '', 'respondents'],
    ['TWO DOZEN out of 60 respondents agreed.', 'TWO DOZEN out of 60', 'count_of', 24, 60, null, 0.4, '', 'respondents'],
    ['Two-dozen of the 60 cases had a plan.', 'Two-dozen of the 60', 'count_of', 24, 60, null, 0.4, '', 'cases'],
    ['In three dozen of the 100 cases, risk was reviewed.', 'three dozen of the 100', 'count_of', 36, 100, null, 0.36, '', 'cases'],
    ['In 3 dozen of the 100 cases, risk was reviewed.', '3 dozen of the 100', 'count_of', 36, 100, null, 0.36, '', 'cases'],
    ['Only half a dozen of the 20 cases had a sentence plan.', 'half a dozen of the 20', 'count_of', 6, 20, null, 0.3, 'only', 'cases'],
    ['About a dozen of the 40 cases had no review.', 'a dozen of the 40', 'count_of', 12, 40, null, 0.3, 'about', 'cases'],
    ['Thirty\u00adfive of the 40 cases were assessed.', 'Thirty\u00adfive of the 40', 'count_of', 35, 40, null, 0.875, '', 'cases'],
    ['Twelve point five per cent of cases were late.', 'Twelve point five per cent', 'percent', null, null, 12.5, 0.125, '', 'cases'],
    ['Nearly two and a half per cent of staff were absent.', 'two and a half per cent', 'percent', null, null, 2.5, 0.025, 'nearly', 'staff'],
  ])('%s -> %s', (text, quote, kind, numerator, denominator, percent, value, qualifier, unit) => {
    const qs = only(text);
    const q = qs.find((x) => x.quote === quote);
    expect(q, `no quantity quoted "${quote}" in ${JSON.stringify(qs.map((x) => x.quote))}`).toBeDefined();
    expect(text.slice(q!.start, q!.end)).toBe(q!.quote);
    expect(q).toMatchObject({ kind, numerator, denominator, percent, value, qualifier, unit });
    expect(qs).toHaveLength(1);
  });
});

describe('phrasings our own parser reads (the fallback is not asked)', () => {
  it.each<Row>([
    ['It was effective in one hundred and twelve of the 300 cases.', 'one hundred and twelve of the 300', 'count_of', 112, 300, null, 0.3733, '', 'cases'],
    ['Fifteen hundred of 3,000 people responded.', 'Fifteen hundred of 3,000', 'count_of', 1500, 3000, null, 0.5, '', 'people'],
    ['One-Hundred-And-Twelve of the 300 cases were closed.', 'One-Hundred-And-Twelve of the 300', 'count_of', 112, 300, null, 0.3733, '', 'cases'],
    ['A half of the cases had a plan.', 'A half', 'fraction', null, null, null, 0.5, '', 'cases'],
    ['Half of the cases had a plan.', 'Half', 'fraction', null, null, null, 0.5, '', 'cases'],
    ['Seventy-nine per cent of residents identified as White.', 'Seventy-nine per cent', 'percent', null, null, 79, 0.79, '', 'residents'],
  ])('%s -> %s', (text, quote, kind, numerator, denominator, percent, value, qualifier, unit) => {
    const before = compromiseCalls();
    const q = only(text).find((x) => x.quote === quote);
    expect(q).toMatchObject({ kind, numerator, denominator, percent, value, qualifier, unit });
    expect(compromiseCalls()).toBe(before);
  });
});

describe('traps the fallback must not create', () => {
  it.each<[text: string, quotes: string[]]>([
    // `a score of` is a score, not twenty.
    ['The PDU received a score of 4 out of 21.', []],
    ['A score of cases were reviewed, and 10 of 20 cases had a plan.', ['10 of 20']],
    // plural or bare `dozen` is not a number
    ['Dozens of the 40 cases were late.', []],
    ['The dozen cases we saw were all late.', []],
    ['In two of the dozen cases, there was no plan.', []],
    // vague quantities compromise would read (`a few` as 3, `a couple` as 2)
    ['A few of the 40 cases had no plan.', []],
    ['A couple of the 12 staff had left.', []],
    // ordinals
    ['The twenty-first of the 30 cases was closed.', []],
    ['The fifth of 12 cases was closed.', []],
    ['Only the 1st of the 30 cases was closed.', []],
    // a mixed number that is a duration, a half that is not a share
    ['One and a half days a week were given to training.', []],
    ['Staff spent half a day on each case.', []],
    // two numbers, not one (`and` joins numbers only after a scale word): a range, as before
    ['Between five and nine per cent of cases were late.', ['five', 'nine per cent']],
    // seen as one run of words but more than the fallback reads
    ['One hundred hundred of the cases.', []],
  ])('%s', (text, quotes) => {
    expect(only(text).map((q) => q.quote)).toEqual(quotes);
  });
});

describe('readNumberWithCompromise', () => {
  it.each<[span: string, want: number | null]>([
    ['a dozen', 12],
    ['two dozen', 24],
    ['Two-Dozen', 24],
    ['three dozen', 36],
    ['half a dozen', 6],
    ['twelve point five', 12.5],
    ['Twelve Point Five', 12.5],
    ['two and a half', 2.5],
    ['thirty\u00adfive', 35],
    ['seventy\u2012nine', 79],
    ['fifteen hundred', 1500],
    ['one hundred and twelve', 112],
    // not numbers, or not ones compromise reads right
    ['dozen', null],
    ['dozens', null],
    ['a score', null],
    ['a few', null],
    ['a couple', null],
    ['several', null],
    ['half', null],
    ['a half', null],
    ['twenty-first', null],
    ['one-third', null],
    ['one in five', null],
    ['five and nine', null],
    ['point five', null],
    ['nine hundred hundred', null],
    ['two thousand three thousand', null],
    ['one and a half thousand', null],
    ['one two three four five six seven', null],
  ])('%s -> %s', (span, want) => {
    expect(readNumberWithCompromise(span)).toBe(want);
  });
});
