import type { RecurringFindingRow } from '../schema/datasets.ts';
import { POLARITY_FAMILY, findRecurringFindings, type RecurringOptions, type RecurringSource } from './recurring-findings.ts';

interface Group {
  hash: number;
  rep: RecurringSource;
  /** Where the text occurs, each place coded by `Places`. */
  members: number[];
}

/** Ordinals below this fit in a place's code beside its report's index. */
const ORDINALS = 2 ** 21;

/**
 * The places findings occur, each coded as one number: a corpus of 10,000 reports has a million
 * findings, and an object with three strings for each would be most of the run's memory. A
 * finding id `<report_id>/f012` becomes the report's index times ORDINALS plus 12; an id of any
 * other form is kept as it is (a negative code points to it).
 */
class Places {
  private readonly reportIds: string[] = [];
  private readonly units: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly strays: { id: string; report: number }[] = [];

  code(findingId: string, reportId: string, unitName: string): number {
    let r = this.index.get(reportId);
    if (r === undefined) {
      r = this.reportIds.length;
      this.index.set(reportId, r);
      this.reportIds.push(reportId);
      this.units.push(unitName);
    }
    const m = /\/f(\d+)$/.exec(findingId);
    const ordinal = m ? Number(m[1]) : -1;
    if (ordinal >= 0 && ordinal < ORDINALS && findingId === ordinalId(reportId, ordinal)) return r * ORDINALS + ordinal;
    this.strays.push({ id: findingId, report: r });
    return -this.strays.length;
  }

  report(code: number): number {
    return code < 0 ? this.strays[-code - 1]!.report : Math.floor(code / ORDINALS);
  }

  findingId(code: number): string {
    return code < 0 ? this.strays[-code - 1]!.id : ordinalId(this.reportIds[this.report(code)]!, code % ORDINALS);
  }

  unit(report: number): string {
    return this.units[report]!;
  }

  /**
   * A comparison of places in the order of their finding ids as strings, mostly without making
   * the strings: by the report's place in the order of `<report_id>/`, then by ordinal (ids
   * pad it to three digits, so past 999 the strings are compared after all).
   */
  idOrder(): (a: number, b: number) => number {
    const byId = this.reportIds.map((id, r) => [`${id}/`, r] as const).sort((x, y) => cmp(x[0], y[0]));
    const rank = new Int32Array(this.reportIds.length);
    byId.forEach(([, r], k) => (rank[r] = k));
    return (a, b) => {
      if (a >= 0 && b >= 0) {
        const ra = rank[Math.floor(a / ORDINALS)]!;
        const rb = rank[Math.floor(b / ORDINALS)]!;
        if (ra !== rb) return ra - rb;
        const oa = a % ORDINALS;
        const ob = b % ORDINALS;
        if (oa < 1000 && ob < 1000) return oa - ob;
      }
      return cmp(this.findingId(a), this.findingId(b));
    };
  }
}

const ordinalId = (reportId: string, ordinal: number) => `${reportId}/f${String(ordinal).padStart(3, '0')}`;

/**
 * A finding as clustering needs it, with the identity of its text worked out where the finding
 * was made (a worker thread): `key` is the same for texts that are the same once the unit's own
 * name is set aside, and `sample` decides, the same way on every run, whether the text is kept
 * when the corpus is too large to cluster whole.
 */
export interface RecurringItem extends RecurringSource {
  key: string;
  sample: number;
}

/** How many distinct texts are clustered at most: beyond it a consistent sample is taken. */
export const MAX_DISTINCT_TEXTS = 60_000;

/** A report's findings as clustering input. */
export function recurringItems(rows: RecurringSource[]): RecurringItem[] {
  return rows.map((r) => ({
    finding_id: r.finding_id,
    report_id: r.report_id,
    unit_name: r.unit_name,
    section: r.section,
    polarity: r.polarity,
    themes: r.themes,
    text: r.text,
    ...textIdentity(POLARITY_FAMILY[r.polarity], r.text, r.unit_name),
  }));
}

/**
 * The findings that recurring-finding clustering needs, collected as reports stream past.
 * Findings whose text is the same (once the unit's own name is set aside) are kept once, with
 * the list of where they occur: a corpus repeats stock sentences, and clustering each copy again
 * would cost time and memory that grow with the square of the corpus.
 *
 * Memory stays bounded: past `maxTexts` distinct texts, only those whose hash falls under a
 * limit are kept, and the limit halves each time the cap is reached again. The sample is the
 * same whatever the order the reports arrive in, and identical texts are kept or dropped together.
 */
export class RecurringInput {
  private readonly groups = new Map<string, Group>();
  private readonly places = new Places();
  private n = 0;
  private limit = 2 ** 32;

  constructor(private readonly maxTexts = MAX_DISTINCT_TEXTS) {}

  add(rows: RecurringSource[]): void {
    this.addItems(recurringItems(rows));
  }

