// Nexmark q8, monitor new users: persons who opened an auction in the same 10 s tumbling
// window in which they registered.
//   SELECT P.id, P.name, P.starttime
//   FROM (SELECT id, name, window_start AS starttime, window_end AS endtime
//         FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))
//         GROUP BY id, name, window_start, window_end) P
//   JOIN (SELECT seller, window_start AS starttime, window_end AS endtime
//         FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))
//         GROUP BY seller, window_start, window_end) A
//   ON P.id = A.seller AND P.starttime = A.starttime AND P.endtime = A.endtime;
// Output { id, name, stime }. Both sides are grouped per window, so each (person, window)
// joins at most once: the row is emitted as soon as both sides have been seen in the window
// (append-only), and the window's state is dropped when the watermark passes its end.
// State per (person id, window start), one small value: the person's name while no auction
// of theirs was seen, SOLD when an auction was and the person not yet, EMITTED once joined.
// Later auctions of a window already SOLD or EMITTED change nothing (not even the state).
import { nexmarkEvents, nexmarkSink } from './nexmark-job.js';

const SIZE = 10_000;
const SOLD = 1;
const EMITTED = 0;

export default function (env, params) {
  const events = nexmarkEvents(env, params);
  const persons = events
    .filter((e) => e.event_type === 0)
    .map(({ person: p }) => ({ id: p.id, name: p.name, start: p.dateTime - (p.dateTime % SIZE) }))
    .uid('q8-persons');
  const sellers = events
    .filter((e) => e.event_type === 1)
    .map(({ auction: a }) => ({ seller: a.seller, start: a.dateTime - (a.dateTime % SIZE) }))
    .uid('q8-sellers');
  const joined = persons
    .connect(sellers)
    .keyBy((p) => p.id, (a) => a.seller)
    .process({
      processElement1(p, ctx, out) {
        const windows = ctx.getMapState('windows');
        const w = windows.get(p.start);
        if (w === undefined) {
          ctx.timerService().registerEventTimeTimer(p.start + SIZE - 1);
          windows.put(p.start, p.name);
        } else if (w === SOLD) {
          out.collect({ id: p.id, name: p.name, stime: p.start });
          windows.put(p.start, EMITTED);
        } else if (w !== EMITTED) windows.put(p.start, p.name);
      },
      processElement2(a, ctx, out) {
        const windows = ctx.getMapState('windows');
        const w = windows.get(a.start);
        if (w === undefined) {
          ctx.timerService().registerEventTimeTimer(a.start + SIZE - 1);
          windows.put(a.start, SOLD);
        } else if (typeof w === 'string') {
          out.collect({ id: a.seller, name: w, stime: a.start });
          windows.put(a.start, EMITTED);
        }
      },
      onTimer(ts, ctx) {
        ctx.getMapState('windows').remove(ts + 1 - SIZE);
      },
    })
    .uid('q8-join');
  nexmarkSink(joined, params);
}
