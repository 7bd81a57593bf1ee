// Keyed process function with event-time and processing-time timers, plus a tumbling window,
// over out-of-order events; optionally checkpointed (exactly-once FileSink) for kill -9 and
// savepoint tests (--parallelism to restore at another one).
// Timers: every element registers one at ts + 500 that emits the sum of the key's values with
// timestamps in [T - 500, T]; a processing-time timer per key emits ['ptimer', key] once.
import { FileSink, WatermarkStrategy, TumblingEventTimeWindows, ListStateDescriptor, ValueStateDescriptor } from 'sluice';
import { eventAt, DISORDER } from './lib/window-events';

const seen = new ListStateDescriptor('seen');
const ptimer = new ValueStateDescriptor('ptimer-set', false);

export default function (env, params) {
  env.setParallelism(params.getNumber('parallelism', 2));
  if (params.has('checkpoint')) env.enableCheckpointing(params.getNumber('checkpoint', 300));
  const keyed = env
    .datagen({ count: params.getNumber('count', 6000), rowsPerSecond: params.getNumber('rate', 3000), fn: eventAt })
    .uid('events')
    .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(DISORDER).withTimestampAssigner((e) => e[1]))
    .uid('timestamps')
    .keyBy((e) => e[0]);
  keyed
    .process({
      processElement(e, ctx) {
        ctx.getListState(seen).add([e[1], e[2]]);
        ctx.timerService().registerEventTimeTimer(e[1] + 500);
        const flag = ctx.getValueState(ptimer);
        if (!flag.value()) {
          flag.update(true);
          ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 100);
        }
      },
      onTimer(ts, ctx, out) {
        if (ctx.timeDomain() === 'PROCESSING_TIME') {
          out.collect(['ptimer', ctx.getCurrentKey()]);
          return;
        }
        const list = ctx.getListState(seen);
        let sum = 0;
        for (const [t, v] of list.get()) if (t >= ts - 500 && t <= ts) sum += v;
        out.collect([ctx.getCurrentKey(), ts, sum]);
        // later timers (T' >= ts) need only elements at or after ts - 500
        list.update(list.get().filter(([t]) => t >= ts - 500));
      },
    })
    .uid('timers')
    .sinkTo(FileSink.forRowFormat(params.get('output')))
    .uid('timer-sink');
  keyed
    .window(TumblingEventTimeWindows.of(1000))
    .sum(2)
    .uid('window')
    .sinkTo(FileSink.forRowFormat(params.get('windows')))
    .uid('window-sink');
}
