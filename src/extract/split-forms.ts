/**
 * Split forms: a part and its whole written apart, inside ONE sentence.
 *
 * - `Of the 13 MAPPA-eligible cases inspected, ..., in eight cases`   (whole first, after `Of`/`Out of`)
 * - `out of 21 staff who needed reasonable adjustments, 14 had been agreed`
 * - `We inspected 338 cases, of which 224 were ... and 114 were ...`  (`of which` / `of whom`)
 * - `managing 13,427 people on probation, including 3,038 held in custody`
 * - `11 cases subject to Probation Reset, with three of these inspected ...`
 *   `Six of the 42 cases ... were subject to Probation Reset, with two having ...` (the whole is
 *   what the earlier mention counts: the six, not the 42)
 * - `We inspected 45 cases, 12 of which ...`, `..., and 12 of these ...`
 *
 * A part whose whole sits in another sentence (`13,427. Of these, 6,669 ...`) is not a split
 * form: the reader cannot tell from the sentence what it is a part of.
 */
import { findQualifierBefore } from './qualifiers.ts';
import type { SentenceSpan } from './sentences.ts';
import { isBareInteger, mention, type Mention, type NumToken } from './candidates.ts';
import { isPluralNoun, readNounPhrase } from './units.ts';

interface Referent {
  /** Offset where the whole is written (start of the raw span). */
  start: number;
  value: number;
  unit: string;
}

