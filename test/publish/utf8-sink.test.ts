import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Sink, writeJson } from '../../src/publish/utf8-sink.ts';

describe('Utf8Sink', () => {
  it('holds exactly the UTF-8 of the strings written, whatever their sizes and wherever surrogate pairs fall', () => {
    // Pieces up to twice the chunk size, with pairs and lone halves; one string may end in the first half of a pair and the next begin with the second.
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('\ud83d', '\ude00', '’', '\u00e9'),
      fc.integer({ min: 1, max: 40_000 }).map((n) => 'x'.repeat(n - 1) + '\ud83d'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const sink = new Utf8Sink(16);
        for (const p of pieces) sink.write(p);
        expect(sink.take().equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('counts bytes as they are written, and starts again empty after reset', () => {
    const sink = new Utf8Sink(4);
    sink.write('ab');
    expect(sink.length).toBe(2);
    sink.write('’');
    expect(sink.length).toBe(5);
    sink.reset();
    sink.write('z');
    expect(sink.take().toString()).toBe('z');
  });
});

describe('writeJson', () => {
  const collect = (v: unknown, depth: number) => {
    const out: string[] = [];
    writeJson(v, (s) => out.push(s), depth);
    return out.join('');
  };

  it('writes what JSON.stringify writes, at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 6 }), (v, depth) => {
        expect(collect(v, depth)).toBe(JSON.stringify(v));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out what JSON.stringify leaves out, and hands other objects to it whole', () => {
    const value = { a: undefined, b: [undefined, () => 1, Symbol('s'), 2], c: new Date(0), d: { toJSON: () => 'custom' }, e: new Map([[1, 2]]), f: Object.assign(Object.create(null), { g: 1 }), '\u2028k"': 'v' };
    for (const depth of [0, 1, 2, 3]) expect(collect(value, depth)).toBe(JSON.stringify(value));
    expect(() => collect(undefined, 1)).toThrow(/undefined/);
  });
});
