import type { Packr } from 'msgpackr';
import * as F from './batch-format';

// Module-local copies: the CommonJS build reads an imported binding through a getter at each use.
const { SHORT_ARRAY, SHORT_ARRAY_MAX, MAX_SHAPE_KEYS, KEYED_OBJECT, STRING_REGION_MAX, ARRAY, ASCII_INLINE, ASCII_INLINE_MAX, FALSE, FLOAT64, FORMAT_VERSION, HAS_TIMESTAMPS, INT32, MAX_FIXINT, MSGPACK, NULL, SHAPE_DEF, SHAPE_INLINE, SHAPE_INLINE_COUNT, SHAPE_REF, TRUE, UNDEFINED, UTF8 } = F;

/**
 * Writes network buffers in the batch format (batch-format.ts). One encoder per thread (the
 * codec's module state): it is not reentrant, and nothing it calls runs user code except
 * msgpackr for the rare exotic value.
 *
 * A plain object is written as its shape and its values. Finding the shape is the per-record
 * cost msgpackr pays with a walk of a key tree; here each nesting depth remembers the two
 * shapes it saw last, and an object is first compared with those guesses key by key (a for-in
 * over an object of a stable hidden class walks its enum cache: no allocation). Only a miss
 * walks the key tree. Records of a stream mostly have one or two shapes, so a guess mostly
 * holds.
 */

interface Shape {
  readonly keys: string[];
  /** The buffer that last used the shape, and its id there. */
  batch: number;
  id: number;
}

/** A node of the key tree: the shape whose keys are the path to it, and the longer ones. */
interface ShapeNode {
  shape: Shape | undefined;
  next: Map<string, ShapeNode> | undefined;
}

/**
 * Nodes of the key tree kept before it is dropped and rebuilt: objects used as dictionaries
 * (keys that are data) would otherwise grow it without bound.
 */
const MAX_NODES = 65_536;

const MAX_DEPTH_HINTS = 16;
const INITIAL_CAPACITY = 64 * 1024;
/** A buffer grown past this for one huge batch is not kept for the next ones. */
const MAX_KEPT_CAPACITY = 4 * 1024 * 1024;

export class BatchEncoder {
  private buf: Buffer = Buffer.allocUnsafeSlow(INITIAL_CAPACITY);
  private view: DataView = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  private pos = 0;
  /** The string region, written next to the values and put before them at the end. */
  private strings: Buffer = Buffer.allocUnsafeSlow(INITIAL_CAPACITY);
  private stringsPos = 0;
  private readonly head = new Uint8Array(16);
  private root: ShapeNode = { shape: undefined, next: undefined };
  private nodeCount = 0;
  private batch = 0;
  private nextShapeId = 0;
  private depth = 0;
  private readonly hints: (Shape | undefined)[] = new Array<Shape | undefined>(2 * MAX_DEPTH_HINTS).fill(undefined);

  /** @param fallback encodes values the format has no tag for (one msgpack value each). */
  constructor(private readonly fallback: Packr) {}

  /** Encodes the records (and their timestamp column) into a new, exactly sized Uint8Array. */
  encode(records: readonly unknown[], timestamps: readonly number[] | undefined): Uint8Array {
    this.pos = 0;
    this.stringsPos = 0;
    this.depth = 0;
    this.nextShapeId = 0;
    this.batch++;
    const n = records.length;
    if (timestamps !== undefined) {
      this.ensure(n * 8);
      const view = this.view;
      let p = this.pos;
      for (let i = 0; i < n; i++, p += 8) view.setFloat64(p, timestamps[i]!, true);
      this.pos = p;
    }
    for (let i = 0; i < n; i++) this.writeValue(records[i]);
    // A new array: the caller owns it (a peer link transfers its ArrayBuffer), and the next
    // batch reuses this encoder's buffers.
    const head = this.head;
    let h = 0;
    head[h++] = timestamps === undefined ? FORMAT_VERSION : FORMAT_VERSION | HAS_TIMESTAMPS;
    h = writeVarUint(head, h, n);
    h = writeVarUint(head, h, this.stringsPos);
    const bytes = new Uint8Array(h + this.stringsPos + this.pos);
    bytes.set(head.subarray(0, h), 0);
    bytes.set(this.strings.subarray(0, this.stringsPos), h);
    bytes.set(this.buf.subarray(0, this.pos), h + this.stringsPos);
    if (this.buf.length > MAX_KEPT_CAPACITY) this.setBuffer(Buffer.allocUnsafeSlow(INITIAL_CAPACITY));
    if (this.strings.length > MAX_KEPT_CAPACITY) this.strings = Buffer.allocUnsafeSlow(INITIAL_CAPACITY);
    return bytes;
  }

