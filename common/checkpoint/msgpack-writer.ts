import { encodeValue } from '../record-codec';
import { WriteChunks } from './write-chunks';
import { unaccountedBuffer } from '../unaccounted-memory';

const UNDEFINED_BYTES = encodeValue(undefined);

/** What `mapEntries` needs of a map: a Map, or MapState's CompactMap. */
export interface EntrySource {
  readonly size: number;
  forEach(fn: (value: unknown, key: unknown) => void, thisArg?: unknown): void;
}
const INITIAL_CAPACITY = 64 * 1024;

/**
 * Writes msgpack into one growing buffer, straight from live data structures: state snapshots
 * are written entry by entry from the state tables, without first building the plain-data tree
 * (an array per entry and per key) that a generic encoder walks. Building that tree and
 * encoding it cost about 1.6 µs per key (Nexmark q8: 600k keys, 41 MB, over a second of a
 * slot thread's CPU per checkpoint); this writes the same data in a small fraction of it.
 *
 * The output is plain msgpack that `decodeValue` (record-codec) reads back into the same
 * values as `encodeValue` of the equivalent plain-data tree: the persisted format does not
 * change. Values this writer does not handle itself (Dates, binary, Maps, class instances,
 * anything unusual) are encoded by `encodeValue` and copied in, so they round-trip exactly as
 * before.
 */
export class MsgpackWriter {
  private buf: Buffer;
  /** The same bytes, for float64 (big-endian, msgpack's). */
  private view: DataView;
  /** Position in `buf`, the buffer being written (the last of `chunks`, if it moved on). */
  private pos = 0;
  /** The buffers filled before `buf` and the spares to move on to (see WriteChunks). */
  private chunks: WriteChunks | undefined;

  /**
   * `initial`: the bytes to start with (e.g. the size of the previous snapshot), or buffers to
   * write into one after the other (those of an earlier snapshot); past them it allocates.
   */
  constructor(initial: number | Buffer | readonly Buffer[] = INITIAL_CAPACITY) {
    if (typeof initial === 'number') this.buf = unaccountedBuffer(Math.max(1024, initial));
    else if (Buffer.isBuffer(initial)) this.buf = initial;
    else {
      const [first, ...rest] = initial;
      this.buf = first ?? unaccountedBuffer(INITIAL_CAPACITY);
      this.chunks = new WriteChunks(rest);
    }
    this.view = viewOf(this.buf);
  }

  /** A writer into `spares` (an earlier snapshot's buffers) if there are any, else into a new buffer of `bytes`. */
  static reusing(spares: readonly Buffer[] | undefined, bytes: number): MsgpackWriter {
    return new MsgpackWriter(spares !== undefined && spares.length > 0 ? spares : bytes);
  }

  /** Every buffer written into, in order: the next snapshot's spares once these bytes are no longer needed. */
  buffers(): Buffer[] {
    return this.chunks === undefined ? [this.buf] : [...this.chunks.filledBuffers, this.buf];
  }

  /** The bytes written so far, in order, as views of the writer's buffers (copy them to keep them past reuse). */
  chunkViews(): Uint8Array[] {
    const last = this.buf.subarray(0, this.pos);
    return this.chunks === undefined ? [last] : [...this.chunks.filled, last];
  }

  /** The bytes written so far: a view of the writer's buffer, or a copy when they span several. */
  bytes(): Uint8Array {
    if (this.chunks === undefined || this.chunks.filled.length === 0) return this.buf.subarray(0, this.pos);
    return Buffer.concat(this.chunkViews());
  }

  get length(): number {
    return (this.chunks?.filledBytes ?? 0) + this.pos;
  }

  arrayHeader(n: number): void {
    this.header(n, 0x90, 0xdc, 0xdd);
  }

  mapHeader(n: number): void {
    this.header(n, 0x80, 0xde, 0xdf);
  }

  /** msgpack's array and map headers: a fix form under 16 entries, then 16- and 32-bit counts. */
  private header(n: number, fix: number, tag16: number, tag32: number): void {
    this.ensure(5);
    const b = this.buf;
    if (n < 16) b[this.pos++] = fix | n;
    else if (n < 0x10000) {
      b[this.pos] = tag16;
      u16(b, this.pos + 1, n);
      this.pos += 3;
    } else {
      b[this.pos] = tag32;
      u32(b, this.pos + 1, n);
      this.pos += 5;
    }
  }

  /** Already encoded msgpack (one complete value). */
  raw(bytes: Uint8Array): void {
    this.ensure(bytes.byteLength);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.byteLength;
  }

  /**
   * Bytes `src[from, to)` of an earlier msgpack stream (part of a value, or several values),
   * spread over this writer's buffers if they do not fit in the current one.
   */
  rawPart(src: Uint8Array, from: number, to: number): void {
    while (from < to) {
      if (this.pos === this.buf.length) this.ensure(Math.min(to - from, INITIAL_CAPACITY));
      const n = Math.min(to - from, this.buf.length - this.pos);
      const b = this.buf;
      if (n <= 64) {
        // Runs of a few entries are common: a loop beats a view and a native copy there.
        for (let i = 0, p = this.pos; i < n; i++) b[p + i] = src[from + i];
      } else b.set(src.subarray(from, from + n), this.pos);
      this.pos += n;
      from += n;
    }
  }

