// What every Nexmark job file shares: the arguments, the source with its watermarks, and the
// sink. Arguments (after the job file):
//   --events N          events in total (omit for an unbounded stream)
//   --rate R            events per second of event time (default 10,000,000, nexmark's)
//   --seed S            generator seed (default 0)
//   --pace              emit at the rate in processing time too (default: as fast as possible)
//   --output DIR        an exactly-once FileSink into DIR (default: a sink that discards)
//   --checkpoint-interval MS   exactly-once checkpoints (default 10000; 0 turns them off)
//   --buffer-timeout MS network buffer timeout (default 100)
// Parallelism comes from stream-submit's -p.
import { NexmarkSource, WatermarkStrategy, FileSink } from 'sluice';

export function nexmarkEvents(env, params) {
  const interval = params.getNumber('checkpoint-interval', 10_000);
  if (interval > 0) env.enableCheckpointing(interval, 'exactly-once');
  if (params.has('buffer-timeout')) env.setBufferTimeout(params.getNumber('buffer-timeout'));
  const source = new NexmarkSource({
    events: params.has('events') ? params.getNumber('events') : undefined,
    rate: params.getNumber('rate', 10_000_000),
    seed: params.getNumber('seed', 0),
    pace: params.has('pace'),
  });
  // Watermarks trail event time by 4 s, as in nexmark's datagen table.
  const watermarks = WatermarkStrategy.forBoundedOutOfOrderness(4_000).withTimestampAssigner((event) => event.dateTime);
  return env.fromSource(source, watermarks, 'Nexmark Source').uid('nexmark-source');
}

export function nexmarkSink(stream, params) {
  const sink = params.has('output') ? FileSink.forRowFormat(params.get('output')) : { createWriter: () => ({ write() {} }) };
  return stream.sinkTo(sink).name(params.has('output') ? 'File Sink' : 'Discarding Sink').uid('nexmark-sink');
}
