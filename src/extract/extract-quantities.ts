/**
 * extractQuantities: every percentage, "X out of Y" count and proportion word in a report's
 * findings and key-question table cells, with its qualifier as a range and its counted noun.
 *
 * Regex first: one scan per finding finds number-like tokens; only spans that hold one get the
 * sentence, qualifier and unit analysis. No NLP library is needed on the hot path.
 */
import type { MessageSink } from '../core/messages.ts';
import type { Finding, KeyQuestion, ReportDocument } from '../schema/document.ts';
import type { Quantity } from '../schema/quantity.ts';
import { explicitMentions, scanTokens, type Mention } from './candidates.ts';
import { NUMBER_WORDS_SRC } from './number-words.ts';
import { findQualifierBefore, qualifierRange, senseOf } from './qualifiers.ts';
import { sentenceIndexAt, splitSentences, type SentenceSpan } from './sentences.ts';
import { splitForms } from './split-forms.ts';
import { nounBefore, readNounPhrase } from './units.ts';

/** Rule ids this stage reports (the `check` column of checks.csv). */
export const QUANTITY_RULES = {
  numeratorExceedsDenominator: 'numerator_exceeds_denominator',
  percentOver100: 'percent_over_100',
  unparsedKeyQuestionCell: 'unparsed_key_question_cell',
} as const;

/** A percentage above 100 is expected (not a contradiction) when the sentence is about capacity or workload, or a change. */
const CAPACITY_CONTEXT = /\b(?:capacity|workloads?|caseloads?|WMT|occupancy|utili[sz]ation|of (?:the )?target|against (?:the )?target|increased? by|rise of|rose by|grew by|growth of)\b/i;
/** `120 per cent more referrals`, `a 150 per cent increase`: a change, not a share. */
const CHANGE_AFTER = /^\s+(?:more|higher|lower|fewer|less|greater|larger|smaller|above|below|over|up|down|increase|increases|decrease|rise|fall|reduction|growth|improvement|change)\b/i;
/** Words that break a coordination: a new clause or a contrast. */
const CLAUSE_BREAK = /\b(?:was|were|is|are|had|has|have|did|does|said|says|felt|found|showed|increased|decreased|rose|fell|met|received|remained|reported|indicated|compared|whereas|while|whilst|but|although|though|however|despite)\b|[;:]/i;
const BACKWARD_OF = /\b(?:number|proportion|percentage|share|rate|majority|minority)\s+of\s+/gi;
const SENTENCE_OF = new RegExp(`^(?:of|out\\s+of)\\s+(?:(?:the|these|those|all(?:\\s+the)?)\\s+)?(?:(?:[\\d,]+|${NUMBER_WORDS_SRC})\\s+)?`, 'i');

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** A mention with its sentence, qualifier and unit resolved. */
export type Resolved = Mention;

/**
 * Extract every quantity mention from `doc`'s findings (skipping footnote markers) and
 * key-question cells. Ids are `${reportId}/q001` in offset order. Problems become warnings.
 */
export function extractQuantities(doc: ReportDocument, text: string, sink: MessageSink): Quantity[] {
  const reportId = doc.meta.reportId;
  const work = maskMarkers(text, doc.findings);
  const cells = doc.keyQuestions.map((kq) => ({ kq, span: cellSpan(text, kq) }));
  const drafts: Quantity[] = [];

  for (const f of doc.findings) {
    for (const r of extractFromSpan(work, f.start, f.end, sink)) {
      if (cells.some((c) => c.span && r.start < c.span.end && c.span.start < r.end)) continue;
      drafts.push(toQuantity(text, r, f));
    }
  }
  for (const { kq, span } of cells) {
    const cell = span ? text.slice(span.start, span.end) : '';
    const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(cell);
    if (!span || !m) {
      sink.warn(QUANTITY_RULES.unparsedKeyQuestionCell, `key question cell "${text.slice(kq.percentStart, kq.percentEnd)}" is not a percentage`, { start: kq.percentStart, end: kq.percentEnd });
      continue;
    }
    const percent = Number(m[1]);
    const value = round4(percent / 100);
    drafts.push({
      id: '', findingId: '', keyQuestionId: kq.id, section: kq.standardCode, polarity: '',
      kind: 'percent', start: span.start, end: span.end, quote: cell,
      numerator: null, denominator: null, percent, value, qualifier: '', valueLow: value, valueHigh: value, unit: '',
    });
    if (percent > 100) sink.warn(QUANTITY_RULES.percentOver100, `key question percentage ${percent} is above 100`, span);
  }
  drafts.sort((a, b) => a.start - b.start || a.end - b.end);
  const width = Math.max(3, String(drafts.length).length);
  for (let i = 0; i < drafts.length; i++) drafts[i]!.id = `${reportId}/q${String(i + 1).padStart(width, '0')}`;
  return drafts;
}

