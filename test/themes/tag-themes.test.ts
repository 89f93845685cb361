import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadTaxonomy } from '../../src/themes/load-taxonomy.ts';
import { explainThemes, formatExplanation, tagFinding, tagText, compileTaxonomy, tagThemes } from '../../src/themes/tag-themes.ts';
import type { Finding, ReportDocument } from '../../src/schema/document.ts';
import { FindingTheme } from '../../src/schema/theme.ts';

const taxonomy = loadTaxonomy();
const compiled = compileTaxonomy(taxonomy);

function themesOf(text: string, section = ''): string[] {
  return tagText(text, compiled, section, section);
}

describe('tricky phrasings', () => {
  // [why, text, themes that must be tagged, themes that must not be]
  it.each<[string, string, string[], string[]]>([
    ['a theme word in passing ("staff" in a sentence about risk)', 'Staff did not always complete a thorough risk assessment.', ['risk_of_harm'], ['staffing_levels', 'training_development']],
    ['"leaders" as a subject is not leadership', 'Leaders had identified deficits in the quality of domestic abuse information.', ['domestic_abuse'], ['leadership_culture']],
    ['a list of causes after "compounded by"', 'High workloads were compounded by staff sickness, vacancies and turnover.', ['workload'], ['sickness_wellbeing', 'staffing_levels']],
    ['a list of causes after "due to"', 'Delivery was delayed due to staff absences and high caseloads.', [], ['workload', 'sickness_wellbeing']],
    ['a list of examples after "such as"', 'Practitioners lacked confidence with complex issues such as mental health, domestic abuse and child safeguarding.', [], ['mental_health', 'domestic_abuse', 'child_safeguarding']],
    ['a list of examples after "including", closed by a comma after "and"', 'The area faced challenges, including homelessness and drug misuse, but reoffending rates fell.', ['desistance'], ['accommodation', 'substance_misuse']],
    ['a list of knock-on effects after "impacting on"', 'Sickness absence was impacting on the ability to deliver interventions, coordinate services, and keep people safe.', ['sickness_wellbeing'], ['risk_of_harm', 'interventions_programmes']],
    ['the same word outside the list still counts', 'Work to keep people safe was poor, due to gaps in training and supervision.', ['risk_of_harm'], ['training_development']],
    ['a phrase split by a line break', 'Improvements were needed in the management of risk of\nharm.', ['risk_of_harm'], []],
    ['a hyphenated word split at a line end', 'Staff valued the co-\nlocation of police and probation teams.', ['partnerships'], []],
    ['hyphenation: co-location', 'The co-location of services worked well.', ['partnerships'], []],
    ['hyphenation: co location', 'The co location of services worked well.', ['partnerships'], []],
    ['hyphenation: colocation', 'The colocation of services worked well.', ['partnerships'], []],
    ['hyphenation: information sharing / information-sharing', 'An information-sharing agreement was signed.', ['information_sharing'], []],
    ['plural and verb forms: workloads', 'Workloads were unmanageable for most practitioners.', ['workload'], []],
    ['plural and verb forms: victims', 'The needs of victims were not always considered by practitioners.', ['victims'], []],
    ['plural and verb forms: recorded', 'Decisions were not always recorded on the case management system.', ['case_recording'], []],
    ['an exclusion: business risk register', 'The business risk register reflected the main challenges.', [], ['risk_of_harm']],
    ['an exclusion: personal wellbeing services (for people on probation)', 'The CRS personal wellbeing service was well used.', ['commissioned_services'], ['sickness_wellbeing']],
    ['an exclusion: a concessive "despite high workloads"', 'Despite high workloads, staff were committed to their work.', [], ['workload']],
    ['an exclusion: approved premises are not estates', 'Places in approved premises were scarce.', ['accommodation'], ['estates_facilities']],
    ['an acronym only matches in capitals: IT', 'IT systems were slow and laptops were old.', ['estates_facilities'], []],
    ['an acronym only matches in capitals: it', 'It was slow and it was old.', [], ['estates_facilities']],
    ['weak terms need a second hit', 'Leaders met monthly.', [], ['leadership_culture']],
    ['two weak terms tag', 'Information was requested but not all information arrived.', ['information_sharing'], []],
    ['a citation has no theme', 'See HM Inspectorate of Probation (2023) Annual report 2022/2023.', [], ['court_work', 'leadership_culture']],
    // Rule 2 without a cue: one item of a bare enumeration of four or more.
    ['one item of a bare list of four', 'People on probation could get help with asylum, immigration, benefits and accommodation advice.', [], ['accommodation', 'finance_benefits_debt']],
    ['one item of a bare list of verb phrases', 'The plan aimed to drive the quality of practice, empower middle managers, stabilise and strengthen staffing arrangements, and implement new processes.', [], ['staffing_levels']],
    ['a bare list mostly of the theme is about it', 'Activity targeted inequalities linked to ethnicity, disability, age, gender, and neurodivergence.', ['diversity_inclusion'], ['women']],
    ['a bare list of three is the subject, not in passing', 'Accommodation, employment and benefits advice was available.', ['accommodation', 'employment_education'], []],
    ['single-word items share the words after the last one', 'improve the quality of the work to assess, plan, manage, and review risk of harm', ['risk_of_harm'], []],
    ['a sentence of clauses is not a list', 'Staff were supportive, leaders were visible, caseloads were high, and training was good.', ['workload', 'training_development'], []],
    // The end of a passing span.
    ['", and" after an "and" inside an item still belongs to the list', 'The register listed many challenges, including the poor and unsafe state of the offices, and the late arrival of information from the police and children’s services.', [], ['information_sharing', 'child_safeguarding']],
    ['a cause list ends where the main verb starts', 'Delays due to vetting and checks meant that practitioners had unmanageable workloads.', ['workload'], []],
    ['... unless a relative clause opened it', 'Work was weaker for groups such as those who had accommodation needs and drug problems.', [], ['accommodation', 'substance_misuse']],
  ])('%s', (_why, text, yes, no) => {
    const got = themesOf(text);
    for (const t of yes) expect(got, `expected ${t} in ${got.join(', ')}`).toContain(t);
    for (const t of no) expect(got, `did not expect ${t}`).not.toContain(t);
  });
});

