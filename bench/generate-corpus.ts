/**
 * A synthetic corpus for the benchmark: reports made by recombining the seed reports' lists
 * under new unit names, deterministic from a seed number. Each report keeps the layout of the
 * seed it starts from (so every rendering is exercised) and swaps its bullets for bullets of the
 * same kind drawn from all seeds of that rendering.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** mulberry32: tiny, fast, reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['North', 'South', 'East', 'West', 'Aber', 'Llan', 'Bryn', 'Caer', 'Pen', 'Tre', 'Ash', 'Elm', 'Oak', 'Mill', 'Brook', 'Wood', 'Stone', 'Marsh', 'Field', 'Haven'];
const SUFFIX = ['ton', 'ford', 'bury', 'ham', 'field', 'wick', 'mouth', 'dale', 'ley', 'gate'];

function unitName(rand: () => number, i: number): string {
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  return `${pick(SYLLABLES)}${pick(SUFFIX)} and ${pick(SYLLABLES)}${pick(SUFFIX)} ${i}`;
}

const BULLET = /^(\s*[-•]\s+)(.*)$/;

export async function generateCorpus(seedsDir: string, outDir: string, n: number, seed = 42): Promise<string[]> {
  const names = (await readdir(seedsDir)).filter((f) => f.endsWith('.txt')).sort();
  const seeds = await Promise.all(names.map(async (f) => (await readFile(join(seedsDir, f), 'utf8')).split('\n')));
  // Bullet texts by rendering (the marker differs), to recombine within a layout.
  const pool = new Map<string, string[]>();
  seeds.forEach((lines) => {
    for (const l of lines) {
      const m = BULLET.exec(l);
      if (m && m[2]!.length > 60) pool.set(m[1]!.trim(), [...(pool.get(m[1]!.trim()) ?? []), m[2]!]);
    }
  });
  const rand = prng(seed);
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(rand() * seeds.length);
    const lines = seeds[k]!;
    const title = lines.find((l) => /inspection of/i.test(l)) ?? '';
    const oldUnit = /(?:in|–)\s+(.+?)\s+(?:PDU|region)\s*$/i.exec(title)?.[1];
    const newUnit = unitName(rand, i);
    const out = lines.map((l) => {
      const m = BULLET.exec(l);
      let line = l;
      if (m && m[2]!.length > 60 && rand() < 0.7) {
        const options = pool.get(m[1]!.trim())!;
        line = m[1] + options[Math.floor(rand() * options.length)];
      }
      return oldUnit ? line.split(oldUnit).join(newUnit) : line;
    });
    const file = join(outDir, `report-${String(i).padStart(5, '0')}.txt`);
    await writeFile(file, out.join('\n'));
    files.push(file);
  }
  return files;
}
