/** Reading a PDF's text layer with pdf.js (bundled in `unpdf`), page by page, then laying it out (layout.ts). */
import { getDocumentProxy } from 'unpdf';
import { layoutDocument } from './layout.ts';
import type { Piece } from './lines.ts';

/** Why a PDF gives no text: the rule id of the message and its reason. */
export class PdfTextError extends Error {
  constructor(
    readonly ruleId: 'unreadable_pdf' | 'pdf_without_text',
    message: string,
  ) {
    super(message);
    this.name = 'PdfTextError';
  }
}

/** The text of a PDF document, or a PdfTextError saying why there is none. */
export async function pdfToText(bytes: Uint8Array): Promise<string> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js may detach the buffer it is given: it gets a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0 } as never);
  } catch (err) {
    const name = (err as { name?: string })?.name ?? '';
    if (name === 'PasswordException') throw new PdfTextError('unreadable_pdf', 'the PDF is password-protected');
    throw new PdfTextError('unreadable_pdf', `the PDF could not be read (${(err as Error)?.message ?? String(err)}); it may be truncated or damaged`);
  }
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [, bottom, , top] = page.view as number[];
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const it of content.items) {
        // A run of spaces is a piece of its own, as wide as the gap it fills: the gap itself says where words and cells part.
        if (!('str' in it) || !it.str.trim()) continue;
        const [a, b, c, d, x, y] = it.transform as number[];
        const size = Math.hypot(c!, d!) || Math.hypot(a!, b!) || 1;
        pieces.push({ str: it.str.replace(/[\uf0b7\uf0a7]/g, '•'), x: x!, y: y!, w: it.width, size });
      }
      page.cleanup();
      pages.push({ pieces, bottom: bottom ?? 0, top: top ?? 842 });
    }
    const text = layoutDocument(pages);
    if (!text.replace(/\f/g, '').trim()) throw new PdfTextError('pdf_without_text', 'the PDF has no text layer (scanned pages?): run it through OCR first');
    return `${text}\n`;
  } catch (err) {
    if (err instanceof PdfTextError) throw err;
    throw new PdfTextError('unreadable_pdf', `the PDF's pages could not be read (${(err as Error)?.message ?? String(err)}); it may be truncated or damaged`);
  } finally {
    await pdf.destroy();
  }
}

/** A page's pieces of text, and its bottom and top edges (in the pieces' coordinates). */
export interface PdfPage {
  pieces: Piece[];
  bottom: number;
  top: number;
}