describe('section rules', () => {
  it.each<[string, string, string, string[], string[]]>([
    ['every finding of a court work section is court work', 'Enquiries were sufficient in half of the cases.', 'Court work', ['court_work'], []],
    ['an executive summary subsection counts by its title', 'Enquiries were sufficient in half of the cases.', '2.3 Court work', ['court_work'], []],
    ['every finding of the SFO section is about SFOs', 'The team had a backlog of reviews.', 'Learning from Serious Further Offences', ['serious_further_offences'], []],
    ['leadership is limited to the sections where it is discussed', 'Leaders had a clear vision and strategy.', 'Assessment', [], ['leadership_culture']],
    ['... and tagged there', 'Leaders had a clear vision and strategy.', 'Leadership', ['leadership_culture'], []],
    ['a methodology paragraph (skipSections) has no theme', 'We inspected 58 unpaid work cases and 28 victim cases, and interviewed staff about public protection.', 'Methodology', [], ['unpaid_work', 'victims', 'risk_of_harm']],
    ['... the same words elsewhere do', 'We inspected 58 unpaid work cases and 28 victim cases, and interviewed staff about public protection.', 'Introduction', ['unpaid_work', 'risk_of_harm'], []],
  ])('%s', (_why, text, section, yes, no) => {
    const got = themesOf(text, section);
    for (const t of yes) expect(got).toContain(t);
    for (const t of no) expect(got).not.toContain(t);
  });
});

function docWith(text: string, spans: Array<[number, number, string?]>): ReportDocument {
  const findings: Finding[] = spans.map(([start, end, section], i) => ({
    id: `r/f${String(i + 1).padStart(3, '0')}`,
    start,
    end,
    quote: text.slice(start, end),
    section: section ?? 'P1.2',
    sectionTitle: section ?? 'Staffing',
    polarity: 'narrative',
    ordinal: i + 1,
    text: text.slice(start, end).replace(/\s+/g, ' ').trim(),
    addressee: '',
    footnotes: [],
    markerSpans: [],
  }));
  return {
    meta: { reportId: 'r', title: '', unitName: 'R', unitType: 'pdu', region: '', fieldworkStarted: '', year: null, score: null, scoreMax: null, overallRating: null, pdusNamed: [], titleSpan: null },
    rendering: 'plain',
    ratings: [],
    standards: [],
    keyQuestions: [],
    findings,
    footnotes: [],
    sections: [],
  };
}

