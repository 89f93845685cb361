import { MessageSink } from '../core/messages.ts';
import type { IngestedReport } from '../ingest/ingest-file.ts';
import type { Message } from '../schema/message.ts';
import type { ReportDocument } from '../schema/document.ts';
import type { Quantity } from '../schema/quantity.ts';
import type { FindingTheme, Taxonomy } from '../schema/theme.ts';
import { segmentReport } from '../segment/segment-report.ts';
import { checkConsistency } from '../segment/checks.ts';
import { extractQuantities } from '../extract/extract-quantities.ts';
import { tagThemes } from '../themes/tag-themes.ts';

export interface ProcessedReport {
  report: IngestedReport;
  /** Null when the text could not be read as a report at all. */
  doc: ReportDocument | null;
  quantities: Quantity[];
  tags: FindingTheme[];
  messages: { segment: Message[]; extract: Message[]; themes: Message[] };
}

/** Segment, check, extract and tag one report: a pure function of its text and the taxonomy. */
export function segmentStage(report: IngestedReport): { doc: ReportDocument | null; messages: Message[] } {
  const sink = new MessageSink('segment', { file: report.sourceFile, reportId: report.reportId, text: report.text });
  const doc = segmentReport(report.text, sink, { sourceFile: report.sourceFile });
  if (doc) {
    // The id chosen at ingest (unique across the run) wins over the one the segmenter derives.
    if (doc.meta.reportId !== report.reportId) renameReport(doc, report.reportId);
    checkConsistency(doc, sink);
  }
  return { doc, messages: sink.list };
}

export function extractStage(report: IngestedReport, doc: ReportDocument): { quantities: Quantity[]; messages: Message[] } {
  const sink = new MessageSink('extract', { file: report.sourceFile, reportId: report.reportId, text: report.text });
  return { quantities: extractQuantities(doc, report.text, sink), messages: sink.list };
}

export function themesStage(report: IngestedReport, doc: ReportDocument, taxonomy: Taxonomy): { tags: FindingTheme[]; messages: Message[] } {
  return { tags: tagThemes(doc, report.text, taxonomy), messages: [] };
}

export function processReport(report: IngestedReport, taxonomy: Taxonomy): ProcessedReport {
  const seg = segmentStage(report);
  if (!seg.doc) return { report, doc: null, quantities: [], tags: [], messages: { segment: seg.messages, extract: [], themes: [] } };
  const ex = extractStage(report, seg.doc);
  const th = themesStage(report, seg.doc, taxonomy);
  return { report, doc: seg.doc, quantities: ex.quantities, tags: th.tags, messages: { segment: seg.messages, extract: ex.messages, themes: th.messages } };
}

function renameReport(doc: ReportDocument, reportId: string): void {
  const old = doc.meta.reportId;
  doc.meta.reportId = reportId;
  for (const f of doc.findings) f.id = f.id.replace(old, reportId);
  for (const q of doc.keyQuestions) q.id = q.id.replace(old, reportId);
}
