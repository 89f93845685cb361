import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MessageSink } from '../../src/core/messages.ts';
import { segmentReport } from '../../src/segment/segment-report.ts';
import type { ReportDocument } from '../../src/schema/document.ts';

export const SEEDS_DIR = join(import.meta.dirname, '..', '..', 'seeds');

export interface SeedDoc {
  file: string;
  text: string;
  doc: ReportDocument;
  sink: MessageSink;
}

/** Every seed report, segmented (cached per test file). */
let cache: SeedDoc[] | null = null;
export function loadSeedDocs(): SeedDoc[] {
  if (cache) return cache;
  cache = readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(SEEDS_DIR, file), 'utf8');
      const sink = new MessageSink('segment', { file, text });
      const doc = segmentReport(text, sink);
      if (!doc) throw new Error(`seed ${file} did not segment`);
      return { file, text, doc, sink };
    });
  return cache;
}

export function seedDoc(basename: string): SeedDoc {
  const s = loadSeedDocs().find((d) => d.file.startsWith(basename));
  if (!s) throw new Error(`no seed ${basename}`);
  return s;
}
