/** Turning a file's bytes into text, or saying exactly why not. */

export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'; warnings: { ruleId: string; message: string }[] }
  | { ok: false; ruleId: string; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Magic numbers of formats that arrive by mistake: named so the error can say what the file is. */
const SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'ZIP archive or Office document (docx/xlsx)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'legacy Office document (doc/xls)', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
];

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

/** Share of bytes that are control characters no text file contains. */
function controlRatio(buf: Uint8Array): number {
  const n = Math.min(buf.length, 64 * 1024);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0 || (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12)) bad++;
  }
  return n === 0 ? 0 : bad / n;
}

export function decodeBytes(buf: Uint8Array): DecodeResult {
  if (buf.length === 0) return { ok: false, ruleId: 'empty_file', reason: 'the file is empty (0 bytes)' };
  // UTF-16 byte-order marks: a real encoding, decoded with a warning since the canonical text is UTF-8.
  if (buf[0] === 0xff && buf[1] === 0xfe) {
    return finish(new TextDecoder('utf-16le').decode(buf.subarray(2)), 'utf-16le', [
      { ruleId: 'decoded_utf16', message: 'the file is UTF-16 (little-endian); decoded and converted to UTF-8' },
    ]);
  }
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    return finish(new TextDecoder('utf-16be').decode(buf.subarray(2)), 'utf-16be', [
      { ruleId: 'decoded_utf16', message: 'the file is UTF-16 (big-endian); decoded and converted to UTF-8' },
    ]);
  }
  for (const sig of SIGNATURES) {
    if (startsWith(buf, sig.bytes)) {
      return { ok: false, ruleId: 'unsupported_format', reason: `the file is a ${sig.name}, not a text or HTML report` };
    }
  }
  if (controlRatio(buf) > 0.01) {
    return { ok: false, ruleId: 'binary_file', reason: 'the file is binary (it contains NUL or other control bytes that text never has)' };
  }
  let body = buf;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) body = buf.subarray(3);
  try {
    return finish(utf8.decode(body), 'utf-8', []);
  } catch {
    const firstBad = findInvalidUtf8(body);
    return finish(decodeWindows1252(body), 'windows-1252', [
      {
        ruleId: 'decoded_windows_1252',
        message: `the file is not valid UTF-8 (first invalid byte at offset ${firstBad}); decoded as Windows-1252`,
      },
    ]);
  }
}

function finish(text: string, encoding: Extract<DecodeResult, { ok: true }>['encoding'], warnings: { ruleId: string; message: string }[]): DecodeResult {
  if (text.trim().length === 0) return { ok: false, ruleId: 'empty_file', reason: 'the file holds only whitespace' };
  return { ok: true, text, encoding, warnings };
}

function findInvalidUtf8(buf: Uint8Array): number {
  let lo = 0;
  let hi = buf.length;
  // Binary search for the shortest invalid prefix; `stream` tolerates a cut sequence at the end.
  const d = () => new TextDecoder('utf-8', { fatal: true });
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      d().decode(buf.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

// Windows-1252 differs from Latin-1 only in 0x80-0x9F.
const CP1252_HIGH = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
  0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

export function decodeWindows1252(buf: Uint8Array): string {
  let out = '';
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    out += String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b);
  }
  return out;
}
