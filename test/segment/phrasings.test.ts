import { describe, expect, it } from 'vitest';
import { MessageSink } from '../../src/core/messages.ts';
import { segmentReport, wrapWidth } from '../../src/segment/segment-report.ts';
import { splitLines } from '../../src/core/lines.ts';
import { aspectOf } from '../../src/segment/aspect.ts';
import { locateMarkers, textWithoutMarkers } from '../../src/segment/footnotes.ts';
import { findNamedPdus, findRegion, unitFromTitle } from '../../src/segment/metadata.ts';

function seg(text: string) {
  const sink = new MessageSink('segment', { text });
  const doc = segmentReport(text, sink);
  return { doc, sink, rules: sink.list.map((m) => m.ruleId) };
}

const PIPE = `An inspection of probation services in Testshire PDU
Ratings (Back to top)
| Fieldwork started March 2024 | Score 3/6 |
| Overall rating | Requires improvement |
1. Organisational arrangements and activity
| P 1.1 Leadership | Good |
2. Service delivery
| P 2.1 Assessment | Requires improvement |
Recommendations (Back to top)
Testshire PDU should:
- improve the quality of risk assessment
- ensure management oversight is recorded.
1. Organisational arrangements and activity (Back to top)
| P 1.1 Leadership | Rating |
| The leadership of the PDU enables delivery. | Good |
Strengths:
- Leaders were visible.
- Staff felt supported.
Areas for improvement:
- Workloads were high.
2. Service delivery (Back to top)
| P 2.1 Assessment | Rating |
| Assessment is well-informed. | Requires improvement |
Our rating[1] for assessment is based on the percentage of cases we inspected:
| Key question | Percentage ‘Yes’ |
| Does assessment focus sufficiently on engaging the person on probation? | 81% |
| Does assessment focus sufficiently on keeping other people safe? | 52% |
Assessments were thorough in most cases and drew on information from other agencies.
Further information (Back to top)
A glossary is available.
[1] The rating is driven by the lowest score.
`;

describe('a small report in the pipe rendering', () => {
  const { doc, rules } = seg(PIPE);
  it('reads metadata, ratings, standards, key questions and findings', () => {
    expect(doc!.meta).toMatchObject({ reportId: 'testshire-pdu-2024', unitName: 'Testshire', score: 3, scoreMax: 6, overallRating: 'Requires improvement', fieldworkStarted: '2024-03' });
    expect(doc!.ratings.map((r) => [r.standardCode, r.domain, r.rating])).toEqual([
      ['P1.1', 1, 'Good'],
      ['P2.1', 2, 'Requires improvement'],
    ]);
    expect(doc!.keyQuestions.map((q) => [q.percentYes, q.aspect, q.isLowest])).toEqual([
      [81, 'engagement', false],
      [52, 'safety', true],
    ]);
    expect(doc!.findings.map((f) => [f.section, f.polarity, f.ordinal, f.text])).toEqual([
      ['Recommendations', 'recommendation', 1, 'improve the quality of risk assessment'],
      ['Recommendations', 'recommendation', 2, 'ensure management oversight is recorded.'],
      ['P1.1', 'strength', 1, 'Leaders were visible.'],
      ['P1.1', 'strength', 2, 'Staff felt supported.'],
      ['P1.1', 'improvement', 1, 'Workloads were high.'],
      ['P2.1', 'narrative', 1, 'Assessments were thorough in most cases and drew on information from other agencies.'],
    ]);
    expect(doc!.findings[0]!.addressee).toBe('Testshire PDU');
    expect(doc!.footnotes.map((f) => [f.number, f.text])).toEqual([[1, 'The rating is driven by the lowest score.']]);
    expect(rules).toEqual([]);
  });
});

