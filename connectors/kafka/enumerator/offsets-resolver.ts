import type { Admin } from 'kafkajs';
import { KafkaConnectorError } from '../kafka-connector-error';
import type { OffsetsSpec } from '../offsets-initializer';

/** Concrete offsets for some partitions of one topic, as an OffsetsInitializer describes them. */
export async function resolveOffsets(admin: Admin, spec: OffsetsSpec, topic: string, partitions: readonly number[], groupId: string | null): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  const bounds = async () => new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, { low: Number(o.low), high: Number(o.high) }]));
  switch (spec.kind) {
    case 'earliest':
    case 'latest': {
      const b = await bounds();
      for (const p of partitions) result.set(p, spec.kind === 'earliest' ? b.get(p)!.low : b.get(p)!.high);
      return result;
    }
    case 'timestamp': {
      // kafkajs answers the end offset for partitions without a record at or after the timestamp.
      const found = new Map((await admin.fetchTopicOffsetsByTimestamp(topic, spec.timestampMs)).map((o) => [o.partition, Number(o.offset)]));
      for (const p of partitions) result.set(p, found.get(p)!);
      return result;
    }
    case 'committed': {
      if (groupId === null) throw new KafkaConnectorError('KafkaSource: OffsetsInitializer.committedOffsets() needs a group id: call setGroupId(id)', { domain: 'user', retryable: false });
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const byPartition = new Map((committed?.partitions ?? []).map((o) => [o.partition, Number(o.offset)]));
      const b = spec.fallback === 'none' ? null : await bounds();
      for (const p of partitions) {
        const offset = byPartition.get(p) ?? -1;
        if (offset >= 0) result.set(p, offset);
        else if (b) result.set(p, spec.fallback === 'earliest' ? b.get(p)!.low : b.get(p)!.high);
        else throw new KafkaConnectorError(`KafkaSource: group '${groupId}' has no committed offset for ${topic}-${p}; use OffsetsInitializer.committedOffsets(OffsetsInitializer.earliest()) to start such partitions somewhere`, { domain: 'user', retryable: false });
      }
      return result;
    }
  }
}
