import type { Output, OperatorContext } from '../operators/operator';
import type { SourceReader, PollResult } from './source-reader';

/** fromElements / fromCollection: non-parallel, emits the job's own values in order. */
export class CollectionSourceReader implements SourceReader {
  private position = 0;
  constructor(private readonly values: readonly unknown[]) {}
  open(ctx: OperatorContext): void {
    const restored = ctx.restoredOperatorState()?.splits as Array<{ position: number }> | undefined;
    if (restored && restored.length > 0) this.position = restored[0].position;
  }
  pollNext(out: Output, max: number): PollResult {
    const end = Math.min(this.values.length, this.position + max);
    for (let i = this.position; i < end; i++) out.collect(this.values[i]);
    this.position = end;
    return this.position >= this.values.length ? 'end' : 'more';
  }
  snapshotState(): unknown[] {
    return [{ position: this.position }];
  }
  close(): void {}
}
