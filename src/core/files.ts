import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync, writeFile as writeFileCb, rename as renameCb } from 'node:fs';
import { mkdir, readdir, stat, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname, join, basename } from 'node:path';
import { threadId } from 'node:worker_threads';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

// The callback API, promisified: fs/promises goes through a FileHandle object for each file,
// which costs the calling thread several times more than the write itself.
const writeFile = promisify(writeFileCb);
const rename = promisify(renameCb);

let tmpCounter = 0;
const madeDirs = new Set<string>();
/** Write to a temporary file beside the target, then rename: a reader never sees a partial file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  if (!madeDirs.has(dir)) {
    await mkdir(dir, { recursive: true });
    madeDirs.add(dir);
  }
  // Worker threads share the process id: the thread id keeps their temporary names apart.
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${threadId}.${tmpCounter++}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && madeDirs.delete(dir)) return writeFileAtomic(path, data);
    throw err;
  }
}

/**
 * The same, synchronously: for worker threads, where blocking costs nothing and skips the
 * promise and file-handle machinery of the async version.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${threadId}.${tmpCounter++}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && madeDirs.delete(dir)) return writeFileAtomicSync(path, data);
    throw err;
  }
}

/** Stable JSON: two-space indent, trailing newline. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

const INPUT_EXTENSIONS = /\.(txt|text|md|html?|xhtml|pdf|docx)$/i;

/**
 * Expand files and folders (recursively) into a sorted list of input files. Files named
 * explicitly are always taken; inside folders, hidden files and unknown extensions are skipped.
 */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const found = new Set<string>();
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const p = join(dir, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (entry.isFile() && INPUT_EXTENSIONS.test(entry.name)) found.add(p);
    }
  }
  for (const input of inputs) {
    const s = await stat(input);
    if (s.isDirectory()) await walk(input);
    else found.add(input);
  }
  return [...found].sort();
}
