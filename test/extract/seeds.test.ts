import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MessageSink } from '../../src/core/messages.ts';
import { evaluate, GoldQuantity, locateGold } from '../../src/extract/evaluate.ts';
import { extractQuantities } from '../../src/extract/extract-quantities.ts';
import { measureExtractionThroughput } from '../../src/extract/throughput.ts';
import { htmlToText } from '../../src/ingest/html.ts';
import { Quantity } from '../../src/schema/quantity.ts';
import { segmentReport } from '../../src/segment/segment-report.ts';
import { loadSeedDocs } from '../helpers/seeds.ts';

const GOLD = join(import.meta.dirname, '..', 'fixtures', 'gold', 'quantities');
const seeds = loadSeedDocs();
const run = (s: (typeof seeds)[number]) => {
  const sink = new MessageSink('extract', { file: s.file, text: s.text });
  return { quantities: extractQuantities(s.doc, s.text, sink), sink };
};
const goldFor = (file: string) => GoldQuantity.array().parse(JSON.parse(readFileSync(join(GOLD, file.replace(/\.txt$/, '.json')), 'utf8')));

/** Mentions per kind in each seed: the gold counts, kept exact. */
const EXPECTED: Record<string, Record<Quantity['kind'], number>> = {
  'cardiff-and-the-vale-pdu-2025.txt': { percent: 25, count_of: 21, fraction: 6 },
  'cwm-taf-morgannwg-pdu-2025.txt': { percent: 25, count_of: 10, fraction: 34 },
  'gwent-pdu-2025.txt': { percent: 23, count_of: 28, fraction: 3 },
  'wales-region-2025.txt': { percent: 74, count_of: 30, fraction: 12 },
};
const byKind = (qs: Array<{ kind: Quantity['kind'] }>) => {
  const out: Record<Quantity['kind'], number> = { percent: 0, count_of: 0, fraction: 0 };
  for (const q of qs) out[q.kind]++;
  return out;
};

describe.each(seeds.map((s) => [s.file, s] as const))('%s', (file, s) => {
  const { quantities, sink } = run(s);

  it('matches the exact counts per kind (and the gold has the same)', () => {
    expect(byKind(quantities)).toEqual(EXPECTED[file]);
    expect(byKind(goldFor(file))).toEqual(EXPECTED[file]);
  });

  it('scores F1 >= 0.97 and qualifier accuracy >= 0.95 against the gold', () => {
    const located = locateGold(s.text, goldFor(file));
    if (!located.ok) throw new Error(located.problems.join('\n'));
    const { scores } = evaluate(quantities, located.gold);
    expect(scores.f1).toBeGreaterThanOrEqual(0.97);
    expect(scores.qualifierAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(scores.valueAccuracy).toBeGreaterThanOrEqual(0.99);
  });

  it('quotes exactly what text.slice(start, end) gives, and every record is a valid Quantity', () => {
    for (const q of quantities) {
      expect(s.text.slice(q.start, q.end)).toBe(q.quote);
      expect(Quantity.safeParse(q).success).toBe(true);
    }
  });

  it('numbers ids in offset order, one finding or key question each', () => {
    const reportId = s.doc.meta.reportId;
    quantities.forEach((q, i) => {
      expect(q.id).toBe(`${reportId}/q${String(i + 1).padStart(3, '0')}`);
      if (i > 0) expect(q.start).toBeGreaterThanOrEqual(quantities[i - 1]!.start);
      expect(Boolean(q.findingId) !== Boolean(q.keyQuestionId)).toBe(true);
    });
    expect(quantities.filter((q) => q.keyQuestionId).length).toBe(s.doc.keyQuestions.length);
  });

  it('copies section and polarity from the finding, and never quotes a footnote marker', () => {
    const findings = new Map(s.doc.findings.map((f) => [f.id, f]));
    const markers = s.doc.findings.flatMap((f) => f.markerSpans);
    for (const q of quantities.filter((x) => x.findingId)) {
      const f = findings.get(q.findingId)!;
      expect([q.section, q.polarity]).toEqual([f.section, f.polarity]);
      expect(q.start >= f.start && q.end <= f.end).toBe(true);
      // A marker may sit inside a long split-form span, but no quantity starts or ends on one.
      for (const m of markers) expect(q.start >= m.start && q.start < m.end || q.end > m.start && q.end <= m.end).toBe(false);
    }
  });

  it('raises no warnings on the seeds (the one percentage above 100 is a workload figure)', () => {
    expect(sink.list.map((m) => m.ruleId)).toEqual([]);
  });
});

describe('renderings', () => {
  it.each(['cwm-taf-morgannwg-pdu-2025', 'gwent-pdu-2025'])('%s: HTML gives the same quantities as plain text', (base) => {
    const html = htmlToText(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'html', `${base}.html`), 'utf8'));
    const doc = segmentReport(html, new MessageSink('segment'));
    expect(doc).not.toBeNull();
    const fromHtml = extractQuantities(doc!, html, new MessageSink('extract'));
    const fromText = run(seeds.find((x) => x.file.startsWith(base))!).quantities;
    const sig = (q: Quantity) => [q.kind, q.quote.replace(/\s+/g, ' '), q.value, q.qualifier, q.unit, q.valueLow, q.valueHigh].join('|');
    expect(fromHtml.map(sig)).toEqual(fromText.map(sig));
  });
});

describe('throughput', () => {
  // A floor low enough for a loaded CI machine: it catches a regex that backtracks badly, not a
  // slow day. `npx tsx scripts/eval-quantities.ts --bench` reports the real figure.
  it('stays far from pathological (> 1 MB/s even under load)', () => {
    const r = measureExtractionThroughput(seeds, { minBytes: 2 * 1024 * 1024, warmupRounds: 1 });
    expect(r.mbPerSecond).toBeGreaterThan(1);
  });
});
