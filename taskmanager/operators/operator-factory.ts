import type { OperatorDescriptor } from '../../proto/messages';
import type { StreamOperator } from './operator';
import { MapOperator, FilterOperator, FlatMapOperator, ProcessOperator } from './basic-operators';
import { KeyedRollingOperator } from './keyed-rolling-operator';
import { createTimeOperator } from './time-operator-factory';
import { PrintSinkOperator } from '../sinks/print-sink-operator';
import { SinkWriterOperator } from '../sinks/sink-writer-operator';
import type { SourceReader } from '../sources/source-reader';
import { SocketSourceReader } from '../sources/socket-source-reader';
import type { Sink } from '../../api/connector/sink';
import type { ProcessFunction } from '../../api/functions';
import { SluiceError } from '../../common/errors';
import { parseOperatorConfig } from '../../common/operator-config';

type Fn = (...args: unknown[]) => unknown;

/** Creates the source reader of a source operator, bound to the user's function. */
export function createSourceReader(op: OperatorDescriptor, fn: unknown): SourceReader {
  switch (op.kind) {
    case 'source.socket': {
      const c = parseOperatorConfig(op, 'source.socket');
      return new SocketSourceReader(c.host, c.port);
    }
    default:
      throw new SluiceError('INTERNAL', `unknown source kind '${op.kind}'`);
  }
}

/** Creates a (non-source) operator of a chain. */
export interface OperatorEnvironment {
  /** Checkpointing is on: two-phase-commit sinks pre-commit and commit with checkpoints. */
  checkpointing: boolean;
}

export function createOperator(op: OperatorDescriptor, fn: unknown, env: OperatorEnvironment = { checkpointing: false }): StreamOperator {
  switch (op.kind) {
    case 'map':
      return new MapOperator(op.name, fn as Fn);
    case 'flatMap':
      return new FlatMapOperator(op.name, fn as (v: unknown) => Iterable<unknown>);
    case 'filter':
      return new FilterOperator(op.name, fn as (v: unknown) => boolean);
    case 'process':
      return new ProcessOperator(op.name, fn as ProcessFunction<unknown, unknown>);
    case 'keyed.reduce': {
      const c = parseOperatorConfig(op, 'keyed.reduce');
      return new KeyedRollingOperator(op.name, c.aggregation, c.field, c.keySelectorId, fn);
    }
    case 'sink.print':
      return new PrintSinkOperator(op.name);
    case 'sink.file':
    case 'sink.custom':
      return new SinkWriterOperator(op.name, fn as Sink<unknown>, env.checkpointing);
    default: {
      const timeOperator = createTimeOperator(op, fn);
      if (timeOperator) return timeOperator;
      throw new SluiceError('INTERNAL', `unknown operator kind '${op.kind}'`);
    }
  }
}
