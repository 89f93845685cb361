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
