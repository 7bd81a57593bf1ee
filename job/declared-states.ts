import type { StreamExecutionEnvironment } from '../api/environment';
import { StateDescriptor } from '../api/state-descriptors';
import type { JobGraph } from '../proto/messages';
import type { DeclaredState } from '../common/checkpoint/savepoint-compatibility';


/** Keyed operators whose user function may declare state in open(). */
export const KEYED_USER_FUNCTIONS: ReadonlySet<string> = new Set(['keyed.process', 'co.process.keyed', 'co.broadcast.keyed']);

const GETTERS: Record<string, string> = {
  getValueState: 'value',
  getListState: 'list',
  getMapState: 'map',
  getReducingState: 'reducing',
  getAggregatingState: 'aggregating',
};

/** Thrown by the probe context for anything but state access: open() did more than declare state. */
class NotAtPlanTime extends Error {}

/** A state object that does nothing: open() only keeps it in a field. */
const INERT_STATE: unknown = new Proxy(
  {},
  {
    get: () => () => undefined,
  },
);

/**
 * The keyed states each user process function declares in its open(), by operator uid: what
 * `run --dry-run` compares with a savepoint's state names and kinds. open() is called on the
 * job's own function objects with a context that only records state access; an open() that
 * needs anything else (timers, the current key, side outputs) or throws is left out, and so are
 * states obtained later (in processElement): the dry run says which operators it could not check.
 * Only for the plan check: the job built here is never run.
 */
export function declaredKeyedStates(env: StreamExecutionEnvironment, graph: JobGraph): Record<string, DeclaredState[]> {
  const uidById = new Map<number, string>();
  for (const v of graph.vertices) for (const op of v.operators) uidById.set(op.id, op.uid);
  const out: Record<string, DeclaredState[]> = {};
  for (const t of env.transformations) {
    const uid = uidById.get(t.id);
    const fn = t.fn as { open?: (ctx: unknown) => void } | undefined;
    if (uid === undefined || !KEYED_USER_FUNCTIONS.has(t.kind) || typeof fn?.open !== 'function') continue;
    const declared: DeclaredState[] = [];
    try {
      fn.open(recordingContext(declared));
    } catch {
      continue;
    }
    // Nothing declared in open(): the function obtains its state later, unknown here.
    if (declared.length > 0) out[uid] = declared;
  }
  return out;
}

function recordingContext(declared: DeclaredState[]): unknown {
  const record = (kind: string) => (descriptor: unknown) => {
    const name = descriptor instanceof StateDescriptor ? descriptor.name : descriptor;
    if (typeof name !== 'string') throw new NotAtPlanTime();
    if (!declared.some((d) => d.name === name)) declared.push({ name, kind });
    return INERT_STATE;
  };
  return new Proxy(
    {},
    {
      get(_target, property) {
        if (typeof property === 'string' && Object.hasOwn(GETTERS, property)) return record(GETTERS[property]);
        if (property === 'getState')
          return (d: unknown) => {
            if (!(d instanceof StateDescriptor)) throw new NotAtPlanTime();
            return record(d.kind)(d);
          };
        throw new NotAtPlanTime();
      },
    },
  );
}
