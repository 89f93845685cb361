import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Quantity } from '../../src/schema/quantity.ts';
import type { KeyQuestion } from '../../src/schema/document.ts';
import { docFor, extractText } from './make-doc.ts';
import { MessageSink } from '../../src/core/messages.ts';
import { extractQuantities } from '../../src/extract/extract-quantities.ts';

type Row = [text: string, raw: string, kind: string, numerator: number | null, denominator: number | null, percent: number | null, value: number, qualifier: string, unit: string];

/** Find the quantity whose quote is `raw` (the n-th if it repeats) and check every field. */
function expectQuantity(text: string, raw: string, want: Partial<Quantity>, nth = 0) {
  const { quantities } = extractText(text);
  const hits = quantities.filter((q) => q.quote === raw);
  expect(hits.length, `no quantity quoted "${raw}" in ${JSON.stringify(quantities.map((q) => q.quote))}`).toBeGreaterThan(nth);
  const q = hits[nth]!;
  expect(text.slice(q.start, q.end)).toBe(q.quote);
  expect(q).toMatchObject(want);
  return q;
}

describe('percentages', () => {
  it.each<Row>([
    ['Management oversight was sufficient in 66% of cases.', '66%', 'percent', null, null, 66, 0.66, '', 'cases'],
    ['Planning was sufficient in 41 per cent of cases.', '41 per cent', 'percent', null, null, 41, 0.41, '', 'cases'],
    ['The standdown rate was 1.25 per cent, against a national target.', '1.25 per cent', 'percent', null, null, 1.25, 0.0125, '', ''],
    ['Only nine per cent of accredited programmes had commenced.', 'nine per cent', 'percent', null, null, 9, 0.09, 'only', 'programmes'],
    ['Seventy-nine per cent of residents identified as White.', 'Seventy-nine per cent', 'percent', null, null, 79, 0.79, '', 'residents'],
    ['Workloads had come down from 102 to 97 per cent for POs.', '102', 'percent', null, null, 102, 1.02, '', ''],
    ['Workloads had come down from 102 to 97 per cent for POs.', '97 per cent', 'percent', null, null, 97, 0.97, '', ''],
    ['Between 40 and 60 per cent of staff agreed.', '40', 'percent', null, null, 40, 0.4, '', 'staff'],
    ['The rate rose from 14.6 per cent to 20.6 per cent in the year.', '20.6 per cent', 'percent', null, null, 20.6, 0.206, '', ''],
    ['Around 60 per cent of staff sickness related to stress.', '60 per cent', 'percent', null, null, 60, 0.6, 'around', ''],
    ['Some POs were holding up to 140 per cent of their overall capacity.', '140 per cent', 'percent', null, null, 140, 1.4, 'up to', ''],
    ['Practitioners were flexible in most of the cases we inspected (84 per cent).', '84 per cent', 'percent', null, null, 84, 0.84, '', 'cases'],
    ['Of the practitioners who completed our survey, 74 per cent said they had a caseload below 40.', '74 per cent', 'percent', null, null, 74, 0.74, '', 'practitioners'],
    ['At the time the percentage of UPW cases with hours outstanding was five per cent, down from nine per cent.', 'nine per cent', 'percent', null, null, 9, 0.09, '', 'cases'],
    ['In our regional survey, 82 per cent of respondents agreed, as did 67 per cent of those completing the PDU survey.', '67 per cent', 'percent', null, null, 67, 0.67, '', ''],
    ['Overall, in 14 per cent of relevant enquiries to the police and 21 per cent to children’s services, information was insufficient.', '21 per cent', 'percent', null, null, 21, 0.21, '', 'enquiries'],
    ['Approximately 12.5% of the caseload was female.', '12.5%', 'percent', null, null, 12.5, 0.125, 'approximately', ''],
    ['Ninety-five percent of cases had an assessment.', 'Ninety-five percent', 'percent', null, null, 95, 0.95, '', 'cases'],
    ['Nearly half (48 per cent) of cases were assessed.', '48 per cent', 'percent', null, null, 48, 0.48, '', 'cases'],
  ])('%s -> %s', (text, raw, kind, numerator, denominator, percent, value, qualifier, unit) => {
    expectQuantity(text, raw, { kind: kind as Quantity['kind'], numerator, denominator, percent, value, qualifier, unit });
  });
});

