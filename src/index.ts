/**
 * The library API: the same records the CLI writes, typed.
 *
 *   import { runPipeline } from 'inspection-findings';
 *   const { datasets } = await runPipeline({ inputs: ['seeds'], outDir: 'output', write: false });
 */
export { runPipeline, InterruptedError, type RunOptions, type RunResult, type ReportEvent } from './pipeline/run-pipeline.ts';
export { EnvelopeStore, readEnvelope } from './pipeline/envelope-store.ts';
export { processReport, type ProcessedReport } from './pipeline/process-report.ts';
export { ingestFile, ingestBytes, ingestPdf, ingestDocx, type IngestedReport } from './ingest/ingest-file.ts';
export { htmlToText } from './ingest/html.ts';
export { pdfToText, PdfTextError } from './ingest/pdf.ts';
export { segmentReport } from './segment/segment-report.ts';
export { extractQuantities } from './extract/extract-quantities.ts';
export { tagThemes, explainThemes } from './themes/tag-themes.ts';
export { loadTaxonomy } from './themes/load-taxonomy.ts';
export { buildDatasets, writeDatasets, type Datasets } from './publish/datasets.ts';
export { MessageSink, formatMessage } from './core/messages.ts';
export * from './schema/datasets.ts';
export type { ReportDocument, Finding, KeyQuestion, RatingRow, Standard, Footnote } from './schema/document.ts';
export type { Quantity } from './schema/quantity.ts';
export type { Taxonomy, Theme, FindingTheme } from './schema/theme.ts';
export type { Message } from './schema/message.ts';
