import type { Aspect } from '../schema/document.ts';

/**
 * Which aspect of casework a key question measures. The inspectorate's questions name it:
 * engaging the person on probation (or their compliance), desistance and reoffending, or the
 * safety of other people. A question about victims' engagement with a scheme is not about the
 * person on probation's engagement, so it counts as `other` unless it speaks of safety.
 */
const RULES: { aspect: Aspect; re: RegExp }[] = [
  { aspect: 'safety', re: /\b(safe|safely|safety|risk of (serious )?harm|protect\w*)\b/i },
  { aspect: 'desistance', re: /\b(desist\w*|reoffend\w*|re-offend\w*|offending[- ]related|linked to offending)\b/i },
  { aspect: 'engagement', re: /\b(engag\w*|complian\w*|compl(y|ies))\b[^?]*\b(person|people|individual)s? (on|under) (probation|supervision)|\bcompliance\b/i },
];

export function aspectOf(question: string): Aspect {
  // Engagement is tested first only when the question is about the person on probation.
  const eng = RULES[2]!.re.test(question);
  const saf = RULES[0]!.re.test(question);
  const des = RULES[1]!.re.test(question);
  if (saf) return 'safety';
  if (des) return 'desistance';
  if (eng) return 'engagement';
  return 'other';
}
