// A keyed process function that declares its state in open(): a running count per key (value
// state) and the last value seen (list state). --count-kind map declares 'count' as map state
// instead (a changed state descriptor); --lazy obtains the state in processElement, where a
// dry run cannot see it. Failures are final (no restarts), so a refused restore ends the job.
import { FileSink } from 'sluice';

export default function (env, params) {
  env.enableCheckpointing(300);
  env.setRestartStrategy({ type: 'none' });
  const asMap = params.get('count-kind', 'value') === 'map';
  const lazy = params.has('lazy');
  const states = (ctx) => ({ count: asMap ? ctx.getMapState('count') : ctx.getValueState('count'), recent: ctx.getListState('recent') });
  env
    .datagen({ count: params.getNumber('count', 30000), rowsPerSecond: params.getNumber('rate', 2000), fn: (i) => [`k${i % 10}`, i] })
    .uid('source')
    .keyBy((r) => r[0])
    .process({
      open(ctx) {
        if (!lazy) this.states = states(ctx);
      },
      processElement(r, ctx, out) {
        const s = this.states ?? states(ctx);
        const n = (asMap ? s.count.get('n') : s.count.value()) ?? 0;
        if (asMap) s.count.put('n', n + 1);
        else s.count.update(n + 1);
        s.recent.clear();
        s.recent.add(r[1]);
        out.collect([r[0], n + 1]);
      },
    })
    .uid('counter')
    .sinkTo(FileSink.forRowFormat(params.get('output')))
    .uid('sink');
}
