import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvCell, csvRecord, csvRow, type CsvCell } from '../../src/publish/csv-record.ts';
import { cellValue, csvLines } from '../../src/publish/dataset-writer.ts';

/** csv-stringify, with the project's options, is the reference the fast writer must equal. */
const reference = (cells: CsvCell[]) => csvLines([cells.map(cellValue)]);

describe('csvCell', () => {
  it.each<[CsvCell, string]>([
    ['plain', 'plain'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [0, '0'],
    [-3, '-3'],
    [0.125, '0.125'],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
    [true, 'true'],
    [false, 'false'],
    ['a,b', '"a,b"'],
    ['say "yes"', '"say ""yes"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=1+1', "'=1+1"],
    ['+44', "'+44"],
    ['-3', "'-3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "\"'\rx\""],
    ['＝1', "'＝1"],
    ['=a,"b"', '"\'=a,""b"""'],
  ])('%j -> %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('csvRecord against csv-stringify', () => {
  const text = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', '\uFF1D', '\uFF0D', 'é', '’', '1') }),
    fc.string({ unit: 'grapheme' }),
  );
  const cell: fc.Arbitrary<CsvCell> = fc.oneof(text, fc.double(), fc.integer({ min: -1e6, max: 1e6 }), fc.boolean(), fc.constant(null), fc.constant(undefined));

  it('writes the same bytes for any record', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 12 }), (cells) => {
        expect(csvRecord(cells)).toBe(reference(cells));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes a row object by its columns as the record of those cells', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (cells) => {
        const columns = cells.map((_, i) => `c${i}`);
        const row = Object.fromEntries(cells.map((c, i) => [`c${i}`, c]));
        expect(csvRow(row, columns)).toBe(reference(cells));
      }),
      { numRuns: 1000 },
    );
  });

  it('a record of one empty cell is an empty line, as csv-stringify writes it', () => {
    expect(csvRecord([''])).toBe(reference(['']));
  });
});

describe('line breaks inside a cell', () => {
  it('are quoted, so a spreadsheet keeps the row whole', async () => {
    const { parse } = await import('csv-parse/sync');
    const cells = ['two\nlines', 'cr\ronly', 'both\r\nhere', 'plain'];
    expect(csvRecord(cells)).toBe('"two\nlines","cr\ronly","both\r\nhere",plain\r\n');
    expect(csvLines([cells])).toBe(csvRecord(cells));
    expect(parse(csvRecord(cells) + csvRecord(['a', 'b', 'c', 'd']))).toEqual([cells, ['a', 'b', 'c', 'd']]);
  });
});
