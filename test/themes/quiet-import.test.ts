import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const url = (p: string) => pathToFileURL(join(ROOT, p)).href;

/**
 * `import natural from 'natural'` prints to stdout, reads ./.env and loads database clients
 * (see ../shared/PACKAGES.md). The tagger uses natural's Porter stemmer by its deep path only.
 * Run the import, and a tagging pass, in a fresh Node process and check that stdout stays empty
 * and that natural's index was never loaded.
 */
describe('importing and running the tagger', () => {
  it('prints nothing to stdout and loads only the stemmer files of natural', () => {
    const script = `
      import { createRequire } from 'node:module';
      const { loadTaxonomy } = await import(${JSON.stringify(url('src/themes/load-taxonomy.ts'))});
      const { explainThemes, compileTaxonomy, tagText } = await import(${JSON.stringify(url('src/themes/tag-themes.ts'))});
      const tax = loadTaxonomy();
      const tags = tagText('Vacancies and high workloads undermined the work to keep people safe.', compileTaxonomy(tax));
      explainThemes('Practitioners lacked professional curiosity.', tax);
      const require = createRequire(import.meta.url);
      const natural = Object.keys(require.cache).filter((k) => k.includes('/natural/')).map((k) => k.slice(k.indexOf('/natural/')));
      process.stderr.write(JSON.stringify({ tags, natural }));
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const report = JSON.parse(r.stderr.slice(r.stderr.indexOf('{"tags"'))) as { tags: string[]; natural: string[] };
    expect(report.tags).toEqual(['risk_of_harm', 'staffing_levels', 'workload']);
    expect(report.natural.length).toBeGreaterThan(0);
    expect(report.natural.every((m) => /\/natural\/lib\/natural\/(stemmers|util|tokenizers)\//.test(m))).toBe(true);
    expect(report.natural).not.toContain('/natural/lib/natural/index.js');
  });
});
