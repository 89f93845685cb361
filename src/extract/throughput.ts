/**
 * Throughput of extractQuantities, for the project benchmark: run it over the given reports,
 * repeated until at least `minBytes` of report text has been processed, on one core.
 */
import { MessageSink } from '../core/messages.ts';
import type { ReportDocument } from '../schema/document.ts';
import { extractQuantities } from './extract-quantities.ts';

export interface ThroughputResult {
  /** UTF-8 bytes of whole report text processed (findings are a subset of it). */
  bytes: number;
  ms: number;
  mbPerSecond: number;
  quantities: number;
  rounds: number;
}

export function measureExtractionThroughput(
  reports: ReadonlyArray<{ text: string; doc: ReportDocument }>,
  opts: { minBytes?: number; warmupRounds?: number } = {},
): ThroughputResult {
  if (!reports.length) throw new Error('measureExtractionThroughput: give it at least one report');
  const minBytes = opts.minBytes ?? 20 * 1024 * 1024;
  const sizes = reports.map((r) => Buffer.byteLength(r.text, 'utf8'));
  const perRound = sizes.reduce((a, b) => a + b, 0);
  for (let w = 0; w < (opts.warmupRounds ?? 3); w++) for (const r of reports) extractQuantities(r.doc, r.text, new MessageSink('extract'));
  let bytes = 0;
  let quantities = 0;
  let rounds = 0;
  const t0 = performance.now();
  while (bytes < minBytes) {
    for (const r of reports) quantities += extractQuantities(r.doc, r.text, new MessageSink('extract')).length;
    bytes += perRound;
    rounds++;
  }
  const ms = performance.now() - t0;
  return { bytes, ms, mbPerSecond: bytes / (1024 * 1024) / (ms / 1000), quantities, rounds };
}
