// Late data: punctuated watermarks (each event moves event time to its timestamp - 1), a
// 1 s tumbling window with 1 s allowed lateness, and later data to a side output.
import { FileSink, OutputTag, WatermarkStrategy, TumblingEventTimeWindows } from 'sluice';

export const EVENTS = [
  ['a', 1000, 1],
  ['b', 1200, 2],
  ['a', 1500, 4],
  ['a', 2500, 8], // event time 2499: [1000, 2000) fires (a = 5, b = 2)
  ['a', 1800, 16], // late but within the lateness: [1000, 2000) of a fires again (21)
  ['b', 3100, 32], // event time 3099: [1000, 2000) is cleaned up (cleanup at 2999)
  ['a', 1900, 64], // too late: side output
  ['b', 2100, 128], // late, within lateness of [2000, 3000): fires that window for b
];

export default function (env, params) {
  env.setParallelism(2);
  const late = new OutputTag('late');
  const punctuated = WatermarkStrategy.forGenerator(() => {
    let max = -Infinity;
    return {
      onEvent: (e, ts, out) => {
        max = Math.max(max, ts);
        out.emitWatermark(max - 1);
      },
      onPeriodicEmit: () => {},
    };
  }).withTimestampAssigner((e) => e[1]);
  const results = env
    .fromCollection(EVENTS)
    .uid('events')
    .assignTimestampsAndWatermarks(punctuated)
    .setParallelism(1) // chained to the (non-parallel) source: one deterministic watermark sequence
    .keyBy((e) => e[0])
    .window(TumblingEventTimeWindows.of(1000))
    .allowedLateness(1000)
    .sideOutputLateData(late)
    .sum(2)
    .uid('windows');
  results.sinkTo(FileSink.forRowFormat(params.get('output'))).uid('sink');
  results.getSideOutput(late).sinkTo(FileSink.forRowFormat(params.get('late'))).uid('late-sink');
}
