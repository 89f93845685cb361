import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingestFile } from '../../src/ingest/ingest-file.ts';
import { processReport } from '../../src/pipeline/process-report.ts';
import { loadTaxonomy } from '../../src/themes/load-taxonomy.ts';
import { SEEDS_DIR } from '../helpers/seeds.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const taxonomy = loadTaxonomy();

async function processed(file: string) {
  const r = await ingestFile(file);
  if (!r.ok) throw new Error(`${file} did not ingest`);
  return processReport(r.report, taxonomy);
}

/** How many of `want` are in `got`, each counted once, and how many of `got` are left over. */
function matched(got: string[], want: string[]): { same: number; extra: number } {
  const left = new Map<string, number>();
  for (const w of want) left.set(w, (left.get(w) ?? 0) + 1);
  let same = 0;
  for (const g of got) {
    const n = left.get(g) ?? 0;
    if (n) (same++, left.set(g, n - 1));
  }
  return { same, extra: got.length - same };
}

// Every rendering of a seed that reads as the seed (see the HTML, PDF, pdftotext and pandoc tests)
// must also give its quantities (kind, value, qualifier, counts, unit) and theme tags, finding by finding.
describe.each([
  ['gwent-pdu-2025', 'html/gwent-pdu-2025.html', 0],
  ['cwm-taf-morgannwg-pdu-2025', 'html/cwm-taf-morgannwg-pdu-2025.html', 0],
  ['wales-region-2025', 'html/wales-region-2025.html', 0],
  ['gwent-pdu-2025', 'pdf/gwent-pdu-2025.pdf', 0],
  ['cwm-taf-morgannwg-pdu-2025', 'pdf/cwm-taf-morgannwg-pdu-2025.pdf', 0],
  ['wales-region-2025', 'pdf/wales-region-2025.pdf', 0],
  ['cwm-taf-morgannwg-pdu-2025', 'pdf/libreoffice/cwm-taf-morgannwg-pdu-2025.pdf', 0],
  ['wales-region-2025', 'pdf/libreoffice/wales-region-2025.pdf', 0],
  // One paragraph runs over a page break: the running header between its halves is not read (3 tags more when it was).
  ['gwent-pdu-2025', 'pdftotext/gwent-pdu-2025.layout.txt', 0],
  ['cwm-taf-morgannwg-pdu-2025', 'pdftotext/cwm-taf-morgannwg-pdu-2025.layout.txt', 0],
  ['wales-region-2025', 'pdftotext/wales-region-2025.layout.txt', 0],
  ['wales-region-2025', 'pandoc/wales-region-2025.markdown.txt', 0],
  ['wales-region-2025', 'pandoc/wales-region-2025.gfm.txt', 0],
  ['cwm-taf-morgannwg-pdu-2025', 'pandoc/cwm-taf-morgannwg-pdu-2025.plain.txt', 0],
  ['cwm-taf-morgannwg-pdu-2025', 'docx/cwm-taf-morgannwg-pdu-2025.docx', 0],
  ['wales-region-2025', 'docx/wales-region-2025.docx', 0],
])('%s as %s', (name, fixture, extraTags) => {
  it('gives the seed its quantities and theme tags', async () => {
    const [got, want] = await Promise.all([processed(join(FIXTURES, fixture)), processed(join(SEEDS_DIR, `${name}.txt`))]);
    const q = (x: (typeof got.quantities)[number]) => [x.findingId, x.kind, x.value, x.qualifier, x.numerator, x.denominator, x.unit].join('|');
    const t = (x: (typeof got.tags)[number]) => `${x.findingId}|${x.theme}`;
    expect(matched(got.quantities.map(q), want.quantities.map(q))).toEqual({ same: want.quantities.length, extra: 0 });
    expect(matched(got.tags.map(t), want.tags.map(t))).toEqual({ same: want.tags.length, extra: extraTags });
  });
});

describe('the four seeds, each in another format', () => {
  it('give the same datasets as the seeds as text, every cross-report one included', async () => {
    const { runPipeline } = await import('../../src/pipeline/run-pipeline.ts');
    const mixed = [
      join(SEEDS_DIR, 'cardiff-and-the-vale-pdu-2025.txt'),
      join(FIXTURES, 'pandoc', 'cwm-taf-morgannwg-pdu-2025.gfm.txt'),
      join(FIXTURES, 'pdf', 'gwent-pdu-2025.pdf'),
      join(FIXTURES, 'docx', 'wales-region-2025.docx'),
    ];
    const [got, want] = await Promise.all([
      runPipeline({ inputs: mixed, outDir: '', write: false, workers: 1 }),
      runPipeline({ inputs: [SEEDS_DIR], outDir: '', write: false, workers: 1 }),
    ]);
    expect(got.counts).toEqual(want.counts);
    const plain = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/—/g, '---').replace(/–/g, '--');
    const rows = (d: typeof got.datasets, name: 'findings' | 'ratings' | 'key_questions' | 'recurring_findings' | 'theme_matrix' | 'ratings_matrix' | 'key_question_matrix') => {
      const data = d[name] as unknown;
      if (!Array.isArray(data)) return plain(JSON.stringify(data));
      return plain(
        JSON.stringify(
          (data as Record<string, unknown>[])
            .map(({ char_start, char_end, quote, source_file, source_sha256, ...rest }) => rest)
            // Reports come in the order of their files' paths, which differ here.
            .sort((a, b) => String(a.finding_id ?? a.report_id ?? '').localeCompare(String(b.finding_id ?? b.report_id ?? ''))),
        ),
      );
    };
    for (const name of ['findings', 'ratings', 'key_questions', 'recurring_findings', 'theme_matrix', 'ratings_matrix', 'key_question_matrix'] as const) expect(rows(got.datasets, name), name).toBe(rows(want.datasets, name));
  }, 120_000);
});
