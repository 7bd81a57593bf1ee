import { AbstractOperator, type OperatorContext } from '../operators/operator';

const FLUSH_AT_CHARS = 64 * 1024;

/**
 * print(): one `JSON.stringify(record)` per line on the TaskManager's stdout, prefixed
 * `N> ` (1-based subtask) when the sink runs with parallelism above 1. Lines are buffered
 * and written in blocks: on size, on the task's buffer-timeout tick, and at end of input.
 */
export class PrintSinkOperator extends AbstractOperator {
  private prefix = '';
  private buffer = '';

  override open(ctx: OperatorContext): void {
    this.prefix = ctx.parallelism > 1 ? `${ctx.subtaskIndex + 1}> ` : '';
  }

  collect(record: unknown): void {
    this.buffer += this.prefix + JSON.stringify(record) + '\n';
    if (this.buffer.length >= FLUSH_AT_CHARS) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    process.stdout.write(this.buffer);
    this.buffer = '';
  }

  override endInput(): void {
    this.flush();
  }

  override close(): void {
    this.flush();
  }
}