const OF_BEFORE_WHOLE = /(?:^|[,;:(]\s*|\bthat\s+)(?:out\s+)?of\s+(?:(?:the|these|those|all(?:\s+the)?)\s+)?$/i;
const OF_WHICH_BEFORE = /,\s*of\s+(?:which|whom)\s+$/i;
const INCLUDING_BEFORE = /\bincluding\s+$/i;
const WITH_BEFORE = /\bwith\s+$/i;
const ANAPHOR_AFTER = /^\s+of\s+(?:these|them|which|whom|those)\b/i;
const PREDICATE_AFTER = /^\s+(?:of\s+(?:these|them|which|whom|those)\b|[a-z]+(?:ing|ed)\b|(?:were|was|had|have|has|are|is|did|could|would|received|met|showed)\b)/i;
const COORDINATED_BEFORE = /(?:,\s*(?:and\s+)?|\band\s+)(?:in\s+)?$/i;
const CLAUSE_BEFORE_PART = /(?:,\s*|\bin\s+|\band\s+)$/i;

/**
 * Find split forms in one sentence. `mentions` are the explicit mentions already found there
 * (their tokens are in `used`); returns the new count_of mentions.
 */
export function splitForms(text: string, sentence: SentenceSpan, tokens: NumToken[], idx: number[], used: Set<number>, mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  const partUsed = new Set<number>();
  const S = sentence;
  /** The text just before `pos` in this sentence (bounded, so long sentences stay linear). A NUL
   * stands in for a cut-off start so `^` only ever means the real sentence start. */
  const before = (pos: number) => {
    const from = Math.max(S.start, pos - 80);
    return (from > S.start ? '\u0000' : '') + text.slice(from, pos);
  };
  const unitAfter = (pos: number) => readNounPhrase(text, pos, S.end).unit;

  // Referents in order: bare numbers that count a plural noun, and the numerator of each count.
  const referents: Referent[] = [];
  for (const k of idx) {
    const t = tokens[k]!;
    if (used.has(k) || !isBareInteger(text, t)) continue;
    const unit = unitAfter(t.end);
    if (unit) referents.push({ start: t.start, value: t.value, unit });
  }
  for (const m of mentions) {
    if (m.kind !== 'count_of' || m.split || m.numerator === null) continue;
    referents.push({ start: m.start, value: m.numerator, unit: m.unitAt >= 0 ? unitAfter(m.unitAt) : '' });
  }
  referents.sort((a, b) => a.start - b.start);
  const nearestBefore = (pos: number): Referent | null => {
    let lo = 0;
    let hi = referents.length - 1;
    let r: Referent | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (referents[mid]!.start < pos) {
        r = referents[mid]!;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return r;
  };

  const emit = (whole: Referent, k: number) => {
    const p = tokens[k]!;
    partUsed.add(k);
    // A part can itself be the whole of a later `three of these`.
    const at = referents.findIndex((x) => x.start > p.start);
    referents.splice(at < 0 ? referents.length : at, 0, { start: p.start, value: p.value, unit: whole.unit });
    out.push({
      ...mention('count_of', whole.start, p.end, {
        numerator: p.value,
        denominator: whole.value,
        value: whole.value === 0 ? 0 : p.value / whole.value,
        anchor: p.start,
        unitAt: -1,
        ofAt: p.end,
        tokens: [k],
      }),
      split: true,
      splitUnit: whole.unit,
    });
  };
  /** A part is a bare number no bigger than its whole, not counting some other plural noun. */
  const validPart = (k: number, whole: Referent) => {
    const p = tokens[k]!;
    if (used.has(k) || partUsed.has(k) || !isBareInteger(text, p) || p.value > whole.value || p.start <= whole.start) return false;
    const np = readNounPhrase(text, p.end, S.end);
    if (np.unit && whole.unit && np.unit.toLowerCase() !== whole.unit.toLowerCase() && isPluralNoun(np.unit)) return false;
    return true;
  };
  /** Where the text before a part begins once its qualifier (`with only three`) is set aside. */
  const beforePart = (k: number) => {
    const p = tokens[k]!;
    const q = findQualifierBefore(text, p.start, S.start);
    return before(q ? q.start : p.start);
  };
  const coordinated = (whole: Referent, fromIdx: number) => {
    for (let j = fromIdx + 1; j < idx.length; j++) {
      const k = idx[j]!;
      if (used.has(k)) break; // another explicit mention: the list has ended
      if (/[;:]/.test(text.slice(tokens[idx[j - 1]!]!.end, tokens[k]!.start))) break; // a new clause
      if (!validPart(k, whole)) continue;
      if (!COORDINATED_BEFORE.test(beforePart(k))) continue;
      // `in 12, and in three of these`: a part of the part, not of the whole.
      if (ANAPHOR_AFTER.test(text.slice(tokens[k]!.end, tokens[k]!.end + 24))) break;
      emit(whole, k);
    }
  };

  // `Of the 13 cases ..., in eight`: the whole comes first, the part after a comma.
  for (let j = 0; j < idx.length; j++) {
    const k = idx[j]!;
    const t = tokens[k]!;
    if (used.has(k) || !isBareInteger(text, t)) continue;
    if (!OF_BEFORE_WHOLE.test(before(t.start))) continue;
    const unit = unitAfter(t.end);
    if (!unit) continue;
    const comma = text.indexOf(',', t.end);
    if (comma < 0 || comma >= S.end) continue;
    // The first number after the comma must be the part; anything else ends the search.
    const jj = idx.findIndex((x) => tokens[x]!.start > comma);
    if (jj < 0) continue;
    const whole: Referent = { start: t.start, value: t.value, unit };
    const pk = idx[jj]!;
    if (!validPart(pk, whole) || !CLAUSE_BEFORE_PART.test(beforePart(pk))) continue;
    partUsed.add(k);
    emit(whole, pk);
    coordinated(whole, jj);
  }

  // Parts introduced by a link word: `of which`, `including`, `with`, `12 of these`.
  for (let j = 0; j < idx.length; j++) {
    const k = idx[j]!;
    if (used.has(k) || partUsed.has(k)) continue;
    const p = tokens[k]!;
    if (!isBareInteger(text, p)) continue;
    const ahead = beforePart(k);
    const after = text.slice(p.end, Math.min(S.end, p.end + 40));
    let ok = false;
    if (OF_WHICH_BEFORE.test(ahead) || INCLUDING_BEFORE.test(ahead)) ok = true;
    else if (WITH_BEFORE.test(ahead) && PREDICATE_AFTER.test(after)) ok = true;
    else if (ANAPHOR_AFTER.test(after) && /(?:,|\band|\bin)\s*$/i.test(ahead)) ok = true;
    if (!ok) continue;
    const whole = nearestBefore(p.start);
    if (!whole || !whole.unit || !validPart(k, whole)) continue;
    emit(whole, k);
    coordinated(whole, j);
  }
  return out;
}
