import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeedDocs } from '../helpers/seeds.ts';
import { alignGold, evaluate, type GoldLabel } from '../../src/themes/evaluate.ts';
import { loadTaxonomy } from '../../src/themes/load-taxonomy.ts';
import { tagThemes, themesByFinding } from '../../src/themes/tag-themes.ts';

/**
 * Seed-level check against the hand labels (test/fixtures/gold/themes/). The floors sit a little
 * below the level reached (all labels 0.883, held-out report 0.871, after the bare-list rule,
 * the clause-end fixes of the passing spans and skipSections), so that a change that makes tagging
 * worse fails here. gwent-pdu-2025 was held out: no term or rule was chosen by looking at its
 * errors. Every other report, held out in turn, stays at or above 0.865.
 */
const FLOOR_ALL = 0.875;
const FLOOR_HELD_OUT = 0.862;
const FLOOR_EACH_REPORT = 0.86;
const HELD_OUT = 'gwent-pdu-2025';

const GOLD_DIR = join(import.meta.dirname, '..', 'fixtures', 'gold', 'themes');
const taxonomy = loadTaxonomy();

const rows = loadSeedDocs().flatMap((seed) => {
  const report = seed.file.replace(/\.txt$/, '');
  const labels = JSON.parse(readFileSync(join(GOLD_DIR, `${report}.json`), 'utf8')) as GoldLabel[];
  const { aligned, unmatched } = alignGold(seed.text, seed.doc, labels);
  const predicted = themesByFinding(tagThemes(seed.doc, seed.text, taxonomy));
  return [
    ...aligned.map((a) => ({ report, gold: a.gold, predicted: predicted.get(a.finding.id) ?? [] })),
    ...unmatched.map((u) => ({ report, gold: u.themes, predicted: ['(unmatched label)'] })),
  ];
});

describe('theme tagging against the hand labels', () => {
  it('matches every label to a finding', () => {
    const files = readdirSync(GOLD_DIR).filter((f) => f.endsWith('.json'));
    const total = files.reduce((n, f) => n + (JSON.parse(readFileSync(join(GOLD_DIR, f), 'utf8')) as unknown[]).length, 0);
    expect(rows.length).toBe(total);
    expect(rows.filter((r) => r.predicted.includes('(unmatched label)'))).toEqual([]);
  });

  it(`keeps micro-F1 on all labels at or above ${FLOOR_ALL}`, () => {
    const ev = evaluate(rows);
    expect(ev.micro.f1).toBeGreaterThanOrEqual(FLOOR_ALL);
  });

  it(`keeps micro-F1 on every report at or above ${FLOOR_EACH_REPORT}`, () => {
    for (const report of new Set(rows.map((r) => r.report))) {
      const ev = evaluate(rows.filter((r) => r.report === report));
      expect(ev.micro.f1, report).toBeGreaterThanOrEqual(FLOOR_EACH_REPORT);
    }
  });

  it(`keeps micro-F1 on the held-out report at or above ${FLOOR_HELD_OUT}`, () => {
    const ev = evaluate(rows.filter((r) => r.report === HELD_OUT));
    expect(ev.n).toBeGreaterThan(90);
    expect(ev.micro.f1).toBeGreaterThanOrEqual(FLOOR_HELD_OUT);
  });
});
