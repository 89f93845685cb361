/**
 * A PDF's text laid out again as the rest of the pipeline reads text: one paragraph a line, a
 * bullet a line (`• ...`), a table row a line (`| cell | cell |`), blank lines between blocks
 * and a form feed before each page after the first (so the segmenter can set page headers,
 * footers and numbers aside and join a paragraph that runs over a page break).
 *
 * pdf.js (bundled in `unpdf`) gives positioned pieces of text, not lines. The steps, each in
 * its own module under pdf/: read the pieces of every page (text-layer.ts); group them into lines
 * cut into cells (lines.ts); leave page numbers and running headers out (furniture.ts); join lines
 * into paragraphs, list items and table rows, and mark headings (blocks.ts); layout.ts runs the
 * last three over a document.
 */
export { pdfToText, PdfTextError, type PdfPage } from './pdf/text-layer.ts';
export { layoutDocument, layoutPage } from './pdf/layout.ts';
export type { Piece, DocContext } from './pdf/lines.ts';