describe('the glued rendering', () => {
  const GLUED = PIPE.replace(/^\| (.*?) \| (.*?) \|$/gm, '$1$2').replace(/^- /gm, '  • ').replace(/\[1\]/, '1');
  const { doc } = seg(GLUED);
  it('splits cells that ran together', () => {
    expect(doc!.rendering).toBe('glued');
    expect(doc!.ratings.map((r) => `${r.standardCode} ${r.rating}`)).toEqual(['P1.1 Good', 'P2.1 Requires improvement']);
    expect(doc!.standards.map((s) => [s.statement, s.rating])).toEqual([
      ['The leadership of the PDU enables delivery.', 'Good'],
      ['Assessment is well-informed.', 'Requires improvement'],
    ]);
    expect(doc!.keyQuestions.map((q) => q.percentYes)).toEqual([81, 52]);
    expect(doc!.meta.score).toBe(3);
    expect(doc!.findings).toHaveLength(6);
  });

  it('reads a standard\'s statement wrapped onto the line that ends with its rating, and a wrapped rating sentence', () => {
    const text = GLUED.replace('The leadership of the PDU enables delivery.Good', 'The leadership of the PDU enables\ndelivery.Good').replace(
      'Our rating1 for assessment is based on the percentage of cases we inspected:',
      'Our rating1 for assessment is based on the percentage\nof cases we inspected:',
    );
    const { doc } = seg(text);
    expect(doc!.standards.map((x) => [x.statement, x.rating])).toEqual([
      ['The leadership of the PDU enables delivery.', 'Good'],
      ['Assessment is well-informed.', 'Requires improvement'],
    ]);
    expect(doc!.findings.map((f) => f.text)).toEqual(seg(GLUED).doc!.findings.map((f) => f.text));
  });

  it('reads a key question wrapped onto the line that ends with its percentage', () => {
    const text = GLUED.replace('engaging the person on probation?81%', 'engaging the person\non probation?81%');
    const q = seg(text).doc!.keyQuestions;
    expect(q.map((x) => [x.question, x.percentYes])).toEqual([
      ['Does assessment focus sufficiently on engaging the person on probation?', 81],
      ['Does assessment focus sufficiently on keeping other people safe?', 52],
    ]);
    expect(text.slice(q[0]!.start, q[0]!.end)).toBe('Does assessment focus sufficiently on engaging the person\non probation?81%');
    expect(seg(text).doc!.findings).toHaveLength(6);
  });
});

describe('the cell-per-line rendering', () => {
  // Text copied from a rendered page: each table cell on a line of its own.
  const LINES = PIPE.replace(/^\| (.*?) \| (.*?) \|$/gm, '$1\n$2');
  const { doc, rules } = seg(LINES);
  it('reads the rows whose last cell stands on the next line', () => {
    expect(doc!.ratings.map((r) => `${r.standardCode} ${r.rating}`)).toEqual(['P1.1 Good', 'P2.1 Requires improvement']);
    expect(doc!.meta).toMatchObject({ score: 3, scoreMax: 6, overallRating: 'Requires improvement', fieldworkStarted: '2024-03' });
    expect(doc!.standards.map((s) => [s.code, s.statement, s.rating])).toEqual([
      ['P1.1', 'The leadership of the PDU enables delivery.', 'Good'],
      ['P2.1', 'Assessment is well-informed.', 'Requires improvement'],
    ]);
    expect(doc!.keyQuestions.map((q) => [q.percentYes, q.aspect])).toEqual([
      [81, 'engagement'],
      [52, 'safety'],
    ]);
    expect(doc!.findings.map((f) => f.polarity)).toEqual(['recommendation', 'recommendation', 'strength', 'strength', 'improvement', 'narrative']);
    expect(rules).toEqual([]);
  });
});

describe('a markdown rendering with list labels as headings', () => {
  const MD = PIPE.replace(/^(.*) \(Back to top\)$/gm, '## $1').replace(/^(Strengths|Areas for improvement):$/gm, '## $1').replace(/^An inspection/, '# An inspection');
  const { doc, rules } = seg(MD);
  it('keeps the labels as list labels inside their standard', () => {
    expect(doc!.rendering).toBe('markdown');
    expect(doc!.findings.map((f) => [f.section, f.polarity])).toEqual([
      ['Recommendations', 'recommendation'],
      ['Recommendations', 'recommendation'],
      ['P1.1', 'strength'],
      ['P1.1', 'strength'],
      ['P1.1', 'improvement'],
      ['P2.1', 'narrative'],
    ]);
    expect(rules).toEqual([]);
  });
});

