/**
 * The counted noun of a quantity mention (`cases`, `respondents`, `staff`): the head of the noun
 * phrase the numbers count, found by general rules of English noun phrases rather than a list of
 * nouns. A unit is only given for a countable plural (or an invariant plural such as `staff`);
 * a mass or singular head (`sickness`, `caseload`, `advice`) gives no unit.
 */

/** Words that end a noun phrase: prepositions, conjunctions, pronouns, auxiliaries, common verbs. */
const STOP = new Set(
  (
    'to of out in on at for from with by across regarding about within into onto over under between among amongst during after before since until ' +
    'through throughout per than as like where when while whereas who whom whose which that what we they it he she you i us ' +
    'and or but nor so yet if because although though unless had has have having was were is are be been being did do does done ' +
    'said met felt could would should will can may might must shall not no also still only just there here then thus respectively ' +
    'overall each both either neither more most less fewer again even already now currently received got made saw showed found ' +
    'gave took went came left included including compared against via versus without despite towards toward upon outside inside ' +
    'beyond around almost nearly very too rather quite such own whether how why'
  ).split(' '),
);

/** Determiners skipped at the start of a noun phrase. */
const DETERMINERS = new Set('the a an all its their our his her your my this that these those such both each every any some other'.split(' '));

/** Pronouns that stand for the counted things: the unit is then deliberately empty. */
const PRONOUNS = new Set('them they those these which whom it this that ones one'.split(' '));

/** Plurals that do not end in -s. */
const INVARIANT_PLURALS = new Set(['staff', 'people', 'personnel', 'children', 'men', 'women', 'police officers']);

/** Words ending in -s that are not plural nouns. */
const NOT_PLURAL = new Set(
  'this its was has is as us thus always perhaps whereas across news series means less unless yes his hers ours theirs yours sometimes afterwards towards besides whilst amongst ' +
    'nevertheless regardless alias bias canvas atlas lens'.split(' '),
);