describe('counts of a whole', () => {
  it.each<Row>([
    ['In our survey, 26 out of 38 respondents considered the culture open.', '26 out of 38', 'count_of', 26, 38, null, 0.6842, '', 'respondents'],
    ['In 26 of 42 cases we inspected, oversight was insufficient.', '26 of 42', 'count_of', 26, 42, null, 0.619, '', 'cases'],
    ['Where only three of 16 cases were considered sufficient.', 'three of 16', 'count_of', 3, 16, null, 0.1875, 'only', 'cases'],
    ['Twelve out of 18 respondents said their practitioner listened.', 'Twelve out of 18', 'count_of', 12, 18, null, 0.6667, '', 'respondents'],
    ['In May 2025 UPW had exceeded five out of its six primary performance targets.', 'five out of its six', 'count_of', 5, 6, null, 0.8333, '', 'targets'],
    ['A reasonable majority (13 out of 18) of respondents said they had a good relationship.', '13 out of 18', 'count_of', 13, 18, null, 0.7222, '', 'respondents'],
    ['Insufficient enforcement action was taken in 16 out 45 relevant cases.', '16 out 45', 'count_of', 16, 45, null, 0.3556, '', 'cases'],
    ['Out of the 13 MAPPA-eligible cases inspected, there was evidence of oversight, including joint working with the police, in eight cases.', '13 MAPPA-eligible cases inspected, there was evidence of oversight, including joint working with the police, in eight', 'count_of', 8, 13, null, 0.6154, '', 'cases'],
    ['Of the 13 cases we inspected, in eight there was a plan.', '13 cases we inspected, in eight', 'count_of', 8, 13, null, 0.6154, '', 'cases'],
    ['The unit had reviewed 1,092 of 3,620 cases by the end of September.', '1,092 of 3,620', 'count_of', 1092, 3620, null, 0.3017, '', 'cases'],
    ['This was the case across five of the six PDUs we visited.', 'five of the six', 'count_of', 5, 6, null, 0.8333, '', 'PDUs'],
    ['Most staff (41 out of 60) who responded felt that learning was promoted.', '41 out of 60', 'count_of', 41, 60, null, 0.6833, '', 'staff'],
    ['Only 20 out of 48 home visits had been completed where necessary.', '20 out of 48', 'count_of', 20, 48, null, 0.4167, 'only', 'visits'],
    ['We inspected 11 cases subject to Probation Reset, with three of these inspected against adjusted standards.', '11 cases subject to Probation Reset, with three', 'count_of', 3, 11, null, 0.2727, '', 'cases'],
    ['Six of the 42 cases we inspected were subject to Probation Reset, with two having the adjusted standards applied.', 'Six of the 42 cases we inspected were subject to Probation Reset, with two', 'count_of', 2, 6, null, 0.3333, '', 'cases'],
    ['Coordination in the nine MAPPA cases inspected was also limited, with only three showing joint working.', 'nine MAPPA cases inspected was also limited, with only three', 'count_of', 3, 9, null, 0.3333, 'only', 'cases'],
    ['The staff survey indicated that, out of 21 staff who needed reasonable adjustments, 14 had been agreed.', '21 staff who needed reasonable adjustments, 14', 'count_of', 14, 21, null, 0.6667, '', 'staff'],
    ['We inspected 338 cases, of which 224 were community sentences and 114 were licences.', '338 cases, of which 224 were community sentences and 114', 'count_of', 114, 338, null, 0.3373, '', 'cases'],
    ['The region was managing 13,427 people on probation, including 3,038 held in custody.', '13,427 people on probation, including 3,038', 'count_of', 3038, 13427, null, 0.2263, '', 'people'],
    ['Of the seven recommendations made at the last inspection, three had been met.', 'seven recommendations made at the last inspection, three', 'count_of', 3, 7, null, 0.4286, '', 'recommendations'],
    ['We inspected 45 cases, 12 of which involved domestic abuse.', '45 cases, 12', 'count_of', 12, 45, null, 0.2667, '', 'cases'],
    ['In all but two of the 20 cases, the practitioner had made enquiries.', 'all but two of the 20', 'count_of', 18, 20, null, 0.9, '', 'cases'],
    ['None of the 12 cases we inspected had a completed plan.', 'None of the 12', 'count_of', 0, 12, null, 0, '', 'cases'],
    ['Practitioners made enquiries in 12 cases out of 20.', '12 cases out of 20', 'count_of', 12, 20, null, 0.6, '', 'cases'],
    ['In 12 (27 per cent) of the 45 cases, the plan was sufficient.', '12 (27 per cent) of the 45', 'count_of', 12, 45, null, 0.2667, '', 'cases'],
    ['In one of the 16 cases, there was no plan.', 'one of the 16', 'count_of', 1, 16, null, 0.0625, '', 'cases'],
    ['Victims were considered in 31 (56 per cent) of the 55 relevant cases, and their safety in 29 out of the 55.', '29 out of the 55', 'count_of', 29, 55, null, 0.5273, '', 'cases'],
    ['Of the 20 cases needing a MAPPA level, this had been set in 12, and in three of these the level was wrong.', '12, and in three', 'count_of', 3, 12, null, 0.25, '', 'cases'],
    ['Eighty-two per cent of people who answered our survey (46 out of 56) said contact was easy.', '46 out of 56', 'count_of', 46, 56, null, 0.8214, '', 'people'],
    ['The PDU has two approved premises, one of which is run by a charity.', 'two approved premises, one', 'count_of', 1, 2, null, 0.5, '', 'premises'],
    ['Inspectors rated 45 of the 60 cases as sufficient.', '45 of the 60', 'count_of', 45, 60, null, 0.75, '', 'cases'],
    ['In 45 of 60 cases practitioners may have missed risks.', '45 of 60', 'count_of', 45, 60, null, 0.75, '', 'cases'],
    ['Nine out of 10 people on probation said they felt safe.', 'Nine out of 10', 'count_of', 9, 10, null, 0.9, '', 'people'],
    ['In Cardiff, 11 out of 14 cases reviewed met our standard, whereas in Swansea it was only five out of 16.', 'five out of 16', 'count_of', 5, 16, null, 0.3125, 'only', 'cases'],
  ])('%s -> %s', (text, raw, kind, numerator, denominator, percent, value, qualifier, unit) => {
    expectQuantity(text, raw, { kind: kind as Quantity['kind'], numerator, denominator, percent, value, qualifier, unit });
  });
});

