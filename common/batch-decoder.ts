import type { Packr } from 'msgpackr';
import { SluiceError } from './errors';
import * as F from './batch-format';

// Module-local copies: the CommonJS build reads an imported binding through a getter at each use.
const { SHORT_ARRAY, MAX_SHAPE_KEYS, KEYED_OBJECT, STRING_REGION_MAX, ARRAY, ASCII_INLINE, FALSE, FLOAT64, FORMAT_VERSION, HAS_TIMESTAMPS, HEADER_MASK, INT32, MAX_FIXINT, MSGPACK, NEG_FIXINT, NULL, SHAPE_DEF, SHAPE_INLINE, SHAPE_REF, TRUE, UNDEFINED, UTF8 } = F;

/**
 * Reads network buffers in the batch format (batch-format.ts). One decoder per thread (the
 * codec's module state); not reentrant.
 *
 * An object of a shape is built by a function made for that shape: an object literal of its
 * keys (`{ "auction": read(), "price": read() }`), so every decoded record gets its final
 * hidden class at once, with in-object fields, instead of growing one property at a time.
 * These functions are kept across buffers by key list. Where code generation from strings is
 * disabled (--disallow-code-generation-from-strings), objects are built field by field.
 */

type ShapeReader = () => Record<string, unknown>;

const EMPTY: Buffer = Buffer.alloc(0);

/** Shape readers kept across buffers before the cache is dropped (keys that are data). */
const MAX_CACHED_SHAPES = 4096;
/** ASCII strings up to this length go through the string cache (see readAscii). */
const CACHED_STRING_MAX = 32;
const STRING_CACHE_SIZE = 8192;

export class BatchDecoder {
  private src: Buffer = EMPTY;
  private view: DataView = new DataView(new ArrayBuffer(0));
  private pos = 0;
  /** The buffer's string region as one string, and the next string's offset in it. */
  private strings = '';
  private stringsPos = 0;
  private end = 0;
  /** This buffer's shapes, by id. */
  private shapes: ShapeReader[] = [];
  private readonly readerCache = new Map<string, ShapeReader>();
  private codegen = true;
  private readonly stringCache: string[] = new Array<string>(STRING_CACHE_SIZE).fill('');
  private readonly read = (): unknown => this.readValue();

  constructor(private readonly fallback: Packr) {}

  decode(bytes: Uint8Array): { records: unknown[]; timestamps: number[] | undefined } {
    this.src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = 0;
    this.end = bytes.byteLength;
    this.shapes.length = 0;
    try {
      const header = this.byte();
      if ((header & HEADER_MASK) !== FORMAT_VERSION) throw corrupt(`header byte 0x${header.toString(16)}`);
      const n = this.readVarUint();
      // Every record takes at least a byte: a count beyond that is garbage, not a reason to allocate.
      if (n > this.end - this.pos) throw corrupt(`a count of ${n} records in ${this.end} bytes`);
      const stringBytes = this.readVarUint();
      this.need(stringBytes);
      this.strings = stringBytes === 0 ? '' : this.src.toString('latin1', this.pos, this.pos + stringBytes);
      this.stringsPos = 0;
      this.pos += stringBytes;
      let timestamps: number[] | undefined;
      if ((header & HAS_TIMESTAMPS) !== 0) {
        this.need(n * 8);
        timestamps = new Array<number>(n);
        const view = this.view;
        for (let i = 0, p = this.pos; i < n; i++, p += 8) timestamps[i] = view.getFloat64(p, true);
        this.pos += n * 8;
      }
      const records = new Array<unknown>(n);
      for (let i = 0; i < n; i++) records[i] = this.readValue();
      if (this.pos !== this.end) throw corrupt(`${this.end - this.pos} bytes after the last record`);
      return { records, timestamps };
    } finally {
      this.src = EMPTY; // do not keep the last buffer alive
      this.strings = '';
      this.shapes.length = 0;
    }
  }

  private readValue(): unknown {
    const tag = this.byte();
    if (tag <= MAX_FIXINT) return tag;
    if (tag >= NEG_FIXINT) return tag - 0x100;
    if (tag >= SHAPE_INLINE) return this.shape(tag - SHAPE_INLINE)();
    if (tag >= ASCII_INLINE) return this.readAscii(tag - ASCII_INLINE);
    switch (tag) {
      case NULL:
        return null;
      case UNDEFINED:
        return undefined;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case INT32: {
        this.need(4);
        const v = this.view.getInt32(this.pos, true);
        this.pos += 4;
        return v;
      }
      case FLOAT64: {
        this.need(8);
        const v = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return v;
      }
      case UTF8: {
        const length = this.readUint32();
        this.need(length);
        const s = this.src.toString('utf8', this.pos, this.pos + length);
        this.pos += length;
        return s;
      }
      // Tuples such as [word, 1] as literals: exactly sized and packed (an empty array
      // growing by push() allocates room for 17 elements for two).
      case SHORT_ARRAY:
        return [];
      case SHORT_ARRAY + 1:
        return [this.readValue()];
      case SHORT_ARRAY + 2:
        return [this.readValue(), this.readValue()];
      case SHORT_ARRAY + 3:
        return [this.readValue(), this.readValue(), this.readValue()];
      case ARRAY: {
        const n = this.readVarUint();
        if (n > this.end - this.pos) throw corrupt(`an array of ${n} values in ${this.end - this.pos} bytes`);
        return this.readArray(n);
      }
      case SHAPE_DEF:
        return this.defineShape()();
      case SHAPE_REF:
        return this.shape(this.readVarUint())();
      case KEYED_OBJECT:
        return this.readKeyedObject();
      case MSGPACK: {
        const length = this.readUint32();
        this.need(length);
        let v: unknown;
        try {
          v = this.fallback.unpack(this.src.subarray(this.pos, this.pos + length));
        } catch (err) {
          // msgpackr's own errors (a value cut short, bytes after it) are a corrupt buffer too.
          throw corrupt(`embedded msgpack at byte ${this.pos}: ${err instanceof Error ? err.message : String(err)}`);
        }
        this.pos += length;
        return v;
      }
      default:
        throw corrupt(`tag 0x${tag.toString(16)} at byte ${this.pos - 1}`);
    }
  }

