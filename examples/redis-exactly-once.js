// A transactional sink written against the Sink API (docs/connectors.md): records go into a
// Redis list exactly once, across failures and restores.
//
//   stream-submit examples/redis-exactly-once.js --redis redis://127.0.0.1:6379/0 --key out
//
// Each subtask's records between two checkpoint barriers are one transaction. On the barrier
// the writer pre-commits: it hands the buffered records over as a committable (they travel in
// the checkpoint). When the checkpoint completes, the committer commits them with one Lua
// script that first sets a marker for the transaction and appends only if the marker was not
// there: committing again (after a restore, the engine re-commits the restored checkpoint's
// committables) changes nothing. A production sink would stage the data in the external system
// and keep only a handle in the committable; the protocol is the same.
import Redis from 'ioredis';

const COMMIT = `
if redis.call('SET', KEYS[1], '1', 'NX') then
  for i = 1, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
  return 1
end
return 0`;

class RedisListSink {
  constructor(url, key) {
    this.url = url;
    this.key = key;
  }

  createWriter(context) {
    let buffer = [];
    return {
      write(record) {
        buffer.push(JSON.stringify(record));
      },
      prepareCommit(checkpointId) {
        const values = buffer;
        buffer = [];
        if (values.length === 0) return [];
        return [{ txn: `${context.jobId}-${context.subtaskIndex}-${context.attemptNumber}-${checkpointId}`, values }];
      },
    };
  }

  createCommitter() {
    const redis = new Redis(this.url, { maxRetriesPerRequest: 3 });
    const key = this.key;
    return {
      async commit(requests) {
        for (const { committable } of requests) await redis.eval(COMMIT, 2, `${key}:txn:${committable.txn}`, key, ...committable.values);
      },
      close() {
        redis.disconnect();
      },
    };
  }
}

export default function (env, params) {
  env.setParallelism(params.getNumber('parallelism', 2));
  env.enableCheckpointing(params.getNumber('interval', 300));
  env
    .datagen({ count: params.getNumber('count', 10000), rowsPerSecond: params.getNumber('rate', 2000), fn: (i) => i })
    .uid('numbers')
    .sinkTo(new RedisListSink(params.get('redis', 'redis://127.0.0.1:6379/0'), params.get('key', 'sluice:out')))
    .uid('redis-sink');
}