describe('fractions', () => {
  it.each<Row>([
    ['In two-thirds of cases, practitioners considered personal circumstances.', 'two-thirds', 'fraction', null, null, null, 0.6667, '', 'cases'],
    ['Violent offending represented over a third of the probation caseload.', 'a third', 'fraction', null, null, null, 0.3333, 'over', ''],
    ['Coordination with other organisations was adequate in half of cases.', 'half', 'fraction', null, null, null, 0.5, '', 'cases'],
    ['Objectives were evident in around three-quarters of the cases we inspected.', 'three-quarters', 'fraction', null, null, null, 0.75, 'around', 'cases'],
    ['Work was judged sufficient in fewer than one in five cases we inspected.', 'one in five', 'fraction', 1, 5, null, 0.2, 'fewer than', 'cases'],
    ['Two thirds of respondents agreed.', 'Two thirds', 'fraction', null, null, null, 0.6667, '', 'respondents'],
    ['Planning was sufficient in almost two-\nthirds of cases.', 'two-\nthirds', 'fraction', null, null, null, 0.6667, 'almost', 'cases'],
    ['Planning was sufficient in over three\nquarters of cases.', 'three\nquarters', 'fraction', null, null, null, 0.75, 'over', 'cases'],
    // A hard-wrapped list item: the unit on the next line, after the item's hanging indent.
    ['-   Attrition rates were low at 1.3\n    per cent, below the regional average.', '1.3\n    per cent', 'percent', null, null, 1.3, 0.013, '', ''],
    ['In our PDU inspections, less than half of the cases we reviewed met the standard.', 'half', 'fraction', null, null, null, 0.5, 'less than', 'cases'],
    ['In only half the cases we reviewed did assessment consider diverse needs.', 'half', 'fraction', null, null, null, 0.5, 'only', 'cases'],
    ['When aggregated, the number of sufficient cases remained well below half.', 'half', 'fraction', null, null, null, 0.5, 'well below', 'cases'],
    ['Between a third and a half of reviews were completed late.', 'a third', 'fraction', null, null, null, 0.3333, '', ''],
    ['The number of people with a mental health need rose by a quarter between 2023 and 2024.', 'a quarter', 'fraction', null, null, null, 0.25, '', 'people'],
    ['Just over two-fifths of cases had a plan.', 'two-fifths', 'fraction', null, null, null, 0.4, 'just over', 'cases'],
    ['Half of sentence plans were reviewed on time.', 'Half', 'fraction', null, null, null, 0.5, '', 'plans'],
    ['Approximately one-third of the 200 cases were reviewed.', 'one-third', 'fraction', null, null, null, 0.3333, 'approximately', 'cases'],
    ['The implementation was insufficient in the majority of cases, with less than a quarter assessed as effective.', 'a quarter', 'fraction', null, null, null, 0.25, 'less than', 'cases'],
  ])('%s -> %s', (text, raw, kind, numerator, denominator, percent, value, qualifier, unit) => {
    expectQuantity(text, raw, { kind: kind as Quantity['kind'], numerator, denominator, percent, value, qualifier, unit });
  });
});

