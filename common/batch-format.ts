/**
 * The byte format of a network buffer of records (common/record-codec.ts). One buffer is
 *
 *   header    1 byte: FORMAT_VERSION, plus HAS_TIMESTAMPS when an event-time column follows
 *   count     varuint: records in the buffer
 *   strings   varuint length, then the bytes of the buffer's short ASCII strings, in order
 *   column    count x float64 LE, the records' timestamps (only with HAS_TIMESTAMPS)
 *   records   count values
 *
 * and a value is one tag byte and what the tag says. Objects of one shape (the same keys in
 * the same order, as a stream's records mostly are) are written as a shape reference and
 * their values: the first object of a shape in the buffer defines the shape (its keys) once.
 * Shapes are numbered per buffer and nothing is shared across buffers or connections, so a
 * buffer decodes on its own, in any order, after any reconnect or restore.
 *
 * Why not msgpack: msgpackr's generic encoder spent 220-290 ns per record on Nexmark's
 * 3-field bids (its per-key transition walk and per-value dispatch); this format is written
 * by a few tight functions with a per-depth guess of the shape (see batch-encoder.ts).
 */
export const FORMAT_VERSION = 0xb0;
export const HAS_TIMESTAMPS = 0x01;
export const HEADER_MASK = 0xfe;

/** 0x00-0x7f: the integer itself. */
export const MAX_FIXINT = 0x7f;
export const NULL = 0x80;
export const UNDEFINED = 0x81;
export const FALSE = 0x82;
export const TRUE = 0x83;
/** int32 LE follows. */
export const INT32 = 0x84;
/** float64 LE follows. */
export const FLOAT64 = 0x85;
/** uint32 LE byte length and UTF-8 bytes follow. */
export const UTF8 = 0x86;
/** varuint length and that many values follow. */
export const ARRAY = 0x87;
/** A new shape (the buffer's next id): varuint key count, the keys as values, then its values. */
export const SHAPE_DEF = 0x88;
/** Keys of the largest shape; objects with more are written as KEYED_OBJECT. */
export const MAX_SHAPE_KEYS = 64;
/** varuint shape id (>= SHAPE_INLINE_COUNT), then the object's values. */
export const SHAPE_REF = 0x89;
/** uint32 LE byte length, then the value in msgpack (msgpackr): Dates, bytes, Maps, class instances... */
export const MSGPACK = 0x8a;
/** An object of too many keys for a shape: varuint key count, then each key (a string value) and its value. */
export const KEYED_OBJECT = 0x8b;
/** 0x8c-0x8f: an array of 0-3 values (tuples), the values follow. */
export const SHORT_ARRAY = 0x8c;
export const SHORT_ARRAY_MAX = 3;
/**
 * 0x90-0xbf: an ASCII string of 0-47 bytes. Up to STRING_REGION_MAX bytes they are the next
 * ones of the string region (decoded as one string per buffer, and cut from it: a copy for
 * strings that short, never a slice that would keep the region alive); longer ones follow.
 */
export const ASCII_INLINE = 0x90;
export const ASCII_INLINE_MAX = 47;
export const STRING_REGION_MAX = 12;
/** 0xc0-0xdf: an object of shape 0-31, its values follow. */
export const SHAPE_INLINE = 0xc0;
export const SHAPE_INLINE_COUNT = 32;
/** 0xe0-0xff: the integers -32 to -1. */
export const NEG_FIXINT = 0xe0;
