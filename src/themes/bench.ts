import type { ReportDocument } from '../schema/document.ts';
import type { Taxonomy } from '../schema/theme.ts';
import { compileTaxonomy, tagThemes } from './tag-themes.ts';

export interface Throughput {
  /** Characters of finding text tagged (UTF-16 code units, about one byte each for this prose). */
  chars: number;
  findings: number;
  tags: number;
  ms: number;
  /** Millions of characters per second, on one core. */
  mbPerSec: number;
}

/**
 * Time `tagThemes` over the given reports, repeated until at least `minChars` of finding text
 * has been tagged (after one warm-up pass that also compiles the taxonomy).
 */
export function measureTagging(reports: Array<{ doc: ReportDocument; text: string }>, taxonomy: Taxonomy, minChars = 10_000_000): Throughput {
  compileTaxonomy(taxonomy);
  for (const r of reports) tagThemes(r.doc, r.text, taxonomy);
  const perPass = reports.reduce((n, r) => n + r.doc.findings.reduce((m, f) => m + (f.end - f.start), 0), 0);
  if (perPass === 0) return { chars: 0, findings: 0, tags: 0, ms: 0, mbPerSec: 0 };
  const passes = Math.max(1, Math.ceil(minChars / perPass));
  let tags = 0;
  let findings = 0;
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) {
    for (const r of reports) {
      tags += tagThemes(r.doc, r.text, taxonomy).length;
      findings += r.doc.findings.length;
    }
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const chars = perPass * passes;
  return { chars, findings, tags, ms, mbPerSec: chars / 1e6 / (ms / 1000) };
}
