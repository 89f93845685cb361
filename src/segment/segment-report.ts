import { splitLines, type Line } from '../core/lines.ts';
import type { MessageSink } from '../core/messages.ts';
import type { Finding, Footnote, KeyQuestion, Polarity, RatingRow, ReportDocument, Section, Standard } from '../schema/document.ts';
import type { Rendering } from '../schema/report.ts';
import { aspectOf } from './aspect.ts';
import { locateMarkers, textWithoutMarkers, type MarkerSpan } from './footnotes.ts';
import { blankMarkupLines } from './markup.ts';
import { BULLET_RE, indentOf, joinLines, KQ_HEADER_PART_RE, RATING_PART_RE } from './line-shapes.ts';
import { TableRows } from './table-rows.ts';
import { findFieldwork, findNamedPdus, findRegion, findScore, findTitle, makeReportId } from './metadata.ts';
import { pipeCells, rowCells, rowCellsAt, wholeLine, type Cell } from './rows.ts';
import {
  ADDRESSEE_RE,
  DOMAIN_RE,
  HEADINGS,
  KQ_HEADER_RE,
  KQ_INTRO_RE,
  POLARITY_LABELS,
  RATING_POINTS,
  RATING_RE_SRC,
  SIGNATURE_RE,
  STANDARD_RE,
  CONTENTS_ENTRY_RE,
  PAGE_NUMBER_KEY_RE,
  SUMMARY_SUBHEAD_RE,
  domainOf,
  normaliseRating,
  type HeadingKind,
} from './vocabulary.ts';

const FOOTNOTE_DEF_RE = /^\s*\[(\d{1,3})\]\s*(?=\S)/;
const BACK_TO_TOP_RE = /\s*\(?\s*back to top\s*\)?\s*$/i;
/** Cheap pre-test on a line's end, before the full pattern. */
const endsBackToTop = (s: string) => s.length < 150 && /back to top\s*\)?\s*$/i.test(s.slice(-20));
const TERMINAL_RE = /[.!?:;)"”’\]↩︎\ufe0f]\s*$/;

interface HeadingInfo {
  title: string;
  kind: HeadingKind;
}

interface OpenBlock {
  finding: Finding;
  lastLine: Line;
  /** For a bullet item, the indent of its marker: a line indented further is the item wrapped (a hanging indent). */
  bulletIndent: number | null;
}

/**
 * The width a hard-wrapped text was wrapped at (as text converted from PDF, or written for a
 * terminal, is), or 0 when its lines are not wrapped: most lines then end within a few
 * characters of the same length, and few run past it.
 */
export function wrapWidth(lines: Line[]): number {
  const lengths: number[] = [];
  for (const l of lines) {
    let n = l.norm.length;
    while (n > 0 && l.norm.charCodeAt(n - 1) === 32) n--;
    if (n > 0) lengths.push(n);
  }
  if (lengths.length < 20) return 0;
  // The width most lines come close to, a few longer lines aside (a table row, an address).
  const sorted = Float64Array.from(lengths).sort();
  let width = 0;
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    const w = sorted[hi]!;
    if (w < 40 || w > 120 || (hi + 1 < sorted.length && sorted[hi + 1] === w)) continue;
    while (sorted[lo]! < w - 15) lo++;
    const longer = sorted.length - hi - 1;
    if (longer <= sorted.length * 0.15 && hi - lo + 1 > best) (best = hi - lo + 1), (width = w);
  }
  if (!width) return 0;
  const nearWidth = lines.map((l) => l.norm.trimEnd()).filter((t) => t.length >= width - 15 && t.length <= width && t.length > 0);
  // Lines cut by wrapping mostly end inside a sentence; a paragraph a line ends at its full stop.
  const cut = nearWidth.filter((t) => !TERMINAL_RE.test(t)).length;
  return nearWidth.length >= lengths.length * 0.4 && cut >= nearWidth.length * 0.6 ? width : 0;
}

/** The percentage a key-question row ends with (its last cell), if it has one. */
function percentCell(cells: Cell[]): RegExpExecArray | null {
  return cells.length >= 2 ? /^(\d{1,3}(?:\.\d+)?)\s?%$/.exec(cells[cells.length - 1]!.text.replace(/\*+/g, '').trim()) : null;
}

/**
 * Lines that are page furniture in a text converted from pages (PDF): only when it has form
 * feeds, the lines next to a page break that are a page number (`12`, `Page 12 of 40`) or repeat
 * at most page breaks (a running header or footer, digits aside). Their indices.
 */
export function pageFurniture(lines: Line[]): Set<number> {
  const out = new Set<number>();
  const breaks = lines.filter((l) => l.raw.includes('\f')).map((l) => l.index);
  if (!breaks.length) return out;
  const keyOf = (k: number) => lines[k]!.norm.replace(/\f/g, '').trim().replace(/\d+/g, '#').replace(/\s+/g, ' ').toLowerCase();
  // Near each break: up to two lines of text before the line with the form feed (the footer of the
  // page ending) and up to two from it on (the header of the page starting).
  const near = breaks.map((b) => {
    const found: number[] = [];
    for (let k = b - 1, n = 0; k >= 0 && n < 2; k--) if (lines[k]!.norm.trim()) (found.push(k), n++);
    for (let k = b, n = 0; k < lines.length && n < 2; k++) if (lines[k]!.norm.replace(/\f/g, '').trim()) (found.push(k), n++);
    return found.filter((k) => lines[k]!.norm.trim().length <= 120);
  });
  const pagesWith = new Map<string, number>();
  for (const ks of near) for (const key of new Set(ks.map(keyOf))) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  for (const ks of near) {
    for (const k of ks) {
      const key = keyOf(k);
      if (PAGE_NUMBER_KEY_RE.test(key) || (breaks.length >= 3 && pagesWith.get(key)! >= Math.max(3, breaks.length / 2))) out.add(k);
    }
  }
  return out;
}

