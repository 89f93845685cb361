import cliProgress from 'cli-progress';
import { formatMessage } from '../core/messages.ts';
import type { ReportEvent } from '../pipeline/run-pipeline.ts';

/** A progress bar on a terminal; plain log lines elsewhere (CI, pipes). */
export function createProgress(opts: { quiet: boolean; stream?: NodeJS.WriteStream }) {
  const stream = opts.stream ?? process.stderr;
  const tty = !!stream.isTTY;
  let bar: cliProgress.SingleBar | null = null;
  let done = 0;
  let total = 0;
  let bytes = 0;
  let failed = 0;
  const t0 = Date.now();
  return {
    start(n: number) {
      total = n;
      if (tty && !opts.quiet) {
        bar = new cliProgress.SingleBar(
          { format: 'reports {bar} {value}/{total} | {rate} reports/s | {mbps} MB/s | {failed} failed', stream, hideCursor: true, clearOnComplete: false },
          cliProgress.Presets.shades_classic,
        );
        bar.start(n, 0, { rate: '0', mbps: '0', failed: 0 });
      }
    },
    report(e: ReportEvent) {
      done++;
      bytes += e.bytes;
      const secs = Math.max(0.001, (Date.now() - t0) / 1000);
      if (!e.ok) failed++;
      if (bar) {
        bar.increment(1, { rate: (done / secs).toFixed(1), mbps: (bytes / 1e6 / secs).toFixed(2), failed });
      } else if (!opts.quiet) {
        const what = e.ok ? `${e.reportId}: ${e.nFindings} findings, ${e.nQuantities} quantities${e.reused ? ' (unchanged, reused)' : ''}` : 'FAILED';
        stream.write(`[${done}/${total || '?'}] ${e.sourceFile}: ${what}\n`);
      }
      if (!opts.quiet || !e.ok) {
        for (const m of e.messages.filter((x) => x.severity === 'error')) (bar ? console.error : (s: string) => stream.write(s + '\n'))(`  ${formatMessage(m)}`);
      }
    },
    /** A step after the last report: the bar is finished and the step named on a line of its own. */
    phase(what: string) {
      if (opts.quiet) return;
      if (bar) {
        bar.stop();
        bar = null;
      }
      stream.write(`${what}...\n`);
    },
    stop() {
      bar?.stop();
    },
  };
}