describe('qualifiers', () => {
  it.each<[text: string, raw: string, qualifier: string, low: number, high: number]>([
    ['Local services were engaged in almost half of inspected cases.', 'half', 'almost', 0.45, 0.5],
    ['Over half of all respondents indicated that the culture promoted openness.', 'half', 'over', 0.5, 0.65],
    ['Home visits were undertaken in just over half of cases.', 'half', 'just over', 0.5, 0.55],
    ['Less than half of cases had received services.', 'half', 'less than', 0.35, 0.5],
    ['Fewer than half of plans addressed all risk of harm factors.', 'half', 'fewer than', 0.35, 0.5],
    ['Management oversight was effective in only 13 of the 54 relevant cases.', '13 of the 54', 'only', 0.2407, 0.2407],
    ['Management oversight was effective in just 19 per cent of cases.', '19 per cent', 'just', 0.19, 0.19],
    ['For PSOs, that increase was around 11 per cent.', '11 per cent', 'around', 0.088, 0.132],
    ['Only approximately a third of relevant assessments identified risks.', 'a third', 'only approximately', 0.2833, 0.3833],
    ['Nearly half of all staff responding indicated that change was assessed.', 'half', 'nearly', 0.45, 0.5],
    ['More than two-thirds of plans built on strengths.', 'two-thirds', 'more than', 0.6667, 0.8167],
    ['Some POs were holding up to 140 per cent of their overall capacity.', '140 per cent', 'up to', 1.25, 1.4],
    ['CRS was provided in around three-quarters of cases, but only a little over half of them were the right services.', 'half', 'only a little over', 0.5, 0.55],
    ['Planning to keep other people safe was sufficient in only just over a third of cases.', 'a third', 'only just over', 0.3333, 0.3833],
    ['The level was slightly higher than half in North Wales PDU.', 'half', 'slightly higher than', 0.5, 0.55],
    ['Contact was sufficient in over 70 per cent of cases.', '70 per cent', 'over', 0.7, 0.85],
    ['Reviewing was sufficient in at least half of plans.', 'half', 'at least', 0.5, 0.65],
    ['A reasonable majority (13 out of 18) of respondents agreed.', '13 out of 18', '', 0.7222, 0.7222],
  ])('%s -> %s [%s]', (text, raw, qualifier, low, high) => {
    expectQuantity(text, raw, { qualifier, valueLow: low, valueHigh: high });
  });

  it('one qualifier governs coordinated mentions', () => {
    const text = 'There was effective multi-agency working in only 84 of 235 relevant cases regarding safeguarding children, and 101 of 241 relevant cases regarding domestic abuse.';
    const { quantities } = extractText(text);
    expect(quantities.map((q) => [q.quote, q.qualifier, q.unit])).toEqual([
      ['84 of 235', 'only', 'cases'],
      ['101 of 241', 'only', 'cases'],
    ]);
  });

  it.each<[string, string[]]>([
    ['Sufficient information was provided in only 37 per cent of cases in Cardiff and 28 per cent of cases in Dyfed Powys.', ['only', 'only']],
    ['Multi-agency working was inconsistent, with just 31 per cent and 36 per cent respectively demonstrating information-sharing.', ['just', 'just']],
    ['Only six out of 31 relevant cases received support for alcohol misuse, and just seven out of 39 relevant cases for drug misuse.', ['only', 'just']],
    ['Across the six PDUs only 46 per cent of survey respondents said their caseloads were manageable, this increased to 60 per cent of those we interviewed.', ['only', '']],
    ['Only 261 of the 338 cases we reviewed (77 per cent) focused on desistance.', ['only', 'only']],
    ['Fewer than half (45 per cent) were reviewed.', ['fewer than', '']],
  ])('coordination: %s', (text, qualifiers) => {
    expect(extractText(text).quantities.map((q) => q.qualifier)).toEqual(qualifiers);
  });
});

