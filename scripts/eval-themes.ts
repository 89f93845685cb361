/**
 * Score the theme tagger against the hand labels in test/fixtures/gold/themes/.
 *
 *   tsx scripts/eval-themes.ts                      all labels: micro P/R/F1 and per theme
 *   tsx scripts/eval-themes.ts --split              also tuning part vs held-out report (default gwent-pdu-2025)
 *   tsx scripts/eval-themes.ts --split=cardiff-and-the-vale-pdu-2025
 *   tsx scripts/eval-themes.ts --themes my.json     another taxonomy file
 *   tsx scripts/eval-themes.ts --errors [--theme=workload] [--report=wales]
 *                                                   list false positives / negatives with evidence
 *                                                   (the held-out report is left out of the list
 *                                                   when --split is given)
 *   tsx scripts/eval-themes.ts --bench              also time tagThemes over the seeds repeated
 *                                                   (best and median of 5 runs of 5 MB each)
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadSeedDocs } from '../test/helpers/seeds.ts';
import { alignGold, evaluate, formatEvaluation, type GoldLabel } from '../src/themes/evaluate.ts';
import { loadTaxonomy } from '../src/themes/load-taxonomy.ts';
import { compileTaxonomy, decideThemes } from '../src/themes/tag-themes.ts';
import { measureTagging } from '../src/themes/bench.ts';

export const DEFAULT_HELD_OUT = 'gwent-pdu-2025';
const GOLD_DIR = join(import.meta.dirname, '..', 'test', 'fixtures', 'gold', 'themes');

function arg(name: string): string | true | undefined {
  for (const a of process.argv.slice(2)) {
    if (a === `--${name}`) return true;
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  const i = process.argv.indexOf(`--${name}`);
  const next = process.argv[i + 1];
  if (i >= 0 && next && !next.startsWith('--') && name === 'themes') return next;
  return undefined;
}

const themesArg = arg('themes');
const taxonomy = loadTaxonomy(typeof themesArg === 'string' ? themesArg : undefined);
const compiled = compileTaxonomy(taxonomy);
const splitArg = arg('split');
const heldOut = splitArg === undefined ? null : splitArg === true ? DEFAULT_HELD_OUT : splitArg;
const showErrors = arg('errors') !== undefined;
const onlyTheme = arg('theme');
const onlyReport = arg('report');

interface Row {
  report: string;
  findingId: string;
  text: string;
  gold: string[];
  predicted: string[];
  explain: (theme: string) => string;
}

const rows: Row[] = [];
for (const seed of loadSeedDocs()) {
  const report = seed.file.replace(/\.txt$/, '');
  const goldPath = join(GOLD_DIR, `${report}.json`);
  if (!existsSync(goldPath)) continue;
  const labels = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldLabel[];
  const { aligned, unmatched } = alignGold(seed.text, seed.doc, labels);
  if (unmatched.length) console.warn(`${report}: ${unmatched.length} labels match no finding (lines ${unmatched.map((u) => u.line).join(', ')})`);
  for (const { finding, gold } of aligned) {
    const decisions = decideThemes(compiled, seed.text, finding.start, finding.end, finding.section, finding.sectionTitle);
    rows.push({
      report,
      findingId: finding.id,
      text: finding.text,
      gold,
      predicted: decisions.filter((d) => d.tagged).map((d) => d.theme),
      explain: (theme) => {
        const d = decisions.find((x) => x.theme === theme);
        if (!d) return '(no hit)';
        return d.hits.map((h) => `${seed.text.slice(h.start, h.end).replace(/\s+/g, ' ')}${h.discounted ? `[x ${h.discounted.reason}${'cue' in h.discounted ? ' ' + h.discounted.cue : ''}]` : h.role === 'weak' ? '[w]' : ''}`).join('; ') + (d.section ? ` {section ${d.section}}` : '');
      },
    });
  }
}

const out: string[] = [];
out.push(...formatEvaluation(`All labelled findings (${taxonomy.name} ${taxonomy.version})`, evaluate(rows)));
if (heldOut) {
  const tune = rows.filter((r) => r.report !== heldOut);
  const held = rows.filter((r) => r.report === heldOut);
  if (held.length === 0) throw new Error(`--split: no labelled report named ${heldOut}`);
  out.push('', ...formatEvaluation(`Tuning part (all but ${heldOut})`, evaluate(tune)));
  out.push('', ...formatEvaluation(`Held-out report ${heldOut}`, evaluate(held)));
}
const perReport: number[] = [];
for (const report of [...new Set(rows.map((r) => r.report))]) {
  const ev = evaluate(rows.filter((r) => r.report === report));
  perReport.push(ev.micro.f1);
  out.push(`  by report ${report.padEnd(32)} n ${String(ev.n).padStart(3)}  P ${ev.micro.precision.toFixed(3)}  R ${ev.micro.recall.toFixed(3)}  F1 ${ev.micro.f1.toFixed(3)}`);
}
// The tagger learns nothing from the labels, so each report held out in turn scores as above.
out.push(`  mean per-report F1 (= leave-one-report-out) ${(perReport.reduce((a, b) => a + b, 0) / perReport.length).toFixed(3)}`);

if (showErrors) {
  out.push('', 'Errors (+ false positive, - false negative):');
  for (const r of rows) {
    if (heldOut && r.report === heldOut) continue;
    if (typeof onlyReport === 'string' && !r.report.startsWith(onlyReport)) continue;
    const fp = r.predicted.filter((t) => !r.gold.includes(t) && (typeof onlyTheme !== 'string' || t === onlyTheme));
    const fn = r.gold.filter((t) => !r.predicted.includes(t) && (typeof onlyTheme !== 'string' || t === onlyTheme));
    if (!fp.length && !fn.length) continue;
    out.push(`\n[${r.findingId}] ${r.text}`);
    out.push(`  gold: ${r.gold.join(', ') || '-'}`);
    for (const t of fp) out.push(`  + ${t}: ${r.explain(t)}`);
    for (const t of fn) out.push(`  - ${t}: ${r.explain(t)}`);
  }
}
if (arg('bench') !== undefined) {
  const seeds = loadSeedDocs();
  const runs = Array.from({ length: 5 }, () => measureTagging(seeds, taxonomy, 5_000_000)).sort((a, b) => a.mbPerSec - b.mbPerSec);
  const best = runs[runs.length - 1]!;
  out.push(
    '',
    `Tagging speed (one core, seeds repeated to ${(best.chars / 1e6).toFixed(1)} M chars per run): best ${best.mbPerSec.toFixed(1)} MB/s, median ${runs[2]!.mbPerSec.toFixed(1)} MB/s, worst ${runs[0]!.mbPerSec.toFixed(1)} MB/s; ${best.findings} findings and ${best.tags} tags per run`,
  );
}
console.log(out.join('\n'));