  /**
   * Short ASCII strings are cut from the string region (one call into C++ per buffer made
   * it a string; a substring that short is a copy, so it does not keep the region alive).
   * Longer ASCII strings come from a direct-mapped cache of the strings decoded before,
   * found by a hash of their bytes and checked byte by byte: a stream's strings (names,
   * cities, keys) repeat, and a hit allocates nothing and returns a string whose hash V8
   * already computed. A miss decodes the bytes and takes the slot.
   */
  private readAscii(length: number): string {
    if (length <= STRING_REGION_MAX) {
      const from = this.stringsPos;
      const to = from + length;
      if (to > this.strings.length) throw corrupt('a string beyond the string region');
      this.stringsPos = to;
      return this.strings.substring(from, to);
    }
    this.need(length);
    const src = this.src;
    const p = this.pos;
    const end = p + length;
    this.pos = end;
    if (length > CACHED_STRING_MAX) return src.toString('latin1', p, end);
    // The slot from the length and the first, middle and last four bytes (strings here have
    // at least 13): the byte-by-byte check below makes any collision harmless.
    const view = this.view;
    let h = Math.imul(view.getUint32(p, true) ^ length, 0x9e3779b1);
    h = Math.imul(h ^ view.getUint32(p + ((length - 4) >>> 1), true), 0x85ebca6b);
    h = Math.imul(h ^ view.getUint32(end - 4, true), 0xc2b2ae35);
    const slot = (h ^ (h >>> 16)) & (STRING_CACHE_SIZE - 1);
    const cached = this.stringCache[slot]!;
    if (cached.length === length) {
      let i = 0;
      while (i < length && cached.charCodeAt(i) === src[p + i]) i++;
      if (i === length) return cached;
    }
    const s = src.toString('latin1', p, end);
    this.stringCache[slot] = s;
    return s;
  }

  private readArray(n: number): unknown[] {
    const a = new Array<unknown>(n);
    for (let i = 0; i < n; i++) a[i] = this.readValue();
    return a;
  }

  private readKeyedObject(): Record<string, unknown> {
    const n = this.readVarUint();
    if (n > this.end - this.pos) throw corrupt(`an object of ${n} keys in ${this.end - this.pos} bytes`);
    const o: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const key = this.readValue();
      if (typeof key !== 'string') throw corrupt('an object key that is not a string');
      setField(o, key, this.readValue());
    }
    return o;
  }

  private shape(id: number): ShapeReader {
    const reader = this.shapes[id];
    if (reader === undefined) throw corrupt(`a reference to shape ${id}, of ${this.shapes.length} defined`);
    return reader;
  }

  private defineShape(): ShapeReader {
    const n = this.readVarUint();
    if (n > MAX_SHAPE_KEYS) throw corrupt(`a shape of ${n} keys (at most ${MAX_SHAPE_KEYS})`);
    const keys: string[] = [];
    for (let i = 0; i < n; i++) {
      const key = this.readValue();
      if (typeof key !== 'string') throw corrupt('a shape key that is not a string');
      keys.push(key);
    }
    const signature = keys.join('\u0000');
    let reader = this.readerCache.get(signature);
    if (reader === undefined) {
      reader = this.makeReader(keys);
      if (this.readerCache.size >= MAX_CACHED_SHAPES) this.readerCache.clear();
      this.readerCache.set(signature, reader);
    }
    this.shapes.push(reader);
    return reader;
  }

  private makeReader(keys: string[]): ShapeReader {
    // '__proto__' in an object literal would set the prototype, not a field.
    if (this.codegen && !keys.includes('__proto__')) {
      try {
        const literal = keys.map((k) => `${JSON.stringify(k)}: read()`).join(', ');
        return new Function('read', `return function readShape() { return { ${literal} }; };`)(this.read) as ShapeReader;
      } catch (err) {
        if (!(err instanceof EvalError)) throw err;
        this.codegen = false; // code generation from strings is disabled in this isolate
      }
    }
    const read = this.read;
    return () => {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) setField(o, keys[i]!, read());
      return o;
    };
  }

  private byte(): number {
    if (this.pos >= this.end) throw corrupt('a buffer that ends inside a value');
    return this.src[this.pos++]!;
  }

  private need(bytes: number): void {
    if (this.pos + bytes > this.end) throw corrupt('a buffer that ends inside a value');
  }

  private readUint32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  private readVarUint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
      if (shift > 35) throw corrupt('a length that does not end');
    }
  }
}


/** o[key] = value, also for '__proto__' (a field, never the prototype). */
function setField(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

function corrupt(what: string): SluiceError {
  return new SluiceError('INTERNAL', `corrupt network buffer: ${what}`);
}
