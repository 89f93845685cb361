import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.ts';
import type { ReportEvent } from '../../src/pipeline/run-pipeline.ts';

/** A stream that keeps what is written; `tty` makes it a terminal to cli-progress. */
function fakeStream(tty: boolean) {
  const chunks: string[] = [];
  const stream = {
    isTTY: tty,
    columns: 200,
    write: (s: string) => (chunks.push(String(s)), true),
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    on: () => stream,
    removeListener: () => stream,
  };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

const event = (file: string, ok: boolean): ReportEvent => ({
  sourceFile: file,
  reportId: ok ? file.replace('.txt', '') : null,
  ok,
  reused: false,
  nFindings: ok ? 12 : 0,
  nQuantities: ok ? 3 : 0,
  messages: ok ? [] : [{ stage: 'ingest', severity: 'error', ruleId: 'empty_file', message: 'the file is empty', file, reportId: '', start: null, end: null } as never],
  bytes: ok ? 1000 : 0,
});

describe('progress', () => {
  it('writes a line a report, then a line a step, when not on a terminal', () => {
    const { stream, text } = fakeStream(false);
    const p = createProgress({ quiet: false, stream });
    p.start(3);
    p.report(event('a.txt', true));
    p.report(event('b.txt', false));
    p.report(event('c.txt', true));
    p.phase('clustering recurring findings (24 distinct texts)');
    p.stop();
    const lines = text().trimEnd().split('\n');
    expect(lines[0]).toBe('[1/3] a.txt: a: 12 findings, 3 quantities');
    expect(lines[1]).toBe('[2/3] b.txt: FAILED');
    expect(lines[2]).toMatch(/the file is empty/);
    expect(lines[3]).toBe('[3/3] c.txt: c: 12 findings, 3 quantities');
    expect(lines[4]).toBe('clustering recurring findings (24 distinct texts)...');
  });

  it('counts failures on the bar across reports, not just the last one', () => {
    const { stream, text } = fakeStream(true);
    const p = createProgress({ quiet: false, stream });
    p.start(3);
    p.report(event('a.txt', false));
    p.report(event('b.txt', false));
    p.report(event('c.txt', true));
    p.phase('writing the datasets');
    expect(text()).toMatch(/3\/3 .*\| 2 failed/);
    expect(text()).toMatch(/writing the datasets\.\.\.\n$/);
  });

  it('prints nothing but errors when quiet', () => {
    const { stream, text } = fakeStream(false);
    const p = createProgress({ quiet: true, stream });
    p.start(2);
    p.report(event('a.txt', true));
    p.phase('writing the datasets');
    p.stop();
    expect(text()).toBe('');
  });
});
