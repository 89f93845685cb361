import winkNLP from 'wink-nlp';
import type { ItsFunction, ItsHelpers, WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * A thin adapter over wink-nlp: the word tokens of a text, grouped into sentences, each token
 * with its surface form, normal (lower-cased, contractions expanded) form, Porter2 stem, type and
 * stop-word flag and negation flag. Only the sentence-boundary and negation components run (no
 * POS, no NER).
 *
 * wink-nlp gives no character offsets; this adapter is for matching and labelling, not for spans.
 */

export interface WinkToken {
  /** The token as written. */
  text: string;
  /** Lower case, contractions expanded (`n't` -> `not`). */
  normal: string;
  /** Porter2 stem of the normal form. */
  stem: string;
  /** wink's token type: `word`, `number`, `punctuation`, `symbol`, ... */
  type: string;
  /** In wink's English stop-word list. */
  stop: boolean;
  /** The whitespace before the token in the text (so that `pre + text` rebuilds the text). */
  pre: string;
  /** Inside the scope of a negation (`not`, `no`, `never`, `n't` ...), which runs to the next punctuation. */
  negated: boolean;
}

export interface WinkSentence {
  tokens: WinkToken[];
}

let nlp: WinkMethods | null = null;

/** The wink-nlp instance (model loaded once, about 60 to 150 ms). */
function instance(): WinkMethods {
  nlp ??= winkNLP(model, ['sbd', 'negation']);
  return nlp;
}

/** wink's `its` helpers (to read outputs of wink's utilities, e.g. `its.bow`). */
export function winkIts(): ItsHelpers {
  return instance().its;
}

/** The sentences of `text` with their tokens (whitespace dropped). */
export function analyseSentences(text: string): WinkSentence[] {
  const w = instance();
  const its = w.its;
  const doc = w.readDoc(text);
  const tokens = doc.tokens();
  const surface = tokens.out(its.value) as string[];
  const normal = tokens.out(its.normal) as string[];
  // `its.stem` needs the model's stemmer add-on, which the lite web model ships; the typings
  // do not say so.
  const stems = tokens.out(its.stem as ItsFunction<string>) as string[];
  const types = tokens.out(its.type) as string[];
  const stops = tokens.out(its.stopWordFlag) as boolean[];
  const pres = tokens.out(its.precedingSpaces) as string[];
  const negs = tokens.out(its.negationFlag) as boolean[];
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  const out: WinkSentence[] = [];
  for (const [first, last] of spans) {
    const sentence: WinkToken[] = [];
    for (let i = first; i <= last; i += 1) {
      sentence.push({ text: surface[i]!, normal: normal[i]!, stem: stems[i]!, type: types[i]!, stop: stops[i]!, pre: pres[i] ?? '', negated: negs[i] ?? false });
    }
    out.push({ tokens: sentence });
  }
  return out;
}