/** The trimmed span of a key question's percentage cell, or null when it is empty. */
function cellSpan(text: string, kq: KeyQuestion): { start: number; end: number } | null {
  let s = kq.percentStart;
  let e = kq.percentEnd;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return e > s ? { start: s, end: e } : null;
}

/** The text with every footnote marker blanked (length-preserving), so offsets stay valid. */
function maskMarkers(text: string, findings: readonly Finding[]): string {
  const spans = findings.flatMap((f) => f.markerSpans).filter((m) => m.end > m.start).sort((a, b) => a.start - b.start);
  if (!spans.length) return text;
  const parts: string[] = [];
  let at = 0;
  for (const m of spans) {
    if (m.start < at) continue;
    parts.push(text.slice(at, m.start), ' '.repeat(m.end - m.start));
    at = m.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function toQuantity(text: string, r: Resolved, f: Finding): Quantity {
  const value = round4(r.value);
  const { low, high } = qualifierRange(r.qualifier, value);
  return {
    id: '',
    findingId: f.id,
    keyQuestionId: '',
    section: f.section,
    polarity: f.polarity,
    kind: r.kind,
    start: r.start,
    end: r.end,
    quote: text.slice(r.start, r.end),
    numerator: r.numerator,
    denominator: r.denominator,
    percent: r.percent,
    value,
    qualifier: r.qualifier,
    valueLow: low,
    valueHigh: high,
    unit: r.unit,
  };
}

/**
 * The quantity mentions in [start, end) of `text` (footnote markers already blanked), with
 * qualifier and unit resolved. Exposed for tests and for callers with their own spans.
 */
export function extractFromSpan(text: string, start: number, end: number, sink?: MessageSink): Resolved[] {
  const tokens = scanTokens(text, start, end);
  if (!tokens.length) return [];
  const sentences = splitSentences(text, start, end);
  const sentenceOf = (pos: number) => sentenceIndexAt(sentences, pos);
  const floorAt = (pos: number) => sentences[sentenceOf(pos)]?.start ?? start;

  const used = new Set<number>();
  const explicit = explicitMentions(text, tokens, used, {
    hasQualifierBefore: (pos) => findQualifierBefore(text, pos, floorAt(pos)) !== null,
  });
  const all: Mention[] = [...explicit];
  // Split forms, sentence by sentence.
  const bySentence = new Map<number, number[]>();
  tokens.forEach((t, k) => {
    const s = sentenceOf(t.start);
    let list = bySentence.get(s);
    if (!list) bySentence.set(s, (list = []));
    list.push(k);
  });
  const explicitBySentence = new Map<number, Mention[]>();
  for (const m of explicit) {
    const s = sentenceOf(m.start);
    let list = explicitBySentence.get(s);
    if (!list) explicitBySentence.set(s, (list = []));
    list.push(m);
  }
  for (const [s, idx] of bySentence) {
    if (idx.length < 2) continue;
    const S = sentences[s]!;
    const inside = (explicitBySentence.get(s) ?? []).filter((m) => m.end <= S.end);
    for (const m of splitForms(text, S, tokens, idx, used, inside)) all.push(m);
  }
  all.sort((a, b) => a.start - b.start || a.end - b.end);

  const resolved: Resolved[] = [];
  for (const m of all) {
    if (m.end > end) continue;
    m.sentence = sentenceOf(m.anchor);
    const S = sentences[m.sentence]!;
    const q = findQualifierBefore(text, m.anchor, S.start);
    m.parenStart = parenStartOf(text, m, S);
    if (q) {
      m.qualifier = q.text;
      m.ownQualifier = true;
    }
    resolved.push(m);
  }
  // Resolve in text order, so a mention can inherit from the one before it.
  for (let i = 0; i < resolved.length; i++) {
    const r = resolved[i]!;
    const S = sentences[r.sentence]!;
    const prev = findPrevious(resolved, i);
    // A bracketed restatement (`82 per cent of people ... (46 out of 56)`) counts what the
    // mention before it counts.
    if (prev && r.parenStart >= prev.end && prev.unit && isRestatement(text.slice(prev.end, r.parenStart)) && !hasOwnUnit(text, r, S)) {
      r.unit = prev.unit;
      r.unitSettled = true;
    } else resolveUnit(text, r, S);
    // With no noun of its own, a mention counts what the last mention of its kind in the sentence
    // counted (`11 out of 14 cases ..., whereas ... only five out of 16`), never across a `;`;
    // failing that, what a coordinated mention before it counted (`14 per cent of enquiries ... and 21 per cent`).
    const same = findPreviousOfKind(resolved, i);
    if (!r.unit && !r.unitSettled && same?.unit && !/[;:]/.test(text.slice(same.end, r.start))) r.unit = same.unit;
    if (prev) {
      const coord = coordinated(text, prev, r);
      if (!r.unit && !r.unitSettled && prev.unit && coord) r.unit = prev.unit;
      if (!r.ownQualifier && prev.qualifier && coord) r.qualifier = prev.qualifier;
    }
    check(text, r, S, sink);
  }
  return resolved;
}

/** The previous mention in the same sentence (by anchor order), if any. */
function findPrevious(list: Resolved[], i: number): Resolved | null {
  const r = list[i]!;
  for (let j = i - 1; j >= 0; j--) {
    const p = list[j]!;
    if (p.sentence !== r.sentence) return null;
    if (p.anchor < r.anchor) return p;
  }
  return null;
}

/** Text between a mention and a bracket that restates it: a short noun phrase, no new clause or list. */
function isRestatement(between: string): boolean {
  return between.length <= 60 && !/[,;:]/.test(between) && !CLAUSE_BREAK.test(between);
}

/** The nearest earlier mention of the same kind in the same sentence. */
function findPreviousOfKind(list: Resolved[], i: number): Resolved | null {
  const r = list[i]!;
  for (let j = i - 1; j >= 0; j--) {
    const p = list[j]!;
    if (p.sentence !== r.sentence) return null;
    if (p.kind === r.kind && p.anchor < r.anchor) return p;
  }
  return null;
}

/** A count with its own noun after the denominator (`(17 out of 53 relevant cases)`), or a following `of NP`. */
function hasOwnUnit(text: string, r: Resolved, S: SentenceSpan): boolean {
  if (r.unitAt >= 0 && readNounPhrase(text, r.unitAt, S.end).found) return true;
  return /^\s*\)?\s*of\s+/i.test(text.slice(r.ofAt, r.ofAt + 12));
}

/** `only 84 of 235 ..., and 101 of 241`: one qualifier governs both mentions. */
function coordinated(text: string, prev: Resolved, r: Resolved): boolean {
  // A restatement in brackets (`only 261 of the 338 cases (77 per cent)`) shares an emphasis,
  // but not a hedge: `fewer than half (45 per cent)` gives 45 per cent exactly.
  if (r.parenStart >= 0 && r.parenStart >= prev.end && isRestatement(text.slice(prev.end, r.parenStart))) {
    return senseOf(prev.qualifier) === 'exact';
  }
  if (prev.kind !== r.kind) return false;
  const between = text.slice(prev.end, r.start);
  if (between.length > 100) return false;
  if (!/\b(?:and|or)\b|,/.test(between)) return false;
  return !CLAUSE_BREAK.test(between);
}

/** Offset of the `(` that opens a parenthesis holding the mention, or -1. */
function parenStartOf(text: string, m: Mention, S: SentenceSpan): number {
  const from = Math.max(S.start, m.start - 16);
  const before = text.slice(from, m.start);
  const open = before.lastIndexOf('(');
  if (open < 0 || before.indexOf(')', open) >= 0) return -1;
  return /^\(\s*(?:[a-z]+\s+){0,2}$/i.test(before.slice(open)) ? from + open : -1;
}

function resolveUnit(text: string, r: Resolved, S: SentenceSpan): void {
  /** A noun phrase found where the unit belongs settles it, countable or not. */
  const set = (np: { unit: string; pronoun: boolean; found: boolean }) => {
    if (!np.found) return false;
    r.unit = np.unit;
    r.unitSettled = true;
    return true;
  };
  if (r.split) {
    r.unit = r.splitUnit;
    return;
  }
  // A count: the noun right after its denominator (`26 of 42 cases`).
  if (r.unitAt >= 0 && set(readNounPhrase(text, r.unitAt, S.end))) return;
  // After the mention: `41 per cent of respondents`, `(13 out of 18) of respondents`, `half the cases`.
  const after = text.slice(r.ofAt, Math.min(S.end, r.ofAt + 48));
  const of = /^\s*(?:\([^()]{1,30}\)\s*)?\)?\s*of\s+/i.exec(after);
  if (of && set(readNounPhrase(text, r.ofAt + of[0].length, S.end))) return;
  if (r.kind === 'fraction' && r.numerator === null && /^\s+(?:the|all the)\s/i.test(after) && set(readNounPhrase(text, r.end, S.end))) return;
  // In a parenthesis: the noun before it (`most of the cases we inspected (84 per cent)`).
  if (r.parenStart >= 0 && set(nounBefore(text, r.parenStart, S.start))) return;
  // `Of the practitioners who completed our survey, 74 per cent ...`
  const lead = SENTENCE_OF.exec(text.slice(S.start, r.start));
  if (lead && S.start + lead[0].length < r.start) {
    const np = readNounPhrase(text, S.start + lead[0].length, r.start);
    if (np.unit || np.pronoun) {
      set(np);
      return;
    }
  }
  // `the percentage of UPW cases ... was five per cent`, `the number of sufficient cases remained well below half`
  const from = Math.max(S.start, r.start - 200);
  const head = text.slice(from, r.start);
  BACKWARD_OF.lastIndex = 0;
  let m: RegExpExecArray | null;
  let last: number | null = null;
  while ((m = BACKWARD_OF.exec(head))) last = from + m.index + m[0].length;
  if (last !== null) {
    const np = readNounPhrase(text, last, r.start);
    if (np.unit) r.unit = np.unit;
  }
}

function check(text: string, r: Resolved, S: SentenceSpan, sink?: MessageSink): void {
  if (!sink) return;
  const span = { start: r.start, end: r.end };
  if (r.numerator !== null && r.denominator !== null && r.numerator > r.denominator) {
    sink.warn(QUANTITY_RULES.numeratorExceedsDenominator, `"${text.slice(r.start, r.end)}": numerator ${r.numerator} exceeds denominator ${r.denominator}`, span);
  }
  if (r.kind === 'percent' && r.percent !== null && r.percent > 100 && !CAPACITY_CONTEXT.test(text.slice(S.start, S.end)) && !CHANGE_AFTER.test(text.slice(r.end, r.end + 24))) {
    sink.warn(QUANTITY_RULES.percentOver100, `"${text.slice(r.start, r.end)}": a percentage above 100 that is not a capacity or workload figure`, span);
  }
}
