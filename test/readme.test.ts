import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

// The README's usage example is run as written, so it cannot go stale.
describe('README usage example', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```console\n\$ (npx inspection-findings run [^\n]*)\n([\s\S]*?)```/.exec(readme)!;

  it('prints exactly what the README shows (timing aside)', () => {
    expect(block).not.toBeNull();
    const out = mkdtempSync(join(tmpdir(), 'if-readme-'));
    const args = block[1]!.replace('npx inspection-findings ', '').split(' ').map((a) => (a === 'output' ? out : a));
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'inspection-findings.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(r.status).toBe(0);
    const mask = (s: string) => s.split(out).join('output').replace(/\d+\.\d s;/, 'N s;').trim();
    expect(mask(r.stderr + r.stdout)).toBe(mask(block[2]!));
  }, 120_000);
});