describe('traps: not quantities', () => {
  it.each<[why: string, text: string]>([
    ['membership', 'Cardiff and the Vale was one of six PDUs in the Wales probation region.'],
    ['membership by apposition', 'Ty Newydd, one of four approved premises in Wales, has 20 beds.'],
    ['membership without a number', 'The area had one of the highest reoffending rates in Wales.'],
    ['ordinal', 'Both hubs were hosted by a third sector partner, Safer Wales.'],
    ['a third party', 'A third party was involved in the referral.'],
    ['point in time', 'Contact was suspended for the final third of their supervision period.'],
    ['duration', 'Provision was restricted to half a day per week at the police station.'],
    ['duration with of', 'Contact was suspended for a third of their sentence.'],
    ['part of a year', 'Referrals fell in a quarter of 2024 and in half of the year.'],
    ['document position', 'Figure 1 of 3 and table 2 of 4 show recommendation 3 of 7.'],
    ['calendar half', 'Referrals rose in the second half of the year.'],
    ['frequency', 'Managers met once a quarter, for a quarter of an hour.'],
    ['compound modifier', 'Staff attended half-day training and three-year plans.'],
    ['one and a half', 'The review took one and a half days.'],
    ['score', 'Fieldwork started September 2025Score 4/21'],
    ['score in words', 'The PDU received a score of 4 out of 21, and was rated 3 out of 5.'],
    ['position in a sequence', 'In week 3 of 12 the practitioner visited; page 2 of 4 lists the staff.'],
    ['standard codes', 'P 1.1 LeadershipRequires improvement. R2.4 Unpaid work. P 2.3. Implementation and delivery.'],
    ['caseload average', 'Across the six PDUs, the average caseload was 33.28 for a probation officer.'],
    ['days lost', 'Although average PO sickness decreased from 18.2 to 14.8 days, absence rose.'],
    ['codes with digits', 'The PDU responded to SDS40, completed SEEDS2 training and used 3SC provision.'],
    ['count with no whole', 'There was a backlog of more than 100 MAPPA-eligible cases, and almost 70 reviews were overdue.'],
    ['years', 'The head had been in post since 2022, and the hub opened in 2023.'],
    ['dates', 'Sentences commenced between 10 February 2025 and 16 February 2025, and 13 May 2024 to 12 May 2025.'],
    ['ages', 'People on probation aged 18–25 were supervised at the hub; men aged 40–49 and 18–25-year-olds also.'],
    ['age range in words', 'Officers focused on individuals aged 18 to 24.'],
    ['durations', 'Mental health treatment requirements had been available for 12 months, and six weeks after release.'],
    ['counts without a link', 'We inspected 45 community orders and 14 releases on licence, and conducted 44 interviews.'],
    ['cross-sentence part', 'The region managed a total caseload of 13,427. Of these, 6,669 were subject to a community order.'],
    ['money', 'The project received £3,000 of £5,000 requested.'],
    ['majority words', 'In a reasonable majority of cases, and in nearly all cases, people were seen.'],
    ['percentage points', 'The proportion rose by 15 percentage points.'],
  ])('%s', (_why, text) => {
    expect(extractText(text).quantities.map((q) => q.quote)).toEqual([]);
  });

  it('skips footnote markers glued to words', () => {
    const text = 'Work by POs was more often sufficient than that completed by PSOs.1 Some PSOs were concerned. Our rating5 for delivery is based on 45 per cent of cases.';
    const markers = [text.indexOf('.1 ') + 1, text.indexOf('rating5') + 6].map((s) => ({ start: s, end: s + 1 }));
    const { quantities } = extractText(text, { markers });
    expect(quantities.map((q) => q.quote)).toEqual(['45 per cent']);
  });
});

