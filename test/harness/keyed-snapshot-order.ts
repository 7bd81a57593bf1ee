import type { KeyedStateSnapshot } from '../../common/checkpoint/task-state-snapshot';

const keyText = (entry: readonly [unknown, unknown]): string => JSON.stringify(entry[0]) ?? String(entry[0]);

/**
 * A keyed snapshot with its key groups in order and each state's entries sorted by key, for
 * comparing snapshots by what they hold: groups are written in whatever order they are
 * settled, and a group's entries in the order its table wrote them (copied ones first, then
 * the changed ones, see TableChanges). A restore depends on neither order.
 */
export function snapshotByKey(s: KeyedStateSnapshot): KeyedStateSnapshot {
  return {
    ...s,
    keyGroups: [...s.keyGroups]
      .sort((a, b) => a[0] - b[0])
      .map(([kg, states]) => [
        kg,
        Object.fromEntries(
          Object.entries(states).map(([name, entries]) => [name, [...entries].sort((x, y) => (keyText(x) < keyText(y) ? -1 : keyText(x) > keyText(y) ? 1 : 0))]),
        ),
      ]),
  };
}
