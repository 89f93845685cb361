import { describe, expect, it } from 'vitest';
import { parsePattern, PatternTrie, stepsToString } from '../../src/themes/patterns.ts';
import { tokenize } from '../../src/themes/tokens.ts';
import { compileCues, DEFAULT_CUES, findLists, findPassingSpans } from '../../src/themes/context.ts';

/** Surface strings of every match of `term` in `text`. */
function matches(term: string, text: string): string[] {
  const p = parsePattern(term);
  if (!p.ok) throw new Error(p.reason);
  const trie = new PatternTrie();
  for (const v of p.variants) trie.add(v, 0);
  const t = tokenize(text);
  const out: string[] = [];
  trie.matchAll(t, (_id, first, last) => out.push(text.slice(t.start[first]!, t.end[last]!)));
  return out;
}

describe('term patterns', () => {
  it.each<[string, string, string[]]>([
    ['workload', 'Workloads and the workload were high.', ['Workloads', 'workload']],
    ['engage', 'engaged, engaging and engage; but not engagement', ['engaged', 'engaging', 'engage']],
    ['risk of harm', 'the risk of\nharm was high', ['risk of\nharm']],
    ['risk of harm', 'the risk of, harm', []],
    ['co-location', 'co-location, co location, colocation and co-\nlocation', ['co-location', 'co location', 'colocation', 'co-\nlocation']],
    ["children's services", "children's services, childrens services and child services", ["children's services", 'childrens services']],
    ['CRS', 'CRS providers, not crs', ['CRS']],
    ['SFO', 'two SFOs', ['SFOs']],
    ['IT', 'IT systems; it was', ['IT']],
    ['=housing', 'housing and house', ['housing']],
    ['neurodiver*', 'neurodiversity and neurodivergent people', ['neurodiversity', 'neurodivergent']],
    ['despite ... workloads', 'Despite very high workloads, staff coped', ['Despite very high workloads']],
    ['despite ... workloads', 'Despite this, workloads rose', []],
    ['finance, benefit, and debt', 'finance, benefit, and debt services', ['finance, benefit, and debt']],
    ['finance, benefit, and debt', 'finance benefit and debt', []],
  ])('%s in %j', (term, text, expected) => {
    expect(matches(term, text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['', 'is empty'],
    ['... risk', '"... risk" starts or ends with "..."'],
    ['risk ... ... harm', '"risk ... ... harm" has "..." twice in a row'],
    ['ab*', '"ab*" has a prefix "ab*" that is not three or more letters'],
    ['=tw-o', '"=tw-o" has an exact word "=tw-o" that is not a single word'],
  ])('refuses %j', (term, reason) => {
    const p = parsePattern(term);
    expect(p).toEqual({ ok: false, reason });
  });

  it('shows steps readably', () => {
    const p = parsePattern('co-location');
    expect(p.ok && p.variants.map(stepsToString)).toEqual(['co location', 'colocation']);
  });
});

describe('tokens', () => {
  it('keeps offsets into the text and drops possessives', () => {
    const text = "The PDU’s children's team (CRS) re-\nferred.";
    const t = tokenize(text);
    expect(Array.from({ length: t.n }, (_, i) => text.slice(t.start[i]!, t.end[i]!))).toEqual(['The', 'PDU', 'children', 'team', 'CRS', 're-\nferred']);
    expect(t.caps.slice(0, 2)).toEqual(['', 'PDU']);
  });
});

describe('bare enumerations', () => {
  function lists(text: string): string[][] {
    const t = tokenize(text);
    return findLists(t).map((l) => l.items.map((it) => text.slice(t.start[it.first]!, t.end[it.last]!)));
  }
  // The first and last items are guesses of up to four words (the lead-in's last words, the words after "and").
  it.each<[string, string[][]]>([
    ['Support with asylum, immigration, benefits and accommodation advice.', [['asylum', 'immigration', 'benefits', 'accommodation advice']]],
    ['It covered line management, HR duties, leading subject areas, and providing oversight on cases.', [['covered line management', 'HR duties', 'leading subject areas', 'providing oversight on cases']]],
    ['Staff were supportive, leaders were visible, and training was good.', []],
    ['However, staffing, both inside the PDU and across providers, was poor.', []],
    ['Reviews were done, which helped, and plans improved.', []],
  ])('%j', (text, expected) => {
    expect(lists(text)).toEqual(expected);
  });
});

describe('passing spans', () => {
  const cues = compileCues(DEFAULT_CUES);
  function spans(text: string): string[] {
    const t = tokenize(text);
    return findPassingSpans(t, cues).map((c) => `${c.kind}:${c.phrase}:${c.last >= c.first ? text.slice(t.start[c.first]!, t.end[c.last]!) : ''}`);
  }
  it.each<[string, string[]]>([
    ['Issues such as A, B and C, undermined the work.', ['example:such as:A, B and C']],
    ['Issues such as A, B, and C were common.', ['example:such as:A, B, and C']],
    ['Delays due to vetting and checks meant that workloads rose.', ['cause:due to:vetting and checks']],
    ['Groups such as those who were homeless and those who had debts fared worse.', ['example:such as:those who were homeless and those who had debts fared worse']],
    ['Challenges included many issues, including the poor and unsafe offices, and late information, which Leaders knew.', ['example:including:the poor and unsafe offices, and late information']],
    ['It was delayed due to sickness; plans were late.', ['cause:due to:sickness']],
    ['It was compounded by X; Y; and Z.', ['cause:compounded by:X; Y; and Z']],
    ['Steps were taken (such as co-location and briefings) to help.', ['example:such as:co-location and briefings']],
    ['Training, e.g. on safeguarding, was good.', ['example:e.g.:on safeguarding']],
    ['It was likely to help.', []],
  ])('%j', (text, expected) => {
    expect(spans(text)).toEqual(expected);
  });
});