describe('markdown with emphasis (GFM written from HTML with <strong> and <em>)', () => {
  const MD = PIPE.replace(/^(.*) \(Back to top\)$/gm, '## $1')
    .replace(/^\| (P \d\.\d [A-Za-z]+) \| (Good|Requires improvement) \|$/gm, '| $1 | **$2** |')
    .replace('| Overall rating | Requires improvement |', '| Overall rating | __Requires improvement__ |')
    .replace('| The leadership of the PDU enables delivery. | Good |', '| **The leadership of the PDU enables delivery.** | *Good* |')
    .replace('- Leaders were visible.', '- Leaders were *visible* and **approachable**.')
    .replace('| 81% |', '| **81%** |');
  const { doc, rules } = seg(MD);
  it('reads bold and italic ratings, statements and percentages', () => {
    expect(doc!.meta.overallRating).toBe('Requires improvement');
    expect(doc!.ratings.map((r) => `${r.standardCode} ${r.rating}`)).toEqual(['P1.1 Good', 'P2.1 Requires improvement']);
    expect(doc!.standards[0]).toMatchObject({ statement: 'The leadership of the PDU enables delivery.', rating: 'Good' });
    expect(doc!.keyQuestions.map((q) => q.percentYes)).toEqual([81, 52]);
    expect(rules).toEqual([]);
  });
  it('leaves the emphasis out of the finding, its quote keeping it', () => {
    const f = doc!.findings.find((x) => x.text.startsWith('Leaders were'))!;
    expect(f.text).toBe('Leaders were visible and approachable.');
    expect(f.quote).toBe('Leaders were *visible* and **approachable**.');
    expect(MD.slice(f.start, f.end)).toBe(f.quote);
  });
});

describe('the tab-separated rendering', () => {
  const { doc, rules } = seg(PIPE.replace(/^\| (.*?) \| (.*?) \|$/gm, '$1\t$2'));
  it('reads cells separated by tabs', () => {
    expect(doc!.ratings.map((r) => `${r.standardCode} ${r.rating}`)).toEqual(['P1.1 Good', 'P2.1 Requires improvement']);
    expect(doc!.keyQuestions.map((q) => q.percentYes)).toEqual([81, 52]);
    expect(doc!.findings).toHaveLength(6);
    expect(rules).toEqual([]);
  });
});

