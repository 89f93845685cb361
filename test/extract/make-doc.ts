import { MessageSink } from '../../src/core/messages.ts';
import { extractQuantities } from '../../src/extract/extract-quantities.ts';
import type { Finding, KeyQuestion, ReportDocument } from '../../src/schema/document.ts';
import type { Quantity } from '../../src/schema/quantity.ts';

/** A one-finding report around `text` (the whole text is the finding), for table-driven tests. */
export function docFor(
  text: string,
  opts: { markers?: Array<{ start: number; end: number }>; keyQuestions?: KeyQuestion[]; findings?: Finding[] } = {},
): ReportDocument {
  const finding: Finding = {
    id: 'test-pdu-2025/f001',
    start: 0,
    end: text.length,
    quote: text,
    section: 'P2.1',
    sectionTitle: 'Assessment',
    polarity: 'narrative',
    ordinal: 1,
    text,
    addressee: '',
    footnotes: [],
    markerSpans: opts.markers ?? [],
  };
  return {
    meta: {
      reportId: 'test-pdu-2025',
      title: 'An inspection of probation services in Test PDU',
      unitName: 'Test',
      unitType: 'pdu',
      region: 'Wales',
      fieldworkStarted: '2025-01',
      year: 2025,
      score: null,
      scoreMax: null,
      overallRating: null,
      pdusNamed: [],
      titleSpan: null,
    },
    rendering: 'plain',
    ratings: [],
    standards: [],
    keyQuestions: opts.keyQuestions ?? [],
    findings: opts.findings ?? [finding],
    footnotes: [],
    sections: [],
  };
}

/** Extract from one string; returns the quantities and the sink. */
export function extractText(text: string, opts: Parameters<typeof docFor>[1] = {}): { quantities: Quantity[]; sink: MessageSink } {
  const sink = new MessageSink('extract', { text });
  return { quantities: extractQuantities(docFor(text, opts), text, sink), sink };
}
