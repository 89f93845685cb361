import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FindingRow } from '../../src/schema/datasets.ts';
import { loadSeedDocs } from '../helpers/seeds.ts';

/** Every finding of the seed reports as a findings.csv row (themes left empty). */
export function seedFindingRows(): FindingRow[] {
  return loadSeedDocs().flatMap(({ doc }) =>
    doc.findings.map((f) => ({
      finding_id: f.id,
      report_id: doc.meta.reportId,
      unit_name: doc.meta.unitName,
      section: f.section,
      section_title: f.sectionTitle,
      polarity: f.polarity,
      ordinal: f.ordinal,
      text: f.text,
      themes: '',
      n_quantities: 0,
      char_start: f.start,
      char_end: f.end,
      quote: f.quote,
      addressee: f.addressee,
      footnotes: f.footnotes.join(';'),
    })),
  );
}

export interface LabelledPair {
  a: string;
  b: string;
  same: boolean;
  source: 'sampled' | 'hand-picked';
  note: string;
  a_polarity: string;
  b_polarity: string;
  a_starts: string;
  b_starts: string;
}

export const LABELLED_PAIRS_FILE = join(import.meta.dirname, '..', 'fixtures', 'recurring', 'labelled-pairs.json');

const opening = (text: string) => text.split(/\s+/).slice(0, 12).join(' ');

/**
 * The hand-labelled pairs, each resolved to the current finding rows. Ids move when segmentation
 * changes, so a finding is found by its report and its opening words (preferring the labelled id
 * when a paragraph is repeated within a report); throws when one cannot be found.
 */
export function labelledPairs(rows: FindingRow[]): (LabelledPair & { rowA: FindingRow; rowB: FindingRow })[] {
  const { pairs } = JSON.parse(readFileSync(LABELLED_PAIRS_FILE, 'utf8')) as { pairs: LabelledPair[] };
  const find = (id: string, starts: string): FindingRow => {
    const report = id.split('/')[0];
    const hits = rows.filter((r) => r.report_id === report && opening(r.text) === starts);
    const hit = hits.find((r) => r.finding_id === id) ?? hits[0];
    if (!hit) throw new Error(`labelled finding ${id} ("${starts}...") is no longer in the seeds' findings`);
    return hit;
  };
  return pairs.map((p) => ({ ...p, rowA: find(p.a, p.a_starts), rowB: find(p.b, p.b_starts) }));
}
