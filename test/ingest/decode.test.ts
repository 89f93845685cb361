import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeWindows1252 } from '../../src/ingest/decode.ts';
import { ingestBytes } from '../../src/ingest/ingest-file.ts';
import { sha256 } from '../../src/core/files.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('decodeBytes', () => {
  it.each([
    ['empty', new Uint8Array(), 'empty_file'],
    ['whitespace only', enc(' \n\t\n'), 'empty_file'],
    ['binary', new Uint8Array([0x00, 0x01, 0x02, 0x41, 0x00, 0x00, 0x10, 0x42]), 'binary_file'],
    ['PDF', enc('%PDF-1.7\n...'), 'unsupported_format'],
    ['docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'unsupported_format'],
  ])('refuses %s with a reason', (_name, bytes, ruleId) => {
    const r = decodeBytes(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.ruleId).toBe(ruleId);
  });

  it('drops a UTF-8 byte-order mark', () => {
    const r = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Héllo')]));
    expect(r).toMatchObject({ ok: true, text: 'Héllo', encoding: 'utf-8', warnings: [] });
  });

  it('falls back to Windows-1252 with a warning', () => {
    const r = decodeBytes(new Uint8Array([0x93, 0x47, 0x6f, 0x6f, 0x64, 0x94, 0x20, 0x96, 0x20, 0xe9]));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.text).toBe('“Good” – é');
      expect(r.warnings.map((w) => w.ruleId)).toEqual(['decoded_windows_1252']);
      expect(r.warnings[0]!.message).toContain('offset 0');
    }
  });

  it('decodes UTF-16 with a byte-order mark', () => {
    const s = 'Report ‘Good’';
    const bytes = new Uint8Array(2 + s.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < s.length; i++) {
      bytes[2 + i * 2] = s.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = s.charCodeAt(i) >> 8;
    }
    expect(decodeBytes(bytes)).toMatchObject({ ok: true, text: s, encoding: 'utf-16le' });
  });

  it('maps the Windows-1252 high range', () => {
    expect(decodeWindows1252(new Uint8Array([0x80, 0x85, 0x91, 0x92, 0xa3]))).toBe('€…‘’£');
  });
});

describe('ingestBytes', () => {
  it('reports a failure by file name', () => {
    const r = ingestBytes(new Uint8Array(), 'reports/empty.txt');
    expect(r.ok).toBe(false);
    expect(r.messages[0]).toMatchObject({ ruleId: 'empty_file', severity: 'error', file: 'reports/empty.txt' });
    expect(r.messages[0]!.message).toContain('empty.txt');
  });

  it('keeps a plain-text file unchanged as the canonical text (CRLF, NBSP)', () => {
    const text = 'An inspection of probation services in Testshire PDU\r\nFieldwork started May 2024\u00a0\r\n';
    const r = ingestBytes(enc(text), 'x.txt');
    expect(r.ok && r.report.text).toBe(text);
    expect(r.ok && r.report.reportId).toBe('testshire-pdu-2024');
  });

  it.each<[string, Uint8Array, boolean]>([
    ['UTF-8', enc(SAMPLE), true],
    ['UTF-8 with a byte-order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...enc(SAMPLE)]), false],
    ['Windows-1252', Uint8Array.from([...SAMPLE.replace('’', "'")].map((c) => c.charCodeAt(0)).concat([0xe9])), false],
    ['UTF-16LE', new Uint8Array([0xff, 0xfe, ...[...SAMPLE].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]), false],
  ])('knows the hash of the canonical text without encoding it again only when it is the file (%s)', (_, bytes, known) => {
    const r = ingestBytes(bytes, 'x.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.textSha256 !== undefined).toBe(known);
    if (known) expect(r.report.textSha256).toBe(sha256(r.report.text));
  });
});

const SAMPLE = 'An inspection of probation services in Testshire PDU\r\nFieldwork started May 2024 – the unit’s staff\r\n';