describe('wrapping, numbering and lists without headings', () => {
  it('joins a bullet wrapped over two lines', () => {
    const text = PIPE.replace('- Leaders were visible.', '- Leaders were visible and\n  approachable to all staff.');
    const f = seg(text).doc!.findings.find((x) => x.text.startsWith('Leaders'))!;
    expect(f.text).toBe('Leaders were visible and approachable to all staff.');
    expect(f.quote).toBe('Leaders were visible and\n  approachable to all staff.');
  });

  it('joins a bullet wrapped with a hanging indent, even where a wrapped line starts a sentence', () => {
    const text = PIPE.replace('- Leaders were visible.', '- Leaders were visible. They held\n  monthly forums.\n  Staff valued them.');
    const strengths = seg(text).doc!.findings.filter((x) => x.section === 'P1.1' && x.polarity === 'strength');
    expect(strengths.map((f) => f.text)).toEqual(['Leaders were visible. They held monthly forums. Staff valued them.', 'Staff felt supported.']);
    expect(strengths.map((f) => f.ordinal)).toEqual([1, 2]);
  });

  it('starts a new paragraph after a bullet at a line as far left as its marker', () => {
    const text = PIPE.replace('- Workloads were high.', '- Workloads were high.\nLeaders had a plan to reduce them.');
    const p = seg(text).doc!.findings.filter((x) => x.section === 'P1.1');
    expect(p.map((f) => [f.polarity, f.text])).toEqual([
      ['strength', 'Leaders were visible.'],
      ['strength', 'Staff felt supported.'],
      ['improvement', 'Workloads were high.'],
      ['narrative', 'Leaders had a plan to reduce them.'],
    ]);
  });

  it('joins the lines of a hard-wrapped text where the wrapping cut them, even at the end of a sentence', () => {
    // Paragraphs wrapped at 70 columns with no blank line between them (as text from a PDF).
    const wrap = (p: string) => {
      const out: string[] = [];
      let cur = '';
      for (const w of p.split(' ')) {
        if (cur && `${cur} ${w}`.length > 70) {
          out.push(cur);
          cur = w;
        } else cur = cur ? `${cur} ${w}` : w;
      }
      return [...out, cur];
    };
    const sentence = (k: number) => `${['Managers', 'Practitioners', 'Leaders', 'Staff'][k % 4]} reviewed ${'the plans of people on probation '.repeat(1 + (k % 3)).trim()} in case ${k}.`;
    const paragraphs = Array.from({ length: 6 }, (_, p) => Array.from({ length: 5 }, (_, k) => sentence(p * 5 + k)).join(' '));
    const lines = paragraphs.flatMap(wrap);
    // The case this is about: a wrapped line that ends a sentence, followed by one that starts the next.
    const cut = lines.findIndex((l, k) => l.endsWith('.') && k + 1 < lines.length && /^[A-Z]/.test(lines[k + 1]!) && !paragraphs.some((p) => p.endsWith(l)));
    expect(cut).toBeGreaterThanOrEqual(0);
    const text = PIPE.replace('Assessments were thorough in most cases and drew on information from other agencies.', lines.join('\n'));
    const narrative = seg(text).doc!.findings.filter((x) => x.section === 'P2.1' && x.polarity === 'narrative');
    expect(narrative.map((f) => f.text)).toEqual(paragraphs);
  });

  it('tells a hard-wrapped text from one with a paragraph a line', () => {
    const long = 'Leaders had a clear plan for the unit and shared it with staff at every level of the service.';
    const para = Array.from({ length: 30 }, () => long).join('\n');
    expect(wrapWidth(splitLines(para))).toBe(0);
    expect(wrapWidth(splitLines(PIPE))).toBe(0);
    const wrapped = Array.from({ length: 30 }, (_, k) => long.slice(0, 60 + (k % 8))).join('\n');
    expect(wrapWidth(splitLines(wrapped))).toBe(67);
  });

  it('joins hard-wrapped paragraphs in a blank-line-separated text', () => {
    const text = PIPE.replace(/\n/g, '\n\n').replace('Assessments were thorough in most cases', 'Assessments were thorough\nin most cases');
    const f = seg(text).doc!.findings.find((x) => x.text.startsWith('Assessments'))!;
    expect(f.text).toBe('Assessments were thorough in most cases and drew on information from other agencies.');
  });

  it('reads numbered recommendations', () => {
    const text = PIPE.replace('- improve', '  1. improve').replace('- ensure management', '  2. ensure management');
    const recs = seg(text).doc!.findings.filter((f) => f.polarity === 'recommendation');
    expect(recs.map((r) => r.text)).toEqual(['improve the quality of risk assessment', 'ensure management oversight is recorded.']);
  });

  it('takes an unheaded list followed by Areas for improvement as strengths', () => {
    const text = PIPE.replace('Strengths:\n', '');
    expect(seg(text).doc!.findings.filter((f) => f.section === 'P1.1').map((f) => f.polarity)).toEqual(['strength', 'strength', 'improvement']);
  });

  it('keeps a labelled list without bullet markers under its label', () => {
    const text = PIPE.replace('- Leaders were visible.\n- Staff felt supported.', 'Leaders were visible.\nStaff felt supported.');
    expect(seg(text).doc!.findings.filter((f) => f.section === 'P1.1').map((f) => f.polarity)).toEqual(['strength', 'strength', 'improvement']);
  });

  it('reads CRLF line ends and non-breaking spaces', () => {
    const text = PIPE.replace(/\n/g, '\r\n').replace('Strengths:', 'Strengths:\u00a0');
    const { doc } = seg(text);
    expect(doc!.findings).toHaveLength(6);
    for (const f of doc!.findings) expect(text.slice(f.start, f.end)).toBe(f.quote);
  });
});

describe('text converted from pages (form feeds)', () => {
  // After the lines given, a page ends: its number, a form feed, and the next page's running header.
  const paged = (text: string, after: string[]) => {
    let out = text;
    after.forEach((line, k) => {
      out = out.replace(line, `${line}\n\n${k + 2}\n\fInspection of probation services: Testshire PDU\n`);
    });
    return out;
  };
  const base = PIPE.replace('Assessments were thorough in most cases and drew on information from other agencies.', 'Assessments were thorough in most cases and drew\non information from other agencies.');

  it('leaves page numbers and running headers out, and joins a paragraph cut by a page break', () => {
    const text = paged(base, ['- ensure management oversight is recorded.', '- Staff felt supported.', 'Assessments were thorough in most cases and drew']);
    const { doc } = seg(text);
    const original = seg(base).doc!;
    expect(doc!.findings.map((f) => [f.section, f.polarity, f.text])).toEqual(original.findings.map((f) => [f.section, f.polarity, f.text]));
    expect(doc!.keyQuestions.map((q) => q.percentYes)).toEqual([81, 52]);
    const across = doc!.findings.find((f) => f.text.startsWith('Assessments'))!;
    expect(across.text).toBe('Assessments were thorough in most cases and drew on information from other agencies.');
    expect(across.quote).toContain('Inspection of probation services: Testshire PDU');
    expect(text.slice(across.start, across.end)).toBe(across.quote);
  });

  it('keeps everything when there is no form feed, or a repeated line is not next to one', () => {
    const text = base.replace('- Workloads were high.', '- Workloads were high.\n4\nInspection of probation services: Testshire PDU');
    expect(seg(text).doc!.findings.some((f) => f.text === 'Inspection of probation services: Testshire PDU')).toBe(true);
  });
});

