import type { PartitionerKind } from '../../proto/messages';
import { operatorIndexForKeyGroup } from '../../common/key-groups';
import { KeyGroupCache } from '../../common/key-group-cache';

// A module-local binding: the CommonJS build reads imported bindings through a getter, per record here.
const operatorOf = operatorIndexForKeyGroup;

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
      const keyGroups = new KeyGroupCache(maxParallelism);
      return { select: (r) => operatorOf(maxParallelism, numChannels, keyGroups.keyGroup(keySelector(r))) };
    }
    case 'broadcast':
      return { select: () => -1 };
  }
}
