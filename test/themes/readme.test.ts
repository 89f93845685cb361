import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy, parseTaxonomy } from '../../src/themes/load-taxonomy.ts';
import { explainThemes, formatExplanation } from '../../src/themes/tag-themes.ts';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'themes', 'README.md'), 'utf8');

describe('src/themes/README.md', () => {
  it('shows the exact output of its usage example', () => {
    const sentence = /explainThemes\('([^']+)'/.exec(README)?.[1];
    expect(sentence).toBeDefined();
    const shown = /Yields[^\n]*\n\n```text\n([\s\S]*?)\n```/.exec(README)?.[1];
    expect(shown).toBeDefined();
    expect(formatExplanation(explainThemes(sentence!, loadTaxonomy())).join('\n')).toBe(shown);
  });

  it('shows a taxonomy error as the loader writes it', () => {
    const shown = /```text\n(Invalid theme taxonomy my\.json[\s\S]*?)\n```/.exec(README)?.[1];
    expect(shown).toBeDefined();
    const theme = (id: string, extra: Record<string, unknown> = {}) => ({ id, group: 'G', label: id, about: '', terms: ['widget'], ...extra });
    let message = '';
    try {
      // The same checks as loadTaxonomy, on data instead of a file.
      parseTaxonomy({ name: 'n', version: '1', themes: [theme('a'), theme('b', { terms: [] }), theme('a', { exclude: ['zzz'] })] }, 'my.json');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(shown);
  });
});