describe('headings set as plain lines (as a PDF gives them)', () => {
  const plain = PIPE.replace(/ \(Back to top\)/g, '');
  const key = (text: string) => {
    const { doc } = seg(text);
    return JSON.stringify([doc!.ratings.map((r) => [r.standardCode, r.rating]), doc!.standards.map((x) => x.code), doc!.findings.map((f) => [f.section, f.polarity, f.text])]);
  };

  it('reads the same as with marked headings, a domain name over ratings rows included', () => {
    expect(seg(plain).doc!.ratings.map((r) => r.standardCode)).toEqual(['P1.1', 'P2.1']);
    expect(key(plain)).toBe(key(PIPE));
    expect(seg(plain).rules).not.toContain('missing_ratings_table');
  });

  it('reads tables whose cells come column by column, each on its own line (pdftotext without -layout)', () => {
    const stacked = plain
      .replace('| Fieldwork started March 2024 | Score 3/6 |\n| Overall rating | Requires improvement |', 'Fieldwork started March 2024\nOverall rating\n\nScore 3/6\nRequires improvement')
      .replace(/^\| (P \d\.\d [A-Za-z]+) \| (Good|Requires improvement) \|$/gm, '$1\n\n$2')
      .replace(/^\| (P \d\.\d [A-Za-z]+) \| Rating \|\n\| (.*?) \| (.*?) \|$/gm, '$1\n$2\n\nRating\n$3')
      // a narrow column cuts the rating in two
      .replace('Rating\nRequires improvement', 'Rating\nRequires\nimprovement');
    expect(stacked).toContain('Rating\nRequires\nimprovement');
    expect(stacked).not.toMatch(/\| (Good|Rating) \|/);
    const { doc, rules } = seg(stacked);
    expect(doc!.meta).toMatchObject({ overallRating: 'Requires improvement', score: 3, scoreMax: 6, fieldworkStarted: '2024-03' });
    expect(doc!.standards.map((x) => [x.code, x.statement, x.rating])).toEqual(seg(plain).doc!.standards.map((x) => [x.code, x.statement, x.rating]));
    expect(key(stacked)).toBe(key(plain));
    expect(rules).toEqual([]);
  });

  it('reads domains named `Domain one: ...` as the numbered ones', () => {
    const named = plain.replace(/^1\. Organisational arrangements and activity$/gm, 'Domain one: Organisational arrangements and activity').replace(/^2\. Service delivery$/gm, 'Domain two – Service delivery');
    expect(named).toContain('Domain two – Service delivery');
    expect(key(named)).toBe(key(plain));
    expect(seg(named).doc!.sections.filter((x) => x.kind === 'domain').map((x) => x.heading)).toEqual(seg(plain).doc!.sections.filter((x) => x.kind === 'domain').map((x) => x.heading));
  });

  it.each([
    ['dot leaders', ['Foreword ........................ 2', 'Ratings ......................... 3', 'Recommendations ................. 4', '1. Organisational arrangements and activity .... 5', 'P 1.1 Leadership ................ 5', '2. Service delivery ............. 9']],
    ['table cells', ['| Ratings | 3 |', '| Recommendations | 4 |', '| 1. Organisational arrangements and activity | 5 |', '| 2. Service delivery | 9 |']],
    ['a page number after a space', ['Ratings 3', 'Recommendations 4', '1. Organisational arrangements and activity 5', '2. Service delivery 9']],
  ])('skips a table of contents with %s', (_, entries) => {
    const lines = plain.split('\n');
    const withContents = [lines[0], '', 'Contents', '', ...entries.flatMap((e) => [e, '']), ...lines.slice(1)].join('\n');
    expect(key(withContents)).toBe(key(plain));
  });
});

