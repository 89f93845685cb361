/**
 * Serialised output written piece by piece straight into a UTF-8 buffer.
 *
 * A report's outputs are about 600 KB of text. Built as whole strings (rows joined, an envelope
 * stringified at once) each is a large object to V8 (over 128 KB in UTF-16), allocated in the old
 * generation: a worker made a megabyte of them per report, and full garbage collections to
 * reclaim them. Pieces (a row, an array element) are small young strings that die at once; they
 * are gathered into chunks of a few thousand characters before being encoded into the buffer.
 */

/** Characters gathered before they are encoded (a chunk stays a small, young string). */
const CHUNK = 16_384;

export class Utf8Sink {
  private buf: Buffer;
  private at = 0;
  private pending = '';

  constructor(initialBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafeSlow(initialBytes);
  }

  /** Append a string. */
  readonly write = (s: string): void => {
    this.pending += s;
    if (this.pending.length >= CHUNK) this.flush(true);
  };

  /** Bytes written so far (everything appended is counted). */
  get length(): number {
    this.flush();
    return this.at;
  }

  /** Start again from empty (the buffer is kept for the next use). */
  reset(): void {
    this.pending = '';
    this.at = 0;
  }

  /** What was written, copied into a buffer of its own (not Node's shared pool: it can be transferred). */
  take(): Buffer {
    this.flush();
    const out = Buffer.allocUnsafeSlow(this.at);
    this.buf.copy(out, 0, 0, this.at);
    return out;
  }

  /** Encode what is pending; `more`: more is coming, so a trailing half of a surrogate pair waits for its other half. */
  private flush(more = false): void {
    let s = this.pending;
    this.pending = '';
    if (more) {
      const last = s.charCodeAt(s.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        this.pending = s.slice(-1);
        s = s.slice(0, -1);
      }
    }
    if (!s) return;
    // A UTF-16 unit takes at most 3 bytes of UTF-8: with that much room nothing is cut short.
    if (this.buf.length - this.at < s.length * 3) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.at + s.length * 3));
      this.buf.copy(bigger, 0, 0, this.at);
      this.buf = bigger;
    }
    this.at += this.buf.write(s, this.at);
  }
}

/**
 * Write `value` as `JSON.stringify(value)` would, in pieces: plain objects and arrays are opened
 * `depth` levels down, anything below (or not plain data) is stringified whole.
 */
export function writeJson(value: unknown, write: (s: string) => void, depth: number): void {
  if (depth > 0 && value !== null && typeof value === 'object') {
    if (Array.isArray(value)) {
      write('[');
      for (let i = 0; i < value.length; i++) {
        if (i) write(',');
        const v: unknown = value[i];
        if (omitted(v)) write('null');
        else writeJson(v, write, depth - 1);
      }
      write(']');
      return;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if ((proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
      let first = true;
      write('{');
      for (const key of Object.keys(value)) {
        const v = (value as Record<string, unknown>)[key];
        if (omitted(v)) continue;
        write(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
        writeJson(v, write, depth - 1);
        first = false;
      }
      write('}');
      return;
    }
  }
  const s = JSON.stringify(value);
  if (s === undefined) throw new TypeError('writeJson: nothing to write for an undefined, function or symbol value');
  write(s);
}

/** Values JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}