describe('warnings', () => {
  it('numerator_exceeds_denominator, with the span', () => {
    const text = 'In 34 of 30 cases the plan was sufficient.';
    const { quantities, sink } = extractText(text);
    expect(quantities).toHaveLength(1);
    expect(sink.list.map((m) => [m.ruleId, m.severity, m.start, m.end])).toEqual([['numerator_exceeds_denominator', 'warning', 3, 11]]);
    expect(sink.list[0]!.message).toBe('"34 of 30": numerator 34 exceeds denominator 30');
  });

  it('percent_over_100 for a share, not for capacity, workload or a change', () => {
    const bad = extractText('Attendance at appointments was 120 per cent of cases.');
    expect(bad.sink.list.map((m) => [m.ruleId, m.start, m.end])).toEqual([['percent_over_100', 31, 43]]);
    for (const ok of [
      'Some POs were holding up to 140 per cent of their overall capacity.',
      'Workload data indicated that workloads had come down from 102 to 97 per cent for POs.',
      'There were 120 per cent more referrals than last year.',
    ]) {
      expect(extractText(ok).sink.list, ok).toEqual([]);
    }
  });
});

describe('documents', () => {
  it('numbers findings and key-question cells together in offset order', () => {
    const text = 'Planning was sufficient in 41 per cent of cases.\nDoes planning focus sufficiently on engaging the person on probation?61%\nOnly three of 16 cases were sufficient.';
    const cell = text.indexOf('61%');
    const kq: KeyQuestion = {
      id: 'test-pdu-2025/k001', start: text.indexOf('Does'), end: cell + 3, quote: '', standardCode: 'P2.2', standardName: 'Planning',
      question: 'Does planning focus sufficiently on engaging the person on probation?', percentYes: 61, aspect: 'engagement', isLowest: false,
      percentStart: cell, percentEnd: cell + 3,
    };
    const second = text.indexOf('Only');
    const base = docFor(text).findings[0]!;
    const findings = [
      { ...base, id: 'test-pdu-2025/f001', end: text.indexOf('\n'), section: 'P2.2', polarity: 'narrative' as const },
      { ...base, id: 'test-pdu-2025/f002', start: second, end: text.length, section: 'P2.2', polarity: 'narrative' as const, ordinal: 2 },
    ];
    const sink = new MessageSink('extract');
    const qs = extractQuantities(docFor(text, { keyQuestions: [kq], findings }), text, sink);
    expect(qs.map((q) => [q.id, q.quote, q.findingId, q.keyQuestionId, q.section, q.polarity, q.kind, q.percent])).toEqual([
      ['test-pdu-2025/q001', '41 per cent', 'test-pdu-2025/f001', '', 'P2.2', 'narrative', 'percent', 41],
      ['test-pdu-2025/q002', '61%', '', 'test-pdu-2025/k001', 'P2.2', '', 'percent', 61],
      ['test-pdu-2025/q003', 'three of 16', 'test-pdu-2025/f002', '', 'P2.2', 'narrative', 'count_of', null],
    ]);
    for (const q of qs) {
      expect(Quantity.parse(q)).toEqual(q);
      expect(text.slice(q.start, q.end)).toBe(q.quote);
    }
  });
});

describe('robustness', () => {
  const vocab = [
    'only', 'just', 'over', 'almost', 'less', 'than', 'fewer', 'around', 'a', 'an', 'the', 'of', 'out', 'in', 'and', 'with', 'including',
    'which', 'these', 'Of', 'half', 'third', 'thirds', 'quarter', 'two-thirds', 'one', 'two', 'nine', 'Seventy-nine', 'hundred', 'none',
    'per', 'cent', '%', 'percent', '26', '42', '3,620', '1.25', '2025', '18–25', '4/21', 'P', '1.1', 'SDS40', 'cases', 'staff', 'respondents',
    'were', 'had', 'having', 'inspected', '(', ')', ',', '.', ';', '\n', 'all', 'but', 'score', 'week', 'aged', 'months', 'is', 'was',
  ];
  it('never throws; every quote is its span; values and ranges are finite and ordered', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocab), { maxLength: 40 }), fc.array(fc.constantFrom(' ', '', '  '), { minLength: 40, maxLength: 40 }), (words, seps) => {
        const text = words.map((w, i) => w + seps[i]).join('');
        const { quantities } = extractText(text);
        for (const q of quantities) {
          expect(text.slice(q.start, q.end)).toBe(q.quote);
          expect(Number.isFinite(q.value)).toBe(true);
          expect(q.valueLow!).toBeLessThanOrEqual(q.valueHigh!);
          expect(Quantity.safeParse(q).success).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