describe('bad content', () => {
  it('says a text that is not an inspection report is not one', () => {
    const { doc, rules } = seg('Shopping list\n\nEggs, milk and bread.\nCall the plumber about the boiler.\n');
    expect(doc).toBeNull();
    expect(rules).toEqual(['not_inspection_report']);
  });

  it('says a report cut off mid-sentence is truncated', () => {
    const cut = PIPE.slice(0, PIPE.indexOf('Assessments were thorough') + 'Assessments were thorough in most cases and drew on'.length);
    expect(seg(cut).rules).toContain('truncated_report');
  });

  it('says a report that stops before standards its table lists is truncated', () => {
    const cut = PIPE.slice(0, PIPE.indexOf('2. Service delivery (Back to top)'));
    expect(seg(cut).rules).toContain('truncated_report');
  });

  it('flags a line in the ratings table it cannot read', () => {
    const text = PIPE.replace('| Overall rating | Requires improvement |', '| Overall rating | Requires improvement |\nsomething odd here');
    expect(seg(text).rules).toContain('unparsed_block');
  });
});

describe('footnote markers', () => {
  it.each([
    ['rating[3]3 for assessment', [3], 'rating for assessment'],
    ['rating[4] 4for planning', [4], 'rating for planning'],
    ['Our rating5 for delivery', [5], 'Our rating for delivery'],
    ['completed by PSOs.1 Some PSOs', [1], 'completed by PSOs. Some PSOs'],
    ['The population1 of the area', [1], 'The population of the area'],
    ['Reoffending rates 2across the area', [2], 'Reoffending rates across the area'],
    ['applied.[1]', [1], 'applied.'],
  ])('%s', (text, numbers, clean) => {
    const markers = locateMarkers(text, numbers, 0, text.length);
    const spans = [...markers.values()].flat();
    expect(spans.length).toBe(numbers.length);
    expect(textWithoutMarkers(text, 0, text.length, spans)).toBe(clean);
  });

  it.each([
    ['P 1.1 Leadership', 1],
    ['SDS40 and SEEDS2 schemes', 2],
    ['rose from 14.6 per cent to 20.6 per cent', 6],
    ['in 2 of 5 cases', 2],
    ['Score 2/21', 2],
  ])('does not take a number for a marker: %s', (text, n) => {
    expect(locateMarkers(text, [n], 0, text.length).size).toBe(0);
  });
});

describe('metadata phrasings', () => {
  it.each([
    ['An inspection of probation services in Gwent PDU', 'Gwent', 'pdu'],
    ['An inspection of Probation Services – Wales region', 'Wales', 'region'],
    ['An inspection of probation services in North East Region', 'North East', 'region'],
    ['An inspection of probation services: Kent Probation Delivery Unit', 'Kent', 'pdu'],
    ['An inspection of probation services in the Cardiff and the Vale PDU', 'Cardiff and the Vale', 'pdu'],
  ])('%s', (title, unitName, unitType) => {
    expect(unitFromTitle(title)).toEqual({ unitName, unitType });
  });

  it('finds the region a PDU names', () => {
    expect(findRegion('Kent was one of seven PDUs in the Kent, Surrey and Sussex probation region.')).toBe('');
    expect(findRegion('It was one of six PDUs in the Wales probation region.')).toBe('Wales');
    expect(findRegion('In common with all Wales PDUs, the team ...')).toBe('Wales');
  });

  it('lists the PDUs a region names', () => {
    expect(findNamedPdus('The region consists of four PDUs: A Town, B City, C and D, and E Vale.')).toEqual(['A Town', 'B City', 'C and D', 'E Vale']);
  });
});

describe('aspect of a key question', () => {
  it.each([
    ['Does assessment focus sufficiently on engaging the person on probation?', 'engagement'],
    ['Does reviewing focus sufficiently on supporting the compliance and engagement of the person on probation?', 'engagement'],
    ['Does planning focus sufficiently on reducing reoffending and supporting desistance?', 'desistance'],
    ['Does the implementation and delivery of services effectively support the safety of other people?', 'safety'],
    ['Is unpaid work delivered safely?', 'safety'],
    ['Does initial contact with victims encourage engagement with the victim contact scheme?', 'other'],
    ['Is the sentence of the court implemented appropriately?', 'other'],
  ])('%s', (q, aspect) => {
    expect(aspectOf(q)).toBe(aspect);
  });
});