/** A table's rule line, or a row of empty cells (a header row pandoc leaves blank). */
const TABLE_RULE_RE = /^(?:[-=+:| ]*[-=]{3,}[-=+:| ]*|\|[ |]*\|)$/;

/** Emphasis delimiters in text[start, end): `**x**`, `__x__`, `*x*`, `_x_`, each pair's two delimiters. */
const EMPHASIS_RE = /(?<![\w*\\])(\*\*|__|\*|_)(?=[^\s*_])([^\n]*?[^\s*_\\])\1(?![\w*])/g;

function emphasisDelimiters(text: string, start: number, end: number): MarkerSpan[] {
  const out: MarkerSpan[] = [];
  const re = new RegExp(EMPHASIS_RE.source, 'g');
  const span = text.slice(start, end);
  for (let m = re.exec(span); m; m = re.exec(span)) {
    const d = m[1]!.length;
    out.push({ start: start + m.index, end: start + m.index + d }, { start: start + m.index + m[0].length - d, end: start + m.index + m[0].length });
  }
  return out;
}

/** A rating label ending a line (a row of the ratings table), or that or the `Rating` header ending a cell. */
const RATING_AT_END = new RegExp(`${RATING_RE_SRC}\\s*$`, 'i');
const RATING_OR_HEADER_AT_END = new RegExp(`(?:^|[\\s|])(?:Rating|${RATING_RE_SRC.slice(1, -1)})\\s*\\|?\\s*$`, 'i');

