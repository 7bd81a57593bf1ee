// Every Nexmark event as { event_type, person, auction, bid, dateTime } (nexmark's datagen table).
import { nexmarkEvents, nexmarkSink } from './nexmark-job.js';

export default function (env, params) {
  nexmarkSink(nexmarkEvents(env, params), params);
}