  /** Findings already made into items (by `recurringItems`, in a worker thread, say). */
  addItems(items: RecurringItem[]): void {
    for (const it of items) {
      this.n++;
      const member = this.places.code(it.finding_id, it.report_id, it.unit_name);
      const g = this.groups.get(it.key);
      if (g) {
        g.members.push(member);
        continue;
      }
      if (it.sample >= this.limit) continue;
      const { key, sample, ...rep } = it;
      this.groups.set(key, { hash: sample, rep, members: [member] });
      while (this.groups.size > this.maxTexts) {
        this.limit /= 2;
        for (const [k, x] of this.groups) if (x.hash >= this.limit) this.groups.delete(k);
      }
    }
  }

  /** The share of distinct texts clustered: 1 unless the corpus was too large to cluster whole. */
  get sampled(): number {
    return this.limit / 2 ** 32;
  }

  get size(): number {
    return this.n;
  }

  /** How many distinct texts are kept for clustering. */
  get distinct(): number {
    return this.groups.size;
  }

  /**
   * Recurring findings over everything added. Identical texts are clustered once (their weights
   * are computed over the distinct texts), then every copy joins its text's cluster.
   */
  cluster(opts: RecurringOptions = {}): RecurringFindingRow[] {
    const groups = [...this.groups.values()];
    if (groups.every((g) => g.members.length === 1)) return findRecurringFindings(groups.map((g) => g.rep), opts);
    const minReports = opts.minReports ?? 2;
    const byRep = new Map(groups.map((g) => [g.rep.finding_id, g]));
    // Only how many distinct reports a text occurs in matters here: their indices stand for them.
    const reportsOfRep = new Map(groups.map((g) => [g.rep.finding_id, [...new Set(g.members.map((m) => this.places.report(m)))].map(String)]));
    const clusters = findRecurringFindings(
      groups.map((g) => g.rep),
      { ...opts, reportsOf: (row) => reportsOfRep.get(row.finding_id)! },
    );
    const out: RecurringFindingRow[] = [];
    const idOrder = this.places.idOrder();
    for (const c of clusters) {
      const members = c.finding_ids.split(';').flatMap((id) => byRep.get(id)!.members);
      const reports = new Set(members.map((m) => this.places.report(m)));
      if (reports.size < minReports) continue;
      // A stock sentence of a large corpus occurs in thousands of reports: its places stay numbers until written out.
      const ids = members.sort(idOrder).map((m) => this.places.findingId(m));
      out.push({
        ...c,
        n_reports: reports.size,
        units: [...new Set([...reports].map((r) => this.places.unit(r)))].sort().join(';'),
        finding_ids: ids.join(';'),
        n_findings: members.length,
      });
    }
    out.sort((a, b) => b.n_reports - a.n_reports || b.n_findings - a.n_findings || cmp(a.label, b.label) || cmp(a.finding_ids, b.finding_ids));
    const width = Math.max(3, String(out.length).length);
    out.forEach((r, i) => (r.cluster_id = `r${String(i + 1).padStart(width, '0')}`));
    return out;
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const nameWordsCache = new Map<string, string[]>();
function nameWords(unitName: string): string[] {
  let words = nameWordsCache.get(unitName);
  if (!words) {
    words = [...new Set(unitName.toLowerCase().split(/[^a-z0-9]+/).filter((w) => (w.length > 2 || /^\d+$/.test(w)) && w !== 'and' && w !== 'the'))];
    nameWordsCache.set(unitName, words);
  }
  return words;
}

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * Which texts count as the same finding: the lower-case letters and digits of the text, word by
 * word, without the words of its unit's name, within one polarity family. Rather than build that
 * string (as long as the finding), it is hashed as it is read: `sample` is 32-bit FNV-1a of the
 * string `family + "\0" + words joined by " "`, and `key` adds a second, independent 32-bit hash
 * and the length (two different texts share a key about once in 10^19 pairs).
 */
export function textIdentity(family: string, text: string, unitName: string): { key: string; sample: number } {
  const lower = text.toLowerCase();
  const names = nameWords(unitName);
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  let len = family.length + 1;
  for (let i = 0; i < family.length; i++) {
    const c = family.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  h1 = Math.imul(h1, 0x01000193) >>> 0; // the separator, 0
  h2 = Math.imul(h2, 0x5bd1e995);
  h2 ^= h2 >>> 13;
  let first = true;
  const n = lower.length;
  for (let i = 0; i < n; ) {
    let c = lower.charCodeAt(i);
    if (!isWordChar(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isWordChar(lower.charCodeAt(j))) j++;
    let isName = false;
    for (const w of names) if (w.length === j - i && lower.startsWith(w, i)) isName = true;
    if (!isName) {
      if (!first) {
        h1 = Math.imul(h1 ^ 32, 0x01000193) >>> 0;
        h2 = Math.imul(h2 ^ 32, 0x5bd1e995);
        h2 ^= h2 >>> 13;
        len++;
      }
      for (let k = i; k < j; k++) {
        c = lower.charCodeAt(k);
        h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
        h2 ^= h2 >>> 13;
      }
      len += j - i;
      first = false;
    }
    i = j;
  }
  return { key: `${h1.toString(36)}.${(h2 >>> 0).toString(36)}.${len}`, sample: h1 };
}
