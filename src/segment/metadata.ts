import type { Line } from '../core/lines.ts';
import { slugify } from '../core/slug.ts';
import type { UnitType } from '../schema/report.ts';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export interface TitleInfo {
  lineIndex: number;
  title: string;
  start: number;
  end: number;
  unitName: string;
  unitType: UnitType;
}

const TITLE_RE = /^(?:#+\s*)?((?:an?\s+)?(?:\w+\s+)?inspection\s+of\b.*)$/i;

/** The report's title: the first line, near the top, that says what was inspected. */
export function findTitle(lines: Line[]): TitleInfo | null {
  const limit = Math.min(lines.length, 120);
  for (let i = 0; i < limit; i++) {
    const t = lines[i]!.norm.trim();
    if (t.length > 200 || /\(\s*back to top\s*\)/i.test(t)) continue;
    const m = TITLE_RE.exec(t);
    if (!m) continue;
    const title = m[1]!.trim();
    const line = lines[i]!;
    const lead = line.norm.indexOf(title);
    const unit = unitFromTitle(title);
    if (unit) return { lineIndex: i, title, start: line.start + lead, end: line.start + lead + title.length, ...unit };
    // A title set large wraps (`...services in Gwent` / `PDU`): it goes on over the next line or two.
    let joined = title;
    for (let k = i + 1; k <= i + 2 && k < lines.length; k++) {
      const next = lines[k]!.norm.trim();
      if (!next || next.length > 80) break;
      joined = `${joined} ${next}`;
      const u = unitFromTitle(joined);
      if (u) return { lineIndex: k, title: joined, start: line.start + lead, end: lines[k]!.start + lines[k]!.norm.trimEnd().length, ...u };
    }
  }
  return null;
}

/** `An inspection of probation services in Gwent PDU` -> Gwent, pdu; `... – Wales region` -> Wales, region. */
export function unitFromTitle(title: string): { unitName: string; unitType: UnitType } | null {
  let unit =
    /\bprobation\s+services?\s+(?:in|for|of|across)\s+(?:the\s+)?(.+)$/i.exec(title)?.[1] ??
    /(?:\s(?:--|[–—-])|:)\s*(.+)$/.exec(title)?.[1] ??
    /\binspection\s+of\s+(?:the\s+)?(.+)$/i.exec(title)?.[1];
  if (!unit) return null;
  unit = unit.replace(/\s+/g, ' ').trim().replace(/[.:]$/, '');
  let unitType: UnitType | null = null;
  if (/\b(PDU|probation delivery unit)\b/i.test(unit)) unitType = 'pdu';
  else if (/\bregion\b/i.test(unit)) unitType = 'region';
  if (!unitType) return null;
  const unitName = unit
    .replace(/\s*\((?:PDU|probation delivery unit)\)\s*$/i, '')
    .replace(/\s+(?:probation\s+delivery\s+unit|PDU|probation\s+region|region)\s*$/i, '')
    .replace(/^the\s+/i, '')
    .trim();
  // A sentence that mentions a PDU ("Our inspection of X PDU found that ...") is not a title: a unit's name is a few words.
  if (unitName.split(/\s+/).length > 8 || /\b(found|was|were|had|has|is|are|presents?)\b/.test(unitName)) return null;
  return unitName ? { unitName, unitType } : null;
}

export interface StatedMeta {
  fieldworkStarted: string;
  year: number | null;
  score: number | null;
  scoreMax: number | null;
}

/** Month and year from `Fieldwork started August 2025`, else from `fieldwork ... beginning 04 August 2025`. */
export function findFieldwork(text: string): { fieldworkStarted: string; year: number | null } {
  const month = `(${MONTHS.join('|')})`;
  const patterns = [
    new RegExp(`fieldwork\\s+started\\s*:?\\s*${month}\\s+(\\d{4})`, 'i'),
    new RegExp(`fieldwork[^.]{0,120}?(?:beginning|starting|from|between|commenc\\w+)\\s+(?:\\d{1,2}(?:st|nd|rd|th)?\\s+)?${month}\\s+(\\d{4})`, 'i'),
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) {
      const mm = String(MONTHS.indexOf(m[1]!.toLowerCase()) + 1).padStart(2, '0');
      return { fieldworkStarted: `${m[2]}-${mm}`, year: Number(m[2]) };
    }
  }
  const pub = /published\s*:?\s*(?:\d{1,2}\s+)?(?:[a-z]+\s+)?(\d{4})/i.exec(text);
  return { fieldworkStarted: '', year: pub ? Number(pub[1]) : null };
}

export function findScore(text: string): { score: number | null; scoreMax: number | null } {
  const m = /(?<![A-Za-z])Score\s*:?\s*(\d{1,2})\s*\/\s*(\d{1,2})\b/.exec(text);
  return m ? { score: Number(m[1]), scoreMax: Number(m[2]) } : { score: null, scoreMax: null };
}

export function makeReportId(unitName: string, unitType: UnitType, year: number | null): string {
  return [slugify(unitName) || 'unknown', unitType, year ?? 'undated'].join('-');
}

/** The region a PDU report places itself in (`one of six PDUs in the Wales probation region`). */
export function findRegion(text: string): string {
  const patterns = [
    /\bPDUs?\s+in\s+the\s+([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})\s+(?:probation\s+)?region\b/,
    /\b(?:in|of|within)\s+the\s+([A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*){0,3})\s+(?:probation\s+)?region\b/,
    /\ball\s+([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})\s+PDUs\b/,
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (m && !/^(HMPPS|The|This|That)$/.test(m[1]!)) return m[1]!;
  }
  return '';
}

/** A regional report names its PDUs: `It is made up of six PDUs: A, B, and C.` */
export function findNamedPdus(text: string): string[] {
  const m = /\b(?:consists?\s+of|made\s+up\s+of|comprises?|comprising|covers|includes)\s+(?:\w+\s+)?(?:PDUs|probation\s+delivery\s+units)\s*(?:\([^)]*\)\s*)?[:,–-]\s*([^.;]+)/i.exec(text);
  if (!m) return [];
  return m[1]!
    .split(/\s*,\s*/)
    .map((s) => s.replace(/\s+/g, ' ').replace(/^and\s+/i, '').trim())
    .filter((s) => s.length > 1 && s.length < 80);
}