describe('tagThemes', () => {
  const text = 'Heading\n\nVacancy rates were high, leading to unmanageable workloads.\n\nThe business risk register was up to date.\n';
  const a = text.indexOf('Vacancy');
  const b = text.indexOf('The business');
  const doc = docWith(text, [
    [a, text.indexOf('\n', a)],
    [b, text.indexOf('\n', b)],
  ]);
  const tags = tagThemes(doc, text, taxonomy);

  it('returns one valid record per (finding, theme), in finding then taxonomy order', () => {
    for (const t of tags) FindingTheme.parse(t);
    expect(tags.map((t) => `${t.findingId}:${t.theme}`)).toEqual(['r/f001:staffing_levels', 'r/f001:workload']);
  });

  it('keeps the evidence as written, with offsets into the text', () => {
    const staffing = tags.find((t) => t.theme === 'staffing_levels')!;
    expect(staffing.evidence).toEqual(['Vacancy rates']);
    expect(staffing.spans.map((s) => text.slice(s.start, s.end))).toEqual(['Vacancy rates']);
    const workload = tags.find((t) => t.theme === 'workload')!;
    expect(workload.evidence).toEqual(['unmanageable', 'workloads']);
  });

  it('gives a section-only tag the section as evidence and the finding as span', () => {
    const t2 = 'Enquiries were sufficient in half of the cases.';
    const d = docWith(t2, [[0, t2.length, 'Court work']]);
    const got = tagFinding(d.findings[0]!, t2, compiled);
    expect(got).toEqual([{ findingId: 'r/f001', theme: 'court_work', evidence: ['section: Court work'], spans: [{ start: 0, end: t2.length }] }]);
  });
});

describe('explainThemes', () => {
  it('explains tagged themes and near misses in printable lines', () => {
    const lines = formatExplanation(explainThemes('High workloads were compounded by staff sickness and turnover.', taxonomy));
    expect(lines).toEqual([
      '+ workload (Workload and caseloads): tagged: score 1 from 1 counted hit (a term counts 1, a weak term 0.5; 1 is needed)',
      '    ✓ "High workloads" [0-14] term "high workloads"',
      '    ✗ "workloads" [5-14] term "workload", not counted: part of "high workloads"',
      '- staffing_levels (Staffing levels, vacancies and recruitment): not tagged: every hit was discounted',
      '    ✗ "turnover" [53-61] term "turnover", not counted: one item in a list of causes after "compounded by"',
      '- sickness_wellbeing (Sickness absence and staff wellbeing): not tagged: every hit was discounted',
      '    ✗ "sickness" [40-48] term "sickness", not counted: one item in a list of causes after "compounded by"',
    ]);
  });

  it('says so when nothing matches', () => {
    expect(formatExplanation(explainThemes('The weather was fine.', taxonomy))).toEqual(['No theme.']);
  });
});

describe('properties', () => {
  const words = ['risk', 'of', 'harm', 'staff', 'such', 'as', 'due', 'to', 'co-', 'location', 'MAPPA', 'and', 'workloads', ',', '.', '\n', 'the', 'victims', "children's", 'services', '(', ')', ';', 'e.g.', 'CRS', '–'];
  const prose = fc.array(fc.constantFrom(...words), { maxLength: 60 }).map((ws) => ws.join(' '));

  it('evidence is always the text of its span, inside the finding', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), prose, (pad, body) => {
        const text = pad + body + pad;
        const doc = docWith(text, [[pad.length, pad.length + body.length]]);
        for (const tag of tagThemes(doc, text, taxonomy)) {
          expect(tag.evidence.length).toBe(tag.spans.length);
          tag.spans.forEach((s, i) => {
            expect(s.start).toBeGreaterThanOrEqual(pad.length);
            expect(s.end).toBeLessThanOrEqual(pad.length + body.length);
            const written = text.slice(s.start, s.end).replace(/-[ \t]*\r?\n\s*/g, '-').replace(/\s+/g, ' ').trim();
            if (!tag.evidence[i]!.startsWith('section: ')) expect(tag.evidence[i]).toBe(written);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        explainThemes(s, taxonomy);
      }),
      { numRuns: 300 },
    );
  });
});