  private writeValue(v: unknown): void {
    switch (typeof v) {
      case 'number':
        this.writeNumber(v);
        return;
      case 'string':
        this.writeString(v);
        return;
      case 'object':
        if (v === null) this.writeByte(NULL);
        else if (v.constructor === Object) this.writeObject(v as Record<string, unknown>);
        else if (v.constructor === Array) this.writeArray(v as unknown[]);
        else this.writeMsgpack(v);
        return;
      case 'boolean':
        this.writeByte(v ? TRUE : FALSE);
        return;
      case 'undefined':
        this.writeByte(UNDEFINED);
        return;
      default:
        this.writeMsgpack(v);
    }
  }

  private writeNumber(v: number): void {
    this.ensure(9);
    const buf = this.buf;
    if ((v | 0) === v) {
      if (v >= 0 && v <= MAX_FIXINT) buf[this.pos++] = v;
      else if (v < 0 && v >= -32) buf[this.pos++] = v + 0x100;
      else {
        buf[this.pos] = INT32;
        this.view.setInt32(this.pos + 1, v, true);
        this.pos += 5;
      }
    } else {
      buf[this.pos] = FLOAT64;
      this.view.setFloat64(this.pos + 1, v, true);
      this.pos += 9;
    }
  }

  /**
   * ASCII strings of up to STRING_REGION_MAX characters go to the string region (the
   * decoder turns the region into one string and cuts them from it), other ASCII strings of
   * up to ASCII_INLINE_MAX are inline, and the rest are UTF-8 with a length.
   */
  private writeString(s: string): void {
    const length = s.length;
    if (length <= ASCII_INLINE_MAX) {
      const inRegion = length <= STRING_REGION_MAX;
      let target: Buffer;
      let start: number;
      if (inRegion) {
        if (this.stringsPos + length > this.strings.length) this.growStrings(length);
        target = this.strings;
        start = this.stringsPos;
      } else {
        this.ensure(length + 1);
        target = this.buf;
        start = this.pos + 1;
      }
      let i = 0;
      for (; i < length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        target[start + i] = c;
      }
      if (i === length) {
        this.writeByte(ASCII_INLINE + length);
        if (inRegion) this.stringsPos += length;
        else this.pos += length;
        return;
      }
    }
    this.ensure(length * 3 + 5);
    const written = this.buf.write(s, this.pos + 5, 'utf8');
    this.buf[this.pos] = UTF8;
    this.view.setUint32(this.pos + 1, written, true);
    this.pos += 5 + written;
  }

  private writeArray(a: unknown[]): void {
    const n = a.length;
    this.ensure(6);
    if (n <= SHORT_ARRAY_MAX) this.buf[this.pos++] = SHORT_ARRAY + n;
    else {
      this.buf[this.pos++] = ARRAY;
      this.writeVarUint(n);
    }
    this.depth++;
    for (let i = 0; i < n; i++) this.writeValue(a[i]);
    this.depth--;
  }

  private writeObject(o: Record<string, unknown>): void {
    const depth = this.depth;
    let shape: Shape;
    if (depth < MAX_DEPTH_HINTS) {
      // The two shapes last seen at this depth: streams of two alternating shapes (the two
      // inputs of a join, an event and its nested entity) still hit.
      const hints = this.hints;
      const first = hints[2 * depth];
      const second = hints[2 * depth + 1];
      if (first !== undefined && hasKeys(o, first.keys)) shape = first;
      else {
        const found = second !== undefined && hasKeys(o, second.keys) ? second : this.lookUp(o);
        if (found === undefined) return this.writeKeyedObject(o);
        // The shape just used becomes the first guess, the previous first the second.
        shape = found;
        hints[2 * depth + 1] = first;
        hints[2 * depth] = shape;
      }
    } else {
      const found = this.lookUp(o);
      if (found === undefined) return this.writeKeyedObject(o);
      shape = found;
    }
    this.ensure(6);
    if (shape.batch === this.batch) {
      if (shape.id < SHAPE_INLINE_COUNT) this.buf[this.pos++] = SHAPE_INLINE + shape.id;
      else {
        this.buf[this.pos++] = SHAPE_REF;
        this.writeVarUint(shape.id);
      }
    } else {
      shape.batch = this.batch;
      shape.id = this.nextShapeId++;
      this.buf[this.pos++] = SHAPE_DEF;
      const keys = shape.keys;
      this.writeVarUint(keys.length);
      for (let i = 0; i < keys.length; i++) this.writeString(keys[i]!);
    }
    this.depth = depth + 1;
    for (const key in o) this.writeValue(o[key]);
    this.depth = depth;
  }

