// A checkpointed job whose map throws on one record: with the default restart strategy it
// restarts, fails on the same record again, and gives up after 3 identical user errors.
export default function (env) {
  env.enableCheckpointing(200);
  env
    .datagen({ count: 5000, rowsPerSecond: 2000, fn: (i) => i })
    .uid('numbers')
    .map((n) => {
      if (n === 700) throw new RangeError('bad record 700');
      return n;
    })
    .uid('checked')
    .print();
}
