import type { PartitionerKind } from '../../proto/messages';
import { keyGroupForKey, operatorIndexForKeyGroup } from '../../common/key-groups';

/**
 * Picks the consumer channel of a record. `broadcast` is handled by the writer (all
 * channels) and returns -1 here.
 */
export interface ChannelSelector {
  select(record: unknown): number;
}

export function createChannelSelector(
  kind: PartitionerKind,
  numChannels: number,
  producerIndex: number,
  maxParallelism: number,
  keySelector: ((r: unknown) => unknown) | undefined,
): ChannelSelector {
  switch (kind) {
    case 'forward': {
      if (producerIndex >= numChannels) throw new Error(`forward edge: producer ${producerIndex} has no consumer (${numChannels} consumers)`);
      return { select: () => producerIndex };
    }
    case 'rebalance': {
      // Start at the producer's own index so parallel producers do not all hit channel 0 first.
      let next = producerIndex % numChannels;
      return {
        select: () => {
          const c = next;
          next = next + 1 === numChannels ? 0 : next + 1;
          return c;
        },
      };
    }
    case 'hash': {
      if (!keySelector) throw new Error('hash edge without a key selector');
      return { select: (r) => operatorIndexForKeyGroup(maxParallelism, numChannels, keyGroupForKey(keySelector(r), maxParallelism)) };
    }
    case 'broadcast':
      return { select: () => -1 };
  }
}
