import { AbstractOperator, type OperatorContext } from '../operators/operator';
import type { Sink, SinkWriter } from '../../api/sinks/sink';

/** sinkTo(sink) with a user-defined Sink: a writer per subtask. */
export class CustomSinkOperator extends AbstractOperator {
  private writer!: SinkWriter<unknown>;

  constructor(
    name: string,
    private readonly sink: Sink<unknown>,
  ) {
    super(name);
  }

  override open(ctx: OperatorContext): void {
    this.writer = this.sink.createWriter({ subtaskIndex: ctx.subtaskIndex, parallelism: ctx.parallelism });
  }

  collect(record: unknown): void {
    this.writer.write(record);
  }

  override async endInput(): Promise<void> {
    await this.writer.flush?.(true);
  }

  override async close(): Promise<void> {
    await this.writer?.close?.();
  }
}
