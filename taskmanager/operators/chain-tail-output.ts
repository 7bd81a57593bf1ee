import { DISCARDING_OUTPUT, type Output } from './operator';

/** Fans out to several outputs (several edges consuming the same stream). */
class FanOut implements Output {
  constructor(private readonly outputs: Output[]) {}
  collect(record: unknown): void {
    for (let i = 0; i < this.outputs.length; i++) this.outputs[i].collect(record);
  }
  emitWatermark(timestamp: number): void {
    for (let i = 0; i < this.outputs.length; i++) this.outputs[i].emitWatermark(timestamp);
  }
  emitWatermarkStatus(idle: boolean): void {
    for (let i = 0; i < this.outputs.length; i++) this.outputs[i].emitWatermarkStatus?.(idle);
  }
}

function fanOut(outputs: Output[]): Output {
  return outputs.length === 0 ? DISCARDING_OUTPUT : outputs.length === 1 ? outputs[0] : new FanOut(outputs);
}

/**
 * The end of a chain whose tail has side-output consumers (or whose watermarks are
 * observed): main records go to the main writers, `collectSide(tag, r)` to the writers of
 * that tag's edges, watermarks and idleness to all of them.
 */
class ChainTailOutput implements Output {
  constructor(
    private readonly main: Output,
    private readonly sides: Map<string, Output>,
    private readonly all: Output[],
    private readonly onWatermark: ((timestamp: number) => void) | undefined,
  ) {}

  collect(record: unknown): void {
    this.main.collect(record);
  }

  collectSide(tag: string, record: unknown): void {
    this.sides.get(tag)?.collect(record);
  }

  emitWatermark(timestamp: number): void {
    this.onWatermark?.(timestamp);
    for (let i = 0; i < this.all.length; i++) this.all[i].emitWatermark(timestamp);
  }

  emitWatermarkStatus(idle: boolean): void {
    for (let i = 0; i < this.all.length; i++) this.all[i].emitWatermarkStatus?.(idle);
  }
}

/**
 * The Output at the end of a chain, from its record writers and the side-output tag of each
 * one's edge ('' for the main output). Without side outputs and watermark observer this is
 * the writer itself (or a plain fan-out), so the common path pays no indirection.
 */
export function createChainTail(writers: readonly Output[], tags: readonly string[], onWatermark?: (timestamp: number) => void): Output {
  const main: Output[] = [];
  const sides = new Map<string, Output[]>();
  writers.forEach((w, i) => {
    const tag = tags[i] ?? '';
    if (tag === '') main.push(w);
    else {
      let list = sides.get(tag);
      if (!list) sides.set(tag, (list = []));
      list.push(w);
    }
  });
  if (sides.size === 0 && !onWatermark) return fanOut(main);
  const sideOutputs = new Map<string, Output>();
  for (const [tag, list] of sides) sideOutputs.set(tag, fanOut(list));
  return new ChainTailOutput(fanOut(main), sideOutputs, [...writers], onWatermark);
}

/** What wiring needs of a vertex's operators and of its output edges. */
export interface ChainShape {
  /** The vertex's operators in chain order (a parent before its children); `chainInput` absent: the head, or the previous operator (linear chains built without it). */
  operators: ReadonlyArray<{ id: number; chainInput?: number }>;
  /** Per output writer: the operator emitting into its edge (absent: the chain's last) and its side-output tag. */
  outputs: ReadonlyArray<{ sourceOperatorId?: number; sideOutputTag: string }>;
}

/**
 * The Output of every operator of a chain, by its index in the vertex: a chain is a tree (an
 * operator may feed several chained operators and edges), so each operator's output fans out
 * to its chained children (in chain order, by reference) and to the writers of the edges it
 * emits into. `chained[i]` is the operator object at vertex index i (undefined for a source,
 * which is not an Output). Leaves report watermarks to `onWatermark`.
 */
export function wireChain(shape: ChainShape, chained: ReadonlyArray<Output | undefined>, writers: readonly Output[], onWatermark?: (timestamp: number) => void): Output[] {
  const ops = shape.operators;
  const indexOf = new Map<number, number>();
  ops.forEach((op, i) => indexOf.set(op.id, i));
  const children: Output[][] = ops.map(() => []);
  ops.forEach((op, i) => {
    if (i === 0) return;
    const parent = op.chainInput === undefined ? i - 1 : indexOf.get(op.chainInput);
    if (parent === undefined || parent >= i) throw new Error(`operator ${op.id} is chained to ${op.chainInput}, which is not before it in its chain`);
    children[parent].push(chained[i]!);
  });
  const edgeWriters: Output[][] = ops.map(() => []);
  const edgeTags: string[][] = ops.map(() => []);
  shape.outputs.forEach((out, w) => {
    const from = out.sourceOperatorId === undefined ? ops.length - 1 : indexOf.get(out.sourceOperatorId);
    if (from === undefined) throw new Error(`an output edge is emitted by operator ${out.sourceOperatorId}, which is not in this chain`);
    edgeWriters[from].push(writers[w]);
    edgeTags[from].push(out.sideOutputTag);
  });
  return ops.map((_, i) => {
    const outs = [...children[i], ...edgeWriters[i]];
    const tags = [...children[i].map(() => ''), ...edgeTags[i]];
    return createChainTail(outs, tags, children[i].length === 0 ? onWatermark : undefined);
  });
}
