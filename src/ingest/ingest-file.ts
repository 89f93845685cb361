import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { sha256 } from '../core/files.ts';
import { MessageSink } from '../core/messages.ts';
import { splitLines } from '../core/lines.ts';
import type { SourceFormat } from '../schema/report.ts';
import type { Message } from '../schema/message.ts';
import { findFieldwork, findTitle, makeReportId } from '../segment/metadata.ts';
import { blankMarkupLines } from '../segment/markup.ts';
import { decodeBytes } from './decode.ts';
import { htmlToText } from './html.ts';
import { pdfToText, PdfTextError } from './pdf.ts';
import mammoth from 'mammoth';

export interface IngestedReport {
  reportId: string;
  sourceFile: string;
  sourceSha256: string;
  format: SourceFormat;
  encoding: string;
  /** The canonical text every later offset points into. */
  text: string;
  /** sha256 of the text's UTF-8, when known without encoding it again (a UTF-8 text file is its own text). */
  textSha256?: string;
}

export type IngestResult = { ok: true; report: IngestedReport; messages: Message[] } | { ok: false; messages: Message[] };

const HTML_SNIFF = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b/i;

export function looksLikeHtml(file: string, text: string): boolean {
  if (/^\.(x?html?)$/i.test(extname(file))) return true;
  if (HTML_SNIFF.test(text.slice(0, 4096))) return true;
  const head = text.slice(0, 8192);
  if ((head.match(/<\/?(p|div|h[1-6]|li|ul|table|tr|td|span|section|article)\b[^>]*>/gi)?.length ?? 0) < 8) return false;
  // Markdown written from a page keeps some of its tags inline: its headings and tables say what it is.
  const markdownLines = text.match(/^(?:#{1,6} \S|\|[ :]*-{3,})/gm)?.length ?? 0;
  return markdownLines < 5;
}

export interface IngestOptions {
  /**
   * The canonical text an earlier run extracted from a PDF with this sha256, if it is still at
   * hand: laying out a PDF's text again is the slow part of reading one (50-125 ms a report).
   */
  knownPdfText?: (sourceSha256: string) => string | null;
}

/** Read one file into a canonical text, or say by name why it cannot be used. (The read blocks: for one small file that costs less than the promise machinery.) */
export async function ingestFile(path: string, displayName = path, opts: IngestOptions = {}): Promise<IngestResult> {
  const sink = new MessageSink('ingest', { file: displayName });
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    sink.error('unreadable_file', `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    return { ok: false, messages: sink.list };
  }
  if (isDocx(bytes)) return ingestDocx(bytes, displayName, sink);
  if (!isPdf(bytes)) return ingestBytes(bytes, displayName, sink);
  const known = opts.knownPdfText?.(sha256(bytes));
  return known ? fromText(known, bytes, displayName, sink, 'pdf', 'pdf') : ingestPdf(bytes, displayName, sink);
}

/** A PDF file starts with `%PDF-`; readers tolerate some junk before it, when the file ends as a PDF does. */
export function isPdf(bytes: Uint8Array): boolean {
  const at = Buffer.from(bytes.subarray(0, 1024)).toString('latin1').indexOf('%PDF-');
  if (at === 0) return true;
  return at > 0 && Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1').includes('%%EOF');
}

/** A Word document: a ZIP archive holding `word/document.xml`. */
export function isDocx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('word/document.xml');
}

/** A Word document as HTML (mammoth: headings, lists, tables, footnotes), read as an HTML page is. */
export async function ingestDocx(bytes: Uint8Array, displayName: string, sink = new MessageSink('ingest', { file: displayName })): Promise<IngestResult> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (err) {
    sink.error('unreadable_document', `${basename(displayName)}: the Word document could not be read (${(err as Error)?.message ?? String(err)}); it may be truncated or damaged`);
    return { ok: false, messages: sink.list };
  }
  const text = htmlToText(html);
  if (!text.trim()) {
    sink.error('empty_file', `${basename(displayName)}: the Word document holds no text`);
    return { ok: false, messages: sink.list };
  }
  return fromText(text, bytes, displayName, sink, 'docx', 'docx');
}

/** A PDF's text layer, laid out as lines (see pdf.ts), as the canonical text. */
export async function ingestPdf(bytes: Uint8Array, displayName: string, sink = new MessageSink('ingest', { file: displayName })): Promise<IngestResult> {
  let text: string;
  try {
    text = await pdfToText(bytes);
  } catch (err) {
    if (!(err instanceof PdfTextError)) throw err;
    sink.error(err.ruleId, `${basename(displayName)}: ${err.message}`);
    return { ok: false, messages: sink.list };
  }
  return fromText(text, bytes, displayName, sink, 'pdf', 'pdf');
}

/** A text or HTML file's bytes as a report (a PDF needs `ingestPdf`, which is asynchronous). */
export function ingestBytes(bytes: Uint8Array, displayName: string, sink = new MessageSink('ingest', { file: displayName })): IngestResult {
  if (isPdf(bytes) || isDocx(bytes)) {
    const what = isPdf(bytes) ? 'a PDF document; read it with ingestFile or ingestPdf' : 'a Word document; read it with ingestFile or ingestDocx';
    sink.error('unsupported_format', `${basename(displayName)}: the file is ${what}, which extract its text`);
    return { ok: false, messages: sink.list };
  }
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) {
    sink.error(decoded.ruleId, `${basename(displayName)}: ${decoded.reason}`);
    return { ok: false, messages: sink.list };
  }
  for (const w of decoded.warnings) sink.warn(w.ruleId, w.message);
  let text = decoded.text;
  let format: SourceFormat = 'text';
  if (looksLikeHtml(displayName, text)) {
    format = 'html';
    try {
      text = htmlToText(text);
    } catch (err) {
      sink.error('unparsable_html', `the HTML could not be parsed: ${String(err)}`);
      return { ok: false, messages: sink.list };
    }
    if (!text.trim()) {
      sink.error('empty_file', 'the HTML page holds no report text once navigation and scripts are removed');
      return { ok: false, messages: sink.list };
    }
  }
  return fromText(text, bytes, displayName, sink, format, decoded.encoding);
}

function fromText(text: string, bytes: Uint8Array, displayName: string, sink: MessageSink, format: SourceFormat, encoding: string): IngestResult {
  const lines = splitLines(text);
  blankMarkupLines(text, lines);
  const title = findTitle(lines);
  const fw = findFieldwork(text);
  const sourceSha256 = sha256(bytes);
  const reportId = title ? makeReportId(title.unitName, title.unitType, fw.year) : `unknown-${sourceSha256.slice(0, 10)}`;
  sink.setReportId(reportId);
  const report: IngestedReport = { reportId, sourceFile: displayName, sourceSha256, format, encoding, text };
  // Valid UTF-8 decodes and encodes back to the same bytes: without a byte-order mark, the text's hash is the file's.
  if (format === 'text' && encoding === 'utf-8' && !(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) report.textSha256 = sourceSha256;
  return { ok: true, report, messages: sink.list };
}