  /**
   * An object with more keys than a shape may have (a dictionary, most likely): its keys and
   * values in turn, and no shape for it in the tree or in the decoder's cache.
   */
  private writeKeyedObject(o: Record<string, unknown>): void {
    let n = 0;
    for (const _ in o) n++;
    this.ensure(6);
    this.buf[this.pos++] = KEYED_OBJECT;
    this.writeVarUint(n);
    const depth = this.depth;
    this.depth = depth + 1;
    for (const key in o) {
      this.writeString(key);
      this.writeValue(o[key]);
    }
    this.depth = depth;
  }

  /** The shape of `o` from the key tree, added if new; undefined if it has too many keys for one. */
  private lookUp(o: Record<string, unknown>): Shape | undefined {
    let node = this.root;
    let count = 0;
    for (const key in o) {
      if (++count > MAX_SHAPE_KEYS) return undefined;
      let next = node.next?.get(key);
      if (next === undefined) {
        if (++this.nodeCount > MAX_NODES) this.dropTree();
        next = { shape: undefined, next: undefined };
        (node.next ??= new Map()).set(key, next);
      }
      node = next;
    }
    if (node.shape !== undefined) return node.shape;
    // The keys as for-in sees them: the values are written in that order (writeObject).
    const keys: string[] = [];
    for (const key in o) keys.push(key);
    const shape: Shape = { keys, batch: 0, id: 0 };
    node.shape = shape;
    return shape;
  }

  /**
   * Starts a new key tree. Always safe: shapes are numbered per buffer, and a shape already
   * used in this buffer stays valid for its objects (the node that found it is just gone).
   */
  private dropTree(): void {
    this.root = { shape: undefined, next: undefined };
    this.nodeCount = 0;
    this.hints.fill(undefined);
  }

  private writeMsgpack(v: unknown): void {
    const bytes = this.fallback.pack(v);
    this.ensure(bytes.byteLength + 5);
    this.buf[this.pos] = MSGPACK;
    this.view.setUint32(this.pos + 1, bytes.byteLength, true);
    this.buf.set(bytes, this.pos + 5);
    this.pos += 5 + bytes.byteLength;
  }

  private writeByte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** LEB128; callers ensured 5 bytes. */
  private writeVarUint(n: number): void {
    this.pos = writeVarUint(this.buf, this.pos, n);
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes > this.buf.length) this.grow(bytes);
  }

  private grow(bytes: number): void {
    let capacity = this.buf.length * 2;
    while (capacity < this.pos + bytes) capacity *= 2;
    const next = Buffer.allocUnsafeSlow(capacity);
    this.buf.copy(next, 0, 0, this.pos);
    this.setBuffer(next);
  }

  private growStrings(bytes: number): void {
    let capacity = this.strings.length * 2;
    while (capacity < this.stringsPos + bytes) capacity *= 2;
    const next = Buffer.allocUnsafeSlow(capacity);
    this.strings.copy(next, 0, 0, this.stringsPos);
    this.strings = next;
  }

  private setBuffer(buf: Buffer): void {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
}

function writeVarUint(buf: Uint8Array, pos: number, n: number): number {
  while (n >= 0x80) {
    buf[pos++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  buf[pos++] = n;
  return pos;
}

/** True if `o`'s own enumerable keys are exactly `keys`, in order. */
function hasKeys(o: Record<string, unknown>, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in o) {
    if (key !== keys[i]) return false;
    i++;
  }
  return i === keys.length;
}
