/**
 * How far this machine lets JavaScript scale from one thread to two, whatever the pipeline does:
 *   npx tsx bench/threads.ts
 *
 * Runs the same work on 1, then 2 worker threads at once, twice over: arithmetic on a typed
 * array (no allocation) and building and serialising objects (as the pipeline does: rows,
 * strings, JSON). One thread leaves the other core to V8's garbage-collection helper threads;
 * two threads share both cores with them. Prints wall and CPU time and the speed-up.
 */
import { Worker } from 'node:worker_threads';

type Kind = 'arithmetic' | 'allocation';

/** The work, as plain JavaScript run by each thread (so that the threads need no TypeScript loader). */
const WORK = `
const { parentPort, workerData } = require('node:worker_threads');
let out = 0;
if (workerData === 'arithmetic') {
  const a = new Float64Array(1 << 16);
  for (let r = 0; r < 3000; r++) for (let i = 0; i < a.length; i++) { a[i] = a[i] * 1.0001 + (i ^ r); out = (out + (a[i] | 0)) | 0; }
} else {
  for (let r = 0; r < 60; r++) {
    const rows = [];
    for (let i = 0; i < 20000; i++) rows.push({ id: 'x' + i + '/' + r, text: 'some finding text number ' + i, v: i * 0.5, tags: ['a', 'b' + (i % 7)] });
    out += JSON.stringify(rows).length;
  }
}
parentPort.postMessage(out);
`;

async function run(kind: Kind, threads: number): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise((resolve, reject) => {
          const w = new Worker(WORK, { eval: true, workerData: kind });
          w.once('message', resolve).once('error', reject);
        }),
    ),
  );
  const c = process.cpuUsage(cpu0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

for (const kind of ['arithmetic', 'allocation'] as const) {
  await run(kind, 1); // warm-up
  const one = await run(kind, 1);
  const two = await run(kind, 2);
  console.log(
    `${kind.padEnd(10)}  1 thread ${one.wall.toFixed(0)} ms (CPU ${one.cpu.toFixed(0)} ms)  2 threads ${two.wall.toFixed(0)} ms (CPU ${two.cpu.toFixed(0)} ms)  speed-up ${((2 * one.wall) / two.wall).toFixed(2)}x`,
  );
}