export function isPluralNoun(word: string): boolean {
  const w = word.replace(/['\u2019]s$/, '');
  if (w !== word) return false; // a possessive
  if (/^[A-Z]{2,}s$/.test(w)) return true; // PDUs, POs, PSOs
  const lw = w.toLowerCase();
  if (INVARIANT_PLURALS.has(lw)) return true;
  if (lw.length < 4 || !lw.endsWith('s')) return false;
  if (/(?:ss|us|is|'s)$/.test(lw)) return false;
  if (NOT_PLURAL.has(lw)) return false;
  return /[a-z]s$/.test(lw);
}

/** `Respondents` -> `respondents`; acronyms (`PDUs`) keep their case. */
export function normaliseUnit(word: string): string {
  if (/^[A-Z][a-z'\u2019\-]+$/.test(word)) return word.toLowerCase();
  return word;
}

export interface NounPhrase {
  /** The counted noun, normalised; '' when the head is not a countable plural. */
  unit: string;
  /** True when the phrase is a pronoun (`of them`, `of those completing`): no unit, on purpose. */
  pronoun: boolean;
  /** True when any word was read (a phrase was there, countable or not). */
  found: boolean;
}

const NONE: NounPhrase = { unit: '', pronoun: false, found: false };
const TOKEN_RE = /\s*([A-Za-z][A-Za-z0-9'\u2019\-\u2013]*|\d[\d,.]*|[^\sA-Za-z0-9])/y;

interface Tok {
  text: string;
  start: number;
  end: number;
}

function tokensAfter(text: string, pos: number, limit: number, max: number): Tok[] {
  const out: Tok[] = [];
  TOKEN_RE.lastIndex = pos;
  while (out.length < max && TOKEN_RE.lastIndex < limit) {
    const m = TOKEN_RE.exec(text);
    if (!m || m.index >= limit) break;
    const t = m[1]!;
    const start = m.index + m[0].length - t.length;
    if (start + t.length > limit) break;
    out.push({ text: t, start, end: start + t.length });
  }
  return out;
}

const isWord = (t: string) => /^[A-Za-z]/.test(t);
const isParticiple = (t: string) => /^[a-z][a-z\-]*(?:ed|ing)$/.test(t) && !isPluralNoun(t);

/**
 * Read the noun phrase that starts at `pos` (`relevant cases we inspected` -> `cases`,
 * `staff sickness related to` -> no unit, `those completing` -> pronoun). Stops at `limit`.
 */
export function readNounPhrase(text: string, pos: number, limit: number): NounPhrase {
  const toks = tokensAfter(text, pos, limit, 9);
  let i = 0;
  // Determiners, and `all the`, `all of the`.
  while (i < toks.length) {
    const lw = toks[i]!.text.toLowerCase();
    if (lw === 'these' || lw === 'those' || lw === 'this' || lw === 'that') {
      const next = toks[i + 1]?.text ?? '';
      const nextIsNoun = isWord(next) && !STOP.has(next.toLowerCase()) && !isParticiple(next);
      if (!nextIsNoun) return { unit: '', pronoun: true, found: true };
      i++;
      continue;
    }
    if (DETERMINERS.has(lw)) {
      i++;
      if (lw === 'all' && toks[i]?.text.toLowerCase() === 'of') i++;
      continue;
    }
    break;
  }
  // A number inside the phrase (`of the 200 cases`) is skipped.
  if (toks[i] && /^\d/.test(toks[i]!.text) && isWord(toks[i + 1]?.text ?? '')) i++;
  const first = toks[i];
  if (!first || !isWord(first.text)) return NONE;
  if (PRONOUNS.has(first.text.toLowerCase())) return { unit: '', pronoun: true, found: true };
  const np: Tok[] = [];
  for (; i < toks.length && np.length < 5; i++) {
    const t = toks[i]!;
    const lw = t.text.toLowerCase();
    if (!isWord(t.text) || STOP.has(lw)) break;
    if (np.length > 0 && /ly$/.test(lw) && !isPluralNoun(t.text)) break;
    np.push(t);
    // A plural noun ends the phrase: English compounds modify with singulars (`home visits`).
    if (isPluralNoun(t.text) && !INVARIANT_PLURALS.has(lw)) break;
  }
  while (np.length > 1 && isParticiple(np[np.length - 1]!.text)) np.pop();
  if (!np.length) return NONE;
  const head = np[np.length - 1]!.text;
  return { unit: isPluralNoun(head) ? normaliseUnit(head) : '', pronoun: false, found: true };
}

/**
 * The head noun just before `pos` (used for a parenthesis such as `most of the cases we
 * inspected (84 per cent)` or `Most staff (41 out of 60)`): a trailing `we inspected` or
 * `that we saw` is skipped. Looks no further back than `floor`.
 */
export function nounBefore(text: string, pos: number, floor: number): NounPhrase {
  const slice = text.slice(Math.max(floor, pos - 80), pos);
  const words = slice.split(/\s+/).filter(Boolean);
  let k = words.length - 1;
  const clean = (w: string) => w.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  // Skip a short relative clause: `(that|which)? (we|they|inspectors) VERBed`.
  if (k >= 1 && /^(?:we|they|inspectors|staff)$/i.test(clean(words[k - 1]!)) && /ed$|^saw$|^met$/i.test(clean(words[k]!))) {
    k -= 2;
    if (k >= 0 && /^(?:that|which)$/i.test(clean(words[k]!))) k--;
  }
  if (k < 0) return NONE;
  const raw = words[k]!;
  if (/[,;:.]$/.test(raw)) return NONE; // the noun must run straight into the parenthesis
  const w = clean(raw);
  if (!w || !isWord(w)) return NONE;
  if (PRONOUNS.has(w.toLowerCase())) return { unit: '', pronoun: true, found: true };
  return { unit: isPluralNoun(w) ? normaliseUnit(w) : '', pronoun: false, found: true };
}