  string(s: string): void {
    const n = s.length;
    if (n < 32) {
      this.ensure(1 + 3 * n);
      const b = this.buf;
      const start = this.pos;
      let p = start + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        b[p++] = c;
      }
      if (i === n) {
        b[start] = 0xa0 | n;
        this.pos = p;
        return;
      }
    }
    // Non-ASCII or long: UTF-8 after a header sized for the worst case (3 bytes per UTF-16 unit).
    const max = 3 * n;
    const header = max < 0x100 ? 2 : max < 0x10000 ? 3 : 5;
    this.ensure(header + max);
    const b = this.buf;
    const written = b.write(s, this.pos + header, max, 'utf8');
    if (header === 2) {
      b[this.pos] = 0xd9;
      b[this.pos + 1] = written;
    } else if (header === 3) {
      b[this.pos] = 0xda;
      u16(b, this.pos + 1, written);
    } else {
      b[this.pos] = 0xdb;
      u32(b, this.pos + 1, written);
    }
    this.pos += header + written;
  }

  number(v: number): void {
    this.ensure(9);
    const b = this.buf;
    if (v >>> 0 === v) {
      if (v < 0x80) b[this.pos++] = v;
      else if (v < 0x100) {
        b[this.pos++] = 0xcc;
        b[this.pos++] = v;
      } else if (v < 0x10000) {
        b[this.pos] = 0xcd;
        u16(b, this.pos + 1, v);
        this.pos += 3;
      } else {
        b[this.pos] = 0xce;
        u32(b, this.pos + 1, v);
        this.pos += 5;
      }
      return;
    }
    if (v >> 0 === v) {
      if (v >= -32) b[this.pos++] = v & 0xff;
      else if (v >= -0x80) {
        b[this.pos++] = 0xd0;
        b[this.pos++] = v & 0xff;
      } else if (v >= -0x8000) {
        b[this.pos] = 0xd1;
        u16(b, this.pos + 1, v & 0xffff);
        this.pos += 3;
      } else {
        b[this.pos] = 0xd2;
        u32(b, this.pos + 1, v >>> 0);
        this.pos += 5;
      }
      return;
    }
    this.double(v);
  }

  /** float64, out of line: `number` stays small enough to inline where callers pass unboxed doubles. */
  private double(v: number): void {
    this.buf[this.pos] = 0xcb;
    this.view.setFloat64(this.pos + 1, v);
    this.pos += 9;
  }

  /** Any value: plain data directly, everything else as `encodeValue` encodes it. */
  value(v: unknown): void {
    switch (typeof v) {
      case 'number':
        this.number(v);
        return;
      case 'string':
        this.string(v);
        return;
      case 'boolean':
        this.ensure(1);
        this.buf[this.pos++] = v ? 0xc3 : 0xc2;
        return;
      case 'undefined':
        this.raw(UNDEFINED_BYTES);
        return;
      case 'object':
        if (v === null) {
          this.ensure(1);
          this.buf[this.pos++] = 0xc0;
          return;
        }
        if (Array.isArray(v)) {
          this.array(v);
          return;
        }
        if (Object.getPrototypeOf(v) === Object.prototype) {
          this.object(v as Record<string, unknown>);
          return;
        }
    }
    this.raw(encodeValue(v));
  }

  /** A two-element array [k, v] (an entry of a snapshot). */
  pair(k: unknown, v: unknown): void {
    this.ensure(1);
    this.buf[this.pos++] = 0x92;
    this.element(k);
    this.element(v);
  }

  /**
   * The entries `[k, [a, b]]` (or `[k, [[a, b]]]` when `nested`) of a packed table's group
   * (PairTable): each key of `slots` with the pair at its slot of `data`, written as the plain
   * arrays they stand for. The position stays in a local and the room for an entry is checked
   * once: 27 ns an entry against 68 through `number` per value, in-process (q5's pane and
   * timer tables hold one such entry per auction each, and a checkpoint writes them all).
   */
  numberPairEntries(slots: ReadonlyMap<unknown, number>, data: Float64Array, nested: boolean): void {
    let b = this.buf;
    let view = this.view;
    let p = this.pos;
    slots.forEach((s, k) => {
      if (typeof k !== 'number') {
        this.pos = p;
        this.numberPairEntry(k, data[2 * s], data[2 * s + 1], nested);
        b = this.buf;
        view = this.view;
        p = this.pos;
        return;
      }
      if (p + MAX_NUMBER_PAIR_ENTRY > b.length) {
        this.pos = p;
        this.ensure(MAX_NUMBER_PAIR_ENTRY);
        b = this.buf;
        view = this.view;
        p = this.pos;
      }
      b[p++] = 0x92;
      p = numberAt(b, view, p, k);
      if (nested) b[p++] = 0x91;
      b[p++] = 0x92;
      p = numberAt(b, view, p, data[2 * s]);
      p = numberAt(b, view, p, data[2 * s + 1]);
    });
    this.pos = p;
  }

  /** One entry as `numberPairEntries` writes it, for a key of any type. */
  private numberPairEntry(k: unknown, a: number, b: number, nested: boolean): void {
    this.ensure(2);
    this.buf[this.pos++] = 0x92;
    this.element(k);
    this.ensure(2);
    if (nested) this.buf[this.pos++] = 0x91;
    this.buf[this.pos++] = 0x92;
    this.number(a);
    this.number(b);
  }

  /**
   * An entry or array element. Numbers first, in this small (inlined) method: state keys and
   * values are mostly numbers, and an element read from a double array reached
   * `value(v: unknown)` boxed, a heap number per entry while a checkpoint was written.
   */
  private element(x: unknown): void {
    if (typeof x === 'number') this.number(x);
    else this.value(x);
  }

  /** A Map (or any EntrySource) written as an array of [key, value] pairs (the snapshot form of Map-valued state). */
  mapEntries(m: EntrySource): void {
    this.arrayHeader(m.size);
    m.forEach(this.pairOfEntry, this);
  }

  /** A flat array [k0, v0, k1, v1, ...] written as an array of [key, value] pairs. */
  flatPairs(a: readonly unknown[]): void {
    this.arrayHeader(a.length >> 1);
    for (let i = 0; i + 1 < a.length; i += 2) this.pair(a[i], a[i + 1]);
  }

  private pairOfEntry(v: unknown, k: unknown): void {
    this.pair(k, v);
  }

  private array(a: readonly unknown[]): void {
    const n = a.length;
    this.arrayHeader(n);
    for (let i = 0; i < n; i++) this.element(a[i]);
  }

  /**
   * A plain object's own enumerable string keys, as a msgpack map. The count is known only
   * after the walk: a one-byte header is reserved and widened (moving the body) past 15 keys.
   */
  private object(o: Record<string, unknown>): void {
    this.ensure(1);
    const startBuf = this.buf;
    const mark = this.chunks?.filled.length ?? 0;
    const start = this.pos++;
    let n = 0;
    for (const k in o) {
      this.string(k);
      this.value(o[k]);
      n++;
    }
    if (n < 16) {
      startBuf[start] = 0x80 | n;
      return;
    }
    const extra = n < 0x10000 ? 2 : 4;
    if (this.buf !== startBuf || this.pos + extra > this.buf.length) {
      // The body went on into another buffer, or the wider header would not fit in this one:
      // written again after a sized header.
      if (this.buf !== startBuf) {
        this.buf = this.chunks!.rewind(mark, this.buf);
        this.view = viewOf(this.buf);
      }
      this.pos = start;
      this.mapHeader(n);
      for (const k in o) {
        this.string(k);
        this.value(o[k]);
      }
      return;
    }
    const b = this.buf;
    b.copyWithin(start + 1 + extra, start + 1, this.pos);
    if (extra === 2) {
      b[start] = 0xde;
      u16(b, start + 1, n);
    } else {
      b[start] = 0xdf;
      u32(b, start + 1, n);
    }
    this.pos += extra;
  }

  /** Room for `n` bytes at `pos`: past the end of `buf`, the writer moves on to another buffer. */
  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.buf = (this.chunks ??= new WriteChunks([])).advance(this.buf, this.pos, n);
    this.view = viewOf(this.buf);
    this.pos = 0;
  }
}