/** Split one report's canonical text into the document model. Offsets point into `text`. */
export function segmentReport(text: string, sink: MessageSink, opts: { sourceFile?: string } = {}): ReportDocument | null {
  const lines = splitLines(text);
  const nonBlank = lines.filter((l) => l.norm.trim()).length;
  const blankSeparated = lines.length - nonBlank > nonBlank * 0.25;
  const wrapAt = wrapWidth(lines);
  /** Whether the text indents a bullet's wrapped lines past its marker: then a line at the marker's indent is not the item's (found when first needed). */
  let hanging: boolean | null = null;
  const hangingIndents = () =>
    (hanging ??= lines.some((l, k) => k > 0 && indentOf(l) > indentOf(lines[k - 1]!) && l.norm.trim() !== '' && BULLET_RE.test(lines[k - 1]!.norm) && !BULLET_RE.test(l.norm)));
  const furniture = pageFurniture(lines);
  const backToTopCount = lines.filter((l) => endsBackToTop(l.norm)).length;
  const markdownHeadings = lines.filter((l) => /^#{1,6}\s+\S/.test(l.norm)).length;
  /** Headings are marked (`(Back to top)`, `#`): a plain line naming a section is not one. */
  const headingsMarked = backToTopCount >= 3 || markdownHeadings >= 3;
  const gluedCells = new RegExp(`^\\s*[PR]\\s?\\d\\.\\d.*[a-z.](Rating|${RATING_RE_SRC.slice(1, -1)})\\s*$`);
  const rendering: Rendering =
    markdownHeadings >= 3 ? 'markdown' : lines.some((l) => /^\s*\|.*\|\s*$/.test(l.norm)) ? 'pipe' : lines.some((l) => gluedCells.test(l.norm)) ? 'glued' : 'plain';
  /** Written in markdown (headings or pipe tables): `*`, `_` around words are emphasis. */
  const markdownish = rendering === 'markdown' || rendering === 'pipe';
  // Markdown written from a web page: its markup blanked in each line (offsets hold), and the words
  // of findings taken from the blanked text.
  const markup = markdownish && blankMarkupLines(text, lines);
  const words = markup ? lines.map((l, k) => l.norm + text.slice(l.end, lines[k + 1]?.start ?? text.length)).join('') : text;
  /** A link's words that ran over a line break leave a space before the punctuation after them. */
  const tidy = (s: string) => (markup ? s.replace(/ +([.,;:!?)])/g, '$1') : s);
  /** A cell's words on one line, without markdown's emphasis. */
  const plainText = (s: string) => (markdownish && /[*_]/.test(s) ? s.replace(EMPHASIS_RE, '$2') : s).replace(/\s+/g, ' ').trim();

  /** Readers of table rows a rendering broke apart (src/segment/table-rows.ts). */
  const table = new TableRows(lines, furniture, { nextContentLine, pageBreakBetween: (a, b) => pageBreakBetween(a, b), headingOf });

  /** Top-level headings: marked `(Back to top)` or `#`; by name alone only in renderings with neither. */
  function headingOf(line: Line): HeadingInfo | null {
    const raw = line.norm.trim();
    if (!raw || raw.length > 150) return null;
    const md = /^(#{1,6})\s+(.*)$/.exec(raw);
    if (md && md[1]!.length > 2) return null; // ### and deeper are list titles or subheadings
    const hasBack = endsBackToTop(raw);
    const strict = !md && !hasBack && (backToTopCount >= 3 || markdownHeadings >= 3);
    // A footnotes list is often headed by its bare name even where other headings are marked.
    if (strict && !/^(footnotes|endnotes)\s*:?$/i.test(raw)) return null;
    let t = (md ? md[2]! : raw).replace(BACK_TO_TOP_RE, '').trim();
    if (!t) return null;
    if (md && md[1]!.length === 1) return null; // the title
    // A plain line that ends as a sentence does is text ("annexe." closing a wrapped note), not a heading.
    if (!md && !hasBack && /[.,;]$/.test(t)) return null;
    const bare = t.replace(/^[•\-*]\s*/, '').replace(/^\d+\s*\.?\s*(?=[A-Za-z])/, '').replace(/^domain\s+(?:one|two|\d)\s*[:.–—-]?\s*(?=[A-Za-z])/i, '').trim();
    for (const h of HEADINGS) {
      if (h.re.test(bare) || h.re.test(t)) return { title: h.name ?? bare, kind: h.kind };
    }
    // A list label or a standard set as a heading is not a new section.
    if (POLARITY_LABELS.some((p) => p.re.test(bare)) || STANDARD_RE.test(bare) || KQ_HEADER_RE.test(bare)) return null;
    if (hasBack || md) return { title: bare || t, kind: 'narrative' };
    return null;
  }

  const title = findTitle(lines);
  const ratings: RatingRow[] = [];
  const standards: Standard[] = [];
  const keyQuestions: KeyQuestion[] = [];
  const findings: Finding[] = [];
  /** The list each finding belongs to, for its ordinal (kept beside the findings, not on them). */
  const listKeys = new Map<Finding, string>();
  const footnotes: Footnote[] = [];
  const sections: Section[] = [];
  const seenLabels = { any: false };

  let section: Section & { title: string } = { heading: 'Front matter', title: 'Front matter', kind: 'front_matter', start: 0, end: 0 };
  let domain: 1 | 2 | null = null;
  let standard: Standard | null = null;
  let expectStatement = false;
  let inKq = false;
  let subTitle = '';
  let listPolarity: Polarity | null = null;
  let listHasBullets = false;
  let listSerial = 0;
  let addressee = '';
  let open: OpenBlock | null = null;
  let unheadedRun: Finding[] = [];
  let lastFootnote: Footnote | null = null;
  let lastFootnoteLine = -2;
  let bracketedNotes = false;
  const provisionalNotes = new Set<Footnote>();
  const afterTitle = title ? title.lineIndex + 1 : 0;
  let overallRatingCell: Cell | null = null;
  let overallLabelSeen = false;
  let firstDefLine = text.length;

  const closeBlock = () => {
    open = null;
  };
  const resetList = () => {
    listPolarity = null;
    listHasBullets = false;
    addressee = '';
    unheadedRun = [];
    listSerial++;
  };
  const closeSection = (end: number) => {
    if (section.kind !== 'front_matter' || section.end > section.start) {
      sections.push({ heading: section.heading, kind: section.kind, start: section.start, end });
    }
  };

  const sectionKey = () => (standard ? standard.code : section.title);

  function startFinding(line: Line, contentStart: number, polarity: Polarity, isBullet: boolean): Finding {
    const f: Finding = {
      id: '',
      section: standard ? standard.code : section.title,
      sectionTitle: standard ? standard.name : subTitle || section.title,
      polarity,
      ordinal: 1,
      text: '',
      quote: '',
      start: contentStart,
      end: line.start + line.norm.trimEnd().length,
      addressee: polarity === 'recommendation' ? addressee : '',
      footnotes: [],
      markerSpans: [],
    };
    listKeys.set(f, polarity === 'narrative' && !isBullet ? `${sectionKey()}|narrative` : `${sectionKey()}|${polarity}|${listSerial}`);
    findings.push(f);
    open = { finding: f, lastLine: line, bulletIndent: null };
    return f;
  }

  for (let i = afterTitle; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.norm.trim();
    // A table's rule line (`----- ------`, `+---+---+`, `|:--|--:|`) is drawing, not text; so is a row of empty cells.
    if (t && TABLE_RULE_RE.test(t)) continue;
    if (!t || furniture.has(i)) {
      // A page's footer and the next page's header do not end the paragraph that runs across them.
      if (blankSeparated && !furniture.has(i) && !(open && furniture.size && pageBreakBetween((open as OpenBlock).lastLine.index, nextContentLine(i), (open as OpenBlock).bulletIndent))) closeBlock();
      continue;
    }

    // The entries of a table of contents name the headings that follow it: they are not those headings.
    if (section.kind === 'front_matter' && section.title === 'Contents' && CONTENTS_ENTRY_RE.test(t)) continue;
    let heading = headingOf(line);
    // Where nothing marks headings, an executive summary's own subheadings (Introduction, Methodology,
    // a domain's name over its summary) name known sections too: they stay in the summary until a
    // domain heading is followed by a standard's table, or another section begins.
    if (heading && !headingsMarked && section.kind === 'narrative' && /^executive summary$/i.test(section.title)) {
      if (heading.kind === 'narrative' && SUMMARY_SUBHEAD_RE.test(heading.title)) heading = null;
      else if (heading.kind === 'domain' && !standardTableAhead(i)) heading = null;
      if (!heading) {
        closeBlock();
        subTitle = t;
        continue;
      }
    }
    // A domain's name over its rows of the ratings table (a plain line where nothing marks headings) is not the domain's section.
    if (heading && heading.kind === 'domain' && section.kind === 'ratings' && isRatingsRow(nextContentLine(i + 1))) continue;
    if (heading) {
      closeBlock();
      closeSection(line.start);
      section = { heading: heading.title, title: heading.title, kind: heading.kind, start: line.start, end: line.start };
      standard = null;
      expectStatement = false;
      inKq = false;
      subTitle = '';
      resetList();
      if (heading.kind === 'domain') domain = domainOf(heading.title);
      continue;
    }

    // Footnote definitions: `[3] text` anywhere, or numbered items under a Footnotes heading, or
    // after the report's body, numbered in turn from 1, each number's marker standing in the body
    // (`[1]`, or glued to the words, `applied.1`: the notes of a page laid out as text).
    const fdef = FOOTNOTE_DEF_RE.exec(line.norm);
    const numbered =
      section.kind === 'footnotes' || (section.kind === 'back_matter' && !bracketedNotes)
        ? /^\s*(\d{1,3})[.)]\s+(?=\S)/.exec(line.norm)
        : null;
    if (numbered && section.kind === 'back_matter' && Number(numbered[1]) !== (footnotes.length ? footnotes[footnotes.length - 1]!.number + 1 : 1)) {
      // not a note: an annexe's numbered list
    } else if (fdef || numbered) {
      closeBlock();
      const m = (fdef ?? numbered)!;
      const start = line.start + m[0].length;
      const end = line.start + line.norm.trimEnd().length;
      lastFootnote = { number: Number(m[1]), start, end, quote: text.slice(start, end), text: '', markers: [] };
      footnotes.push(lastFootnote);
      if (fdef) bracketedNotes = true;
      // A note after the body stays one only if its marker is found in the body (checked with the markers, below).
      if (!fdef && section.kind === 'back_matter') provisionalNotes.add(lastFootnote);
      firstDefLine = Math.min(firstDefLine, line.start);
      lastFootnoteLine = i;
      continue;
    }
    if (section.kind === 'footnotes' || (section.kind === 'back_matter' && lastFootnoteLine === i - 1 && lastFootnote && !FOOTNOTE_DEF_RE.test(line.norm))) {
      // A note goes on over its wrapped lines; after a blank line, only indented (a markdown list item's next paragraph).
      if (lastFootnote && (lastFootnoteLine === i - 1 || indentOf(line) > 0)) {
        lastFootnote.end = line.start + line.norm.trimEnd().length;
        lastFootnote.quote = text.slice(lastFootnote.start, lastFootnote.end);
        lastFootnoteLine = i;
      }
      continue;
    }
    if (section.kind === 'back_matter') continue;
    if (section.kind === 'front_matter') continue;

    const row = rowCellsAt(lines, i);
    if (section.kind === 'ratings') {
      if (parseRatingsLine(line, row.cells)) {
        if (row.consumed !== null && row.cells.length === 2) i = row.consumed;
      } else {
        sink.warn('unparsed_block', `a line in the ratings table could not be read: "${clip(t)}"`, wholeLine(line));
      }
      continue;
    }

    const cells = row.cells;
    const first = cells[0]!;
    // When a row's last cell stood on the next line, that line is part of the row.
    const takeRow = () => {
      if (row.consumed !== null) i = row.consumed;
    };

    // A standard's header row: `| P 1.1 Leadership | Rating |` or `P 1.1 LeadershipRating`.
    const std = STANDARD_RE.exec(first.text.replace(/^#+\s*/, ''));
    const isHeaderRow = std && ((cells.length === 2 && /^rating$/i.test(cells[1]!.text)) || (section.kind === 'domain' && cells.length === 1 && t.length <= 80 && !TERMINAL_RE.test(t)));
    if (std && isHeaderRow) {
      if (cells.length === 2) takeRow();
      closeBlock();
      resetList();
      inKq = false;
      const code = `${std[1]}${std[2]}.${std[3]}`;
      const nameStart = first.start + first.text.indexOf(std[4]!);
      standard = {
        code,
        name: std[4]!.replace(/\s+/g, ' ').trim(),
        domain: Number(std[2]),
        statement: '',
        rating: null,
        start: first.start,
        end: nameStart + std[4]!.length,
        quote: '',
      };
      standard.quote = text.slice(standard.start, standard.end);
      standards.push(standard);
      expectStatement = true;
      continue;
    }

    if (expectStatement && standard) {
      expectStatement = false;
      const rated = (cs: Cell[]) => (cs.length >= 2 ? normaliseRating(cs[cs.length - 1]!.text) : null);
      const wrapped = rated(cells) ? null : (table.wrappedRow(i, cells, t, (cs) => rated(cs) !== null) ?? table.columnRow(i, (cs) => rated(cs) !== null) ?? table.stackedColumns(i, (cs) => rated(cs) !== null) ?? table.interleavedStatement(i));
      const rowCells = wrapped?.cells ?? cells;
      const rating = rated(rowCells);
      if (rating) {
        let more: Cell[] = [];
        // A cell set beside the middle of the first cell's lines: the rest of them come after the row.
        if (wrapped) i = wrapped.to;
        else takeRow();
        ({ cells: more, to: i } = table.cellContinuation(i, rowCells[rowCells.length - 2]!.text));
        standard.statement = plainText([...rowCells.slice(0, -1), ...more].map((c) => c.text).join(' '));
        standard.rating = rating;
        continue;
      }
    }

    // The key-question table's header; laid out in columns, its second cell may stand on the lines around the first (`Percentage` / `Key question` / `‘Yes’`).
    const stackedHeader =
      KQ_HEADER_RE.test(first.text) &&
      cells.length === 1 &&
      ([i - 1, i + 1].some((k) => table.isRightColumn(k, i) && /percentage/i.test(lines[k]!.norm)) || lines.slice(i + 1, i + 16).some((l) => /^percentage\b/i.test(l.norm.trim())));
    if (/^percentage\b/i.test(t) && table.isRightColumn(i, nextContentLine(i + 1)) && KQ_HEADER_RE.test(lines[nextContentLine(i + 1)]?.norm.trim() ?? '')) continue;
    if (KQ_HEADER_RE.test(first.text) && (cells.length >= 2 || /percentage/i.test(t) || stackedHeader)) {
      if (stackedHeader && table.isRightColumn(i + 1, i)) i++;
      takeRow();
      closeBlock();
      resetList();
      inKq = true;
      continue;
    }
    if (inKq) {
      // The header's second cell on lines of its own (`Percentage` / `‘Yes’`).
      if (KQ_HEADER_PART_RE.test(t)) continue;
      // A table read column by column (pdftotext without -layout): the questions, then their percentages.
      const block = percentCell(cells) || !standard ? null : table.kqColumnBlock(i);
      if (block && standard) {
        for (const { question: q, percent: pcell } of block.rows) {
          const question = plainText(q.text);
          keyQuestions.push({
            id: '',
            standardCode: standard.code,
            standardName: standard.name,
            question,
            percentYes: Number(/\d+(?:\.\d+)?/.exec(pcell.text)![0]),
            aspect: aspectOf(question),
            isLowest: false,
            start: q.start,
            end: q.end,
            quote: text.slice(q.start, q.end),
            percentStart: pcell.start,
            percentEnd: pcell.end,
          });
        }
        i = block.to;
        inKq = false;
        continue;
      }
      // A question may be wrapped onto the next line, which ends with its percentage.
      const wrapped = percentCell(cells) ? null : (table.wrappedRow(i, cells, t, (cs) => percentCell(cs) !== null) ?? table.stackedColumns(i, (cs) => percentCell(cs) !== null));
      const rowCells = wrapped?.cells ?? cells;
      const pct = percentCell(rowCells);
      if (pct && standard) {
        let more: Cell[] = [];
        if (wrapped) i = wrapped.to;
        else takeRow();
        ({ cells: more, to: i } = table.cellContinuation(i, rowCells[rowCells.length - 2]!.text));
        const q = rowCells.slice(0, -1);
        const qStart = q[0]!.start;
        const qEnd = q[q.length - 1]!.end;
        const pcell = rowCells[rowCells.length - 1]!;
        // The lines under a top-aligned row continue its question after the percentage cell.
        const question = plainText([words.slice(qStart, qEnd), ...more.map((c) => c.text)].join(' '));
        const rowEnd = Math.max(pcell.end, ...more.map((c) => c.end));
        keyQuestions.push({
          id: '',
          standardCode: standard.code,
          standardName: standard.name,
          question,
          percentYes: Number(pct[1]),
          aspect: aspectOf(question),
          isLowest: false,
          start: qStart,
          end: rowEnd,
          quote: text.slice(qStart, rowEnd),
          percentStart: pcell.start,
          percentEnd: pcell.end,
        });
        continue;
      }
      inKq = false;
    }

    if (KQ_INTRO_RE.test(t) || (/^our rating(?![a-z])/i.test(t) && KQ_INTRO_RE.test(`${t} ${lines[i + 1]?.norm.trim() ?? ''}`))) {
      closeBlock();
      // Wrapped, the sentence goes on over the next lines, up to the colon that opens the table.
      while (!/:\s*$/.test(lines[i]!.norm) && /^[a-z(]/.test(lines[i + 1]?.norm.trim() ?? '')) i++;
      continue;
    }
    if (SIGNATURE_RE.test(t)) {
      closeBlock();
      continue;
    }

    const label = t.length <= 60 ? POLARITY_LABELS.find((p) => p.re.test(t.replace(/^#+\s*/, '').replace(/\*+/g, '').trim())) : undefined;
    if (label) {
      closeBlock();
      if (label.polarity === 'improvement') for (const f of unheadedRun) relabel(f, 'strength');
      resetList();
      listPolarity = label.polarity;
      seenLabels.any = true;
      continue;
    }
    const addr = t.endsWith(':') ? ADDRESSEE_RE.exec(t) : null;
    if (addr && (section.kind === 'recommendations' || t.length < 160)) {
      closeBlock();
      resetList();
      addressee = addr[1]!.replace(/^#+\s*/, '').trim();
      listPolarity = 'recommendation';
      continue;
    }

    let bullet = BULLET_RE.exec(line.norm);
    // In a hard-wrapped text a dash can open a line that the wrapping cut (`... public protection` / `– a common theme`).
    if (bullet && /^[–—]$/.test(bullet[2]!) && wrapAt && open && (open as OpenBlock).lastLine.index === i - 1) {
      const prev = (open as OpenBlock).lastLine.norm.trimEnd();
      if (prev.length + 2 > wrapAt && !TERMINAL_RE.test(prev)) bullet = null;
    }
    if (bullet && DOMAIN_RE.test(t)) {
      // `  1. Organisational arrangements and activity` inside a section: a subheading.
      closeBlock();
      subTitle = t.replace(/^[•\-*\d.\s]+/, '');
      continue;
    }
    if (bullet) {
      closeBlock();
      const contentStart = line.start + bullet[0].length;
      let polarity: Polarity = listPolarity ?? (section.kind === 'recommendations' ? 'recommendation' : 'narrative');
      const f = startFinding(line, contentStart, polarity, true);
      (open as OpenBlock | null)!.bulletIndent = indentOf(line);
      listHasBullets = true;
      if (!listPolarity) unheadedRun.push(f);
      continue;
    }

    // Prose: a wrapped continuation of the open block, a subheading, or a new paragraph.
    const cur = open as OpenBlock | null; // assigned in closures, so TypeScript cannot narrow it
    if (cur && isContinuation(cur, line, t)) {
      cur.finding.end = line.start + line.norm.trimEnd().length;
      cur.lastLine = line;
      continue;
    }
    if (looksLikeSubheading(t, lines, i, blankSeparated, furniture, wrapAt)) {
      closeBlock();
      subTitle = t.replace(/^#+\s*/, '');
      unheadedRun = [];
      continue;
    }
    closeBlock();
    const lead = line.norm.length - line.norm.trimStart().length;
    // Items of a labelled list written without bullet markers keep the label's polarity.
    const polarity: Polarity = listPolarity && !listHasBullets ? listPolarity : 'narrative';
    if (listPolarity && listHasBullets) resetList();
    startFinding(line, line.start + lead, polarity, polarity !== 'narrative');
    unheadedRun = [];
  }
  closeSection(text.length);

  function relabel(f: Finding, polarity: Polarity) {
    f.polarity = polarity;
    listKeys.set(f, `${f.section}|${polarity}|unheaded-${listSerial}`);
  }

  /** Whether the first line after i names a standard and a table row with its rating (or the `Rating` header) follows within a few lines. */
  function standardTableAhead(i: number): boolean {
    const k = nextContentLine(i + 1);
    if (!lines[k] || !STANDARD_RE.test(lines[k]!.norm.replace(/[|#]/g, ' ').trim())) return false;
    for (let j = k, n = 0; j < lines.length && n < 6; j++) {
      if (!lines[j]!.norm.trim()) continue;
      n++;
      if (RATING_OR_HEADER_AT_END.test(lines[j]!.norm) || (j > k && STANDARD_RE.test(lines[j]!.norm.trim()) === false && normaliseRating(lines[j]!.norm.trim()))) return true;
    }
    return false;
  }

  /**
   * The gaps inside a finding's span that hold page furniture: from the end of the text before a
   * page break to the start of the text after it.
   */
  function furnitureGaps(f: Finding): MarkerSpan[] {
    if (!furniture.size) return [];
    const out: MarkerSpan[] = [];
    for (const k of [...furniture].sort((a, b) => a - b)) {
      const l = lines[k]!;
      if (l.start < f.start || l.end > f.end || (out.length && out[out.length - 1]!.end >= l.end)) continue;
      let a = k;
      while (a > 0 && lines[a - 1]!.start >= f.start && (furniture.has(a - 1) || !lines[a - 1]!.norm.trim())) a--;
      let b = k;
      while (b + 1 < lines.length && lines[b + 1]!.end <= f.end && (furniture.has(b + 1) || !lines[b + 1]!.norm.trim())) b++;
      const before = lines[a - 1];
      const after = lines[b + 1];
      if (!before || !after) continue;
      out.push({ start: before.start + before.norm.trimEnd().length, end: after.start + indentOf(after) });
    }
    return out;
  }

  /** Whether line k starts with a standard's code and ends with a rating (a row of the ratings table, in any rendering). */
  function isRatingsRow(k: number): boolean {
    const l = lines[k];
    if (!l) return false;
    const t = l.norm.replace(/[|]/g, ' ').trim();
    if (!STANDARD_RE.test(t)) return false;
    // The rating at the end of the row, or on a line of its own after it (each cell on its own line).
    return RATING_AT_END.test(t) || normaliseRating(lines[nextContentLine(k + 1)]?.norm.trim() ?? '') !== null;
  }

  /** The first line from i on that is neither blank, page furniture nor a table's rule line (lines.length if none). */
  function nextContentLine(i: number): number {
    let k = i;
    while (k < lines.length && (!lines[k]!.norm.trim() || furniture.has(k) || TABLE_RULE_RE.test(lines[k]!.norm.trim()))) k++;
    return k;
  }

  /**
   * Whether only a page break lies between lines a and b (blank lines and page furniture, at least
   * one of them furniture), and line b carries on the sentence of line a.
   */
  function pageBreakBetween(a: number, b: number, bulletIndent: number | null = null): boolean {
    if (!furniture.size || b >= lines.length || b <= a + 1) return false;
    let sawFurniture = false;
    for (let k = a + 1; k < b; k++) {
      if (furniture.has(k)) sawFurniture = true;
      else if (lines[k]!.norm.trim()) return false;
    }
    if (!sawFurniture) return false;
    const next = lines[b]!.norm.trim();
    // A bullet's text goes on at its hanging indent on the next page, whatever the last line ended with.
    if (bulletIndent !== null && indentOf(lines[b]!) > bulletIndent && !BULLET_RE.test(lines[b]!.norm)) return true;
    if (/^[a-z(]/.test(next)) return true;
    const prev = lines[a]!.norm.trim();
    // A short line that does not end a sentence before a break is a heading or a label, not a paragraph cut by the page.
    if (prev.length < (wrapAt ? 0.6 * wrapAt : 50)) return false;
    return !TERMINAL_RE.test(prev);
  }

  function isContinuation(o: OpenBlock, line: Line, t: string): boolean {
    if (pipeCells(line)) return false;
    if (line.index !== o.lastLine.index + 1) return pageBreakBetween(o.lastLine.index, line.index, o.bulletIndent);
    if (blankSeparated) return true;
    if (o.bulletIndent !== null && indentOf(line) > o.bulletIndent) return true;
    // A hard-wrapped item with no hanging indent (a PDF's text read without its layout) goes on until a blank line or the next item.
    if (o.bulletIndent !== null && wrapAt && indentOf(line) === o.bulletIndent && !hangingIndents()) return true;
    const prev = o.lastLine.norm.trimEnd();
    // In a hard-wrapped text, a line that ends where the next word would not have fitted was cut by the wrapping
    // (measured as written: markup blanked out of a line still took its room).
    const prevWidth = o.lastLine.marked ? o.lastLine.raw.trimEnd().length : prev.length;
    if (wrapAt && prevWidth + 1 + t.search(/\s|$/) > wrapAt) return true;
    return /^[a-z(]/.test(t) || !TERMINAL_RE.test(prev.replace(/\[\d+\]$/, '').replace(/\d$/, ''));
  }

  function parseRatingsLine(line: Line, cells: Cell[]): boolean {
    const t = line.norm.trim();
    const joined = cells.map((c) => c.text).join(' | ');
    const dm = DOMAIN_RE.exec(joined.trim()) ?? DOMAIN_RE.exec(t);
    if (dm) {
      domain = domainOf(dm[2]!);
      return true;
    }
    if (/^overall rating\b/i.test(joined)) {
      overallLabelSeen = true;
      // Its value, unless the cell beside it is another's (the score, where cells come column by column).
      overallRatingCell = cells.length > 1 && normaliseRating(cells[cells.length - 1]!.text) ? cells[cells.length - 1]! : null;
      if (!overallRatingCell) {
        const m = new RegExp(`${RATING_RE_SRC}\\s*$`).exec(t);
        if (m) overallRatingCell = { text: m[1]!, start: line.start + line.norm.lastIndexOf(m[1]!), end: line.start + line.norm.lastIndexOf(m[1]!) + m[1]!.length };
      }
      return true;
    }
    if (/fieldwork|score\s*\d/i.test(joined)) return true; // read by findFieldwork / findScore
    const std = STANDARD_RE.exec(cells[0]!.text);
    const rating = cells.length >= 2 ? normaliseRating(cells[cells.length - 1]!.text) : null;
    if (std && rating) {
      const printed = `${std[1]}${std[2]}.${std[3]}`;
      const nameCell = cells[0]!;
      ratings.push({
        standardCode: printed,
        standardName: std[4]!.replace(/\s+/g, ' ').trim(),
        domain: Number(std[2]) as 1 | 2,
        rating,
        ratingPoints: RATING_POINTS[rating],
        printedCode: cells[0]!.text.slice(0, cells[0]!.text.indexOf(std[4]!)).trim(),
        start: nameCell.start,
        end: cells[cells.length - 1]!.end,
        quote: text.slice(nameCell.start, cells[cells.length - 1]!.end),
      });
      if (domain !== null && domain !== Number(std[2])) {
        sink.warn('domain_mismatch', `standard ${printed} is listed under domain ${domain}`, nameCell);
      }
      return true;
    }
    if (/^(key questions?|standard|rating)\b/i.test(joined) && cells.length >= 2) return true; // a header row
    // The overall rating's value on a line of its own, after its label and the score (cells read column by column).
    const lone = cells.length === 1 ? normaliseRating(t) : null;
    if (lone && overallLabelSeen && !overallRatingCell && ratings.length === 0) {
      overallRatingCell = wholeLine(line);
      return true;
    }
    return false;
  }
  if (!overallRatingCell) {
    // Some renderings give the overall rating only in prose.
    const m = new RegExp(`overall rating[^.]{0,40}?\\b(?:was|is|of)\\s*[‘'"“]?${RATING_RE_SRC}`, 'i').exec(text);
    if (m) {
      const at = m.index + m[0].length - m[1]!.length;
      overallRatingCell = { text: m[1]!, start: at, end: at + m[1]!.length };
    }
  }

  // Footnote markers, stripped from findings' text while offsets still point at the source.
  const numbers = [...new Set(footnotes.map((f) => f.number))];
  const markerZoneStart = title ? title.end : 0;
  const markers = locateMarkers(words, numbers, markerZoneStart, firstDefLine);
  // Numbered lines after the body whose number stands nowhere in it were an annexe's list, not notes.
  for (let k = footnotes.length - 1; k >= 0; k--) if (provisionalNotes.has(footnotes[k]!) && !markers.get(footnotes[k]!.number)?.length) footnotes.splice(k, 1);
  for (const fn of footnotes) {
    fn.markers = markers.get(fn.number) ?? [];
    fn.text = tidy(textWithoutMarkers(words, fn.start, fn.end, [])).replace(/\s*↩\ufe0e?\ufe0f?\s*$/, '').trim();
  }
  const allMarkers: (MarkerSpan & { n: number })[] = [...markers.entries()].flatMap(([n, spans]) => spans.map((s) => ({ ...s, n })));

  // Finalise findings: quotes, cleaned text, ordinals, ids.
  const kept: Finding[] = [];
  const ordinals = new Map<string, number>();
  for (const f of findings) {
    f.quote = text.slice(f.start, f.end);
    const inside = allMarkers.filter((m) => m.start >= f.start && m.end <= f.end);
    f.markerSpans = inside.map(({ start, end }) => ({ start, end }));
    f.footnotes = [...new Set(inside.map((m) => m.n))];
    // Page furniture inside the span (a paragraph running across a page) is left out of the text like a
    // marker: the whole gap between the paragraph's halves, blank lines and form feed with it.
    const furnitureInside = furnitureGaps(f);
    // Markdown's emphasis (`**risk assessment**`, `*visible*`) is markup, not words: left out of the text too.
    const emphasis = markdownish ? emphasisDelimiters(text, f.start, f.end) : [];
    f.markerSpans.push(...furnitureInside, ...emphasis);
    f.text = tidy(textWithoutMarkers(words, f.start, f.end, [...inside, ...furnitureInside, ...emphasis]));
    if (!/[A-Za-z]/.test(f.text)) continue;
    const key = listKeys.get(f) ?? `${f.section}|${f.polarity}`;
    const n = (ordinals.get(key) ?? 0) + 1;
    ordinals.set(key, n);
    f.ordinal = n;
    kept.push(f);
  }

  // Reconcile the ratings table with the standards' own sections.
  const sectionCodes = new Set(standards.map((s) => s.code));
  for (const r of ratings) {
    if (sectionCodes.has(r.standardCode)) continue;
    const twin = standards.find((s) => s.code.slice(1) === r.standardCode.slice(1));
    if (twin) {
      sink.warn('standard_code_mismatch', `the ratings table prints ${r.printedCode} but the standard's own section is ${twin.code}; using ${twin.code}`, r);
      r.standardCode = twin.code;
    }
  }
  for (const s of standards) {
    const r = ratings.find((x) => x.standardCode === s.code);
    if (r && s.rating && r.rating !== s.rating) {
      sink.warn('rating_disagreement', `${s.code} is rated ${r.rating} in the ratings table but ${s.rating} in its own section`, s);
    }
    if (!s.rating && r) s.rating = r.rating;
  }

  // Key questions: ids and the lowest of each standard.
  const byStd = new Map<string, KeyQuestion[]>();
  for (const q of keyQuestions) byStd.set(q.standardCode, [...(byStd.get(q.standardCode) ?? []), q]);
  for (const qs of byStd.values()) {
    const min = Math.min(...qs.map((q) => q.percentYes));
    for (const q of qs) q.isLowest = q.percentYes === min;
  }

  // Metadata.
  const ratingsText = sections.filter((s) => s.kind === 'ratings').map((s) => text.slice(s.start, s.end)).join('\n');
  const fieldwork = findFieldwork(ratingsText.match(/fieldwork/i) ? ratingsText : text);
  const fw = fieldwork.fieldworkStarted ? fieldwork : findFieldwork(text);
  const score = findScore(ratingsText || text);
  const unitName = title?.unitName ?? '';
  const unitType = title?.unitType ?? 'pdu';
  const reportId = makeReportId(unitName, unitType, fw.year);
  kept.forEach((f, k) => (f.id = `${reportId}/f${String(k + 1).padStart(3, '0')}`));
  keyQuestions.forEach((q, k) => (q.id = `${reportId}/k${String(k + 1).padStart(3, '0')}`));

  const recognised = ratings.length > 0 || standards.length > 0 || keyQuestions.length > 0 || seenLabels.any;
  if (!recognised) {
    sink.error(
      'not_inspection_report',
      title
        ? 'the text has a title but no ratings table, standards, key questions or Strengths/Areas for improvement lists: it is not a report this tool can read'
        : 'the text is not an inspection report: no title naming a PDU or region, no ratings table, no standards',
    );
    return null;
  }
  if (!title) sink.warn('missing_title', 'no title naming a PDU or region was found; the unit name is unknown');
  if (!ratings.length) sink.warn('missing_ratings_table', 'no ratings table was found');

  checkTruncation();

  function checkTruncation() {
    const missing = ratings.filter((r) => !standards.some((s) => s.code === r.standardCode)).map((r) => r.standardCode);
    const hasBackMatter = sections.some((s) => s.kind === 'back_matter' || s.kind === 'footnotes') || footnotes.length > 0;
    const lastLine = [...lines].reverse().find((l) => l.norm.trim());
    const lastText = lastLine?.norm.trim() ?? '';
    // A list item may end without a full stop; a paragraph cut off mid-sentence may not.
    const endsMidSentence = lastLine && !TERMINAL_RE.test(lastText) && !BULLET_RE.test(lastLine.norm) && !headingOf(lastLine) && !pipeCells(lastLine) && lastText.split(/\s+/).length >= 6;
    if (endsMidSentence) {
      sink.error('truncated_report', `the text ends mid-sentence ("…${lastText.slice(-40)}"): the file looks truncated`, wholeLine(lastLine!));
    } else if (missing.length && !hasBackMatter) {
      sink.error('truncated_report', `the text ends before the sections of ${missing.join(', ')} that its ratings table lists: the file looks truncated`);
    } else if (missing.length) {
      sink.warn('missing_standard_section', `the ratings table lists ${missing.join(', ')} but no section for it was found`);
    }
  }

  const overall = overallRatingCell ? normaliseRating((overallRatingCell as Cell).text) : null;
  return {
    meta: {
      reportId,
      title: title?.title ?? '',
      unitName,
      unitType,
      region: unitType === 'region' ? unitName : findRegion(text),
      fieldworkStarted: fw.fieldworkStarted,
      year: fw.year,
      score: score.score,
      scoreMax: score.scoreMax,
      overallRating: overall,
      pdusNamed: unitType === 'region' ? findNamedPdus(text) : [],
      titleSpan: title ? { start: title.start, end: title.end, quote: text.slice(title.start, title.end) } : null,
    },
    rendering,
    ratings,
    standards,
    keyQuestions,
    findings: kept,
    footnotes,
    sections,
  };
}

function looksLikeSubheading(t: string, lines: Line[], i: number, blankSeparated: boolean, furniture: Set<number>, wrapAt = 0): boolean {
  const s = t.replace(/^#+\s*/, '');
  // Where blocks are separated by blank lines, a heading stands alone; a short line followed
  // directly by more text is the first line of a wrapped paragraph.
  if (blankSeparated && lines[i + 1] && lines[i + 1]!.norm.trim()) return false;
  if (s.length > 70 || s.split(/\s+/).length > 8) return false;
  if (/[.!?:;,]$/.test(s) || !/^[A-Z0-9]/.test(s)) return false;
  // The next line of text, past a page's footer and the next one's header.
  const next = lines.slice(i + 1).find((l) => l.norm.trim() && !furniture.has(l.index));
  if (!next) return false;
  // In a hard-wrapped text, a line that ends where the next word would not have fitted was cut by the wrapping.
  // (Measured as written: markup blanked out of the line still took its room.)
  const width = lines[i]!.marked ? lines[i]!.raw.trimEnd().length : t.length;
  if (wrapAt && next.index === i + 1 && width + 1 + next.norm.trim().search(/\s|$/) > wrapAt) return false;
  return next.norm.trim().length > s.length;
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}
