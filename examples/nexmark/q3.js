// Nexmark q3, local item suggestion:
//   SELECT P.name, P.city, P.state, A.id
//   FROM auction AS A INNER JOIN person AS P on A.seller = P.id
//   WHERE A.category = 10 and (P.state = 'OR' OR P.state = 'ID' OR P.state = 'CA');
// A regular inner join of two insert-only inputs is insert-only: each matching pair is emitted
// once, when its second side arrives. Both sides are kept (persons forever, auctions until
// their seller arrives), as Flink's regular join keeps its inputs.
import { nexmarkEvents, nexmarkSink } from './nexmark-job.js';

export default function (env, params) {
  const events = nexmarkEvents(env, params);
  const persons = events
    .filter((e) => e.event_type === 0 && (e.person.state === 'OR' || e.person.state === 'ID' || e.person.state === 'CA'))
    .map(({ person: p }) => ({ id: p.id, name: p.name, city: p.city, state: p.state }))
    .uid('q3-persons');
  const auctions = events
    .filter((e) => e.event_type === 1 && e.auction.category === 10)
    .map(({ auction: a }) => ({ id: a.id, seller: a.seller }))
    .uid('q3-auctions');
  const joined = persons
    .connect(auctions)
    .keyBy((p) => p.id, (a) => a.seller)
    .process({
      processElement1(p, ctx, out) {
        ctx.getValueState('person').update(p);
        const waiting = ctx.getListState('auctions');
        for (const id of waiting.get()) out.collect({ name: p.name, city: p.city, state: p.state, id });
        waiting.clear();
      },
      processElement2(a, ctx, out) {
        const p = ctx.getValueState('person').value();
        if (p) out.collect({ name: p.name, city: p.city, state: p.state, id: a.id });
        else ctx.getListState('auctions').add(a.id);
      },
    })
    .uid('q3-join');
  nexmarkSink(joined, params);
}