/** `[k, [[a, b]]]` with three numbers: 3 headers, a nested one and three float64s. */
const MAX_NUMBER_PAIR_ENTRY = 4 + 3 * 9;

/** `number` at `p` of a buffer with room for 9 bytes; returns the position after it. */
function numberAt(b: Buffer, view: DataView, p: number, v: number): number {
  if (v >>> 0 === v) {
    if (v < 0x80) {
      b[p] = v;
      return p + 1;
    }
    if (v < 0x100) {
      b[p] = 0xcc;
      b[p + 1] = v;
      return p + 2;
    }
    if (v < 0x10000) {
      b[p] = 0xcd;
      view.setUint16(p + 1, v);
      return p + 3;
    }
    b[p] = 0xce;
    view.setUint32(p + 1, v);
    return p + 5;
  }
  if (v >> 0 === v) {
    if (v >= -32) {
      b[p] = v & 0xff;
      return p + 1;
    }
    if (v >= -0x80) {
      b[p] = 0xd0;
      view.setInt8(p + 1, v);
      return p + 2;
    }
    if (v >= -0x8000) {
      b[p] = 0xd1;
      view.setInt16(p + 1, v);
      return p + 3;
    }
    b[p] = 0xd2;
    view.setInt32(p + 1, v);
    return p + 5;
  }
  b[p] = 0xcb;
  view.setFloat64(p + 1, v);
  return p + 9;
}

function viewOf(b: Buffer): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function u16(b: Buffer, at: number, v: number): void {
  b[at] = v >>> 8;
  b[at + 1] = v & 0xff;
}

function u32(b: Buffer, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}
