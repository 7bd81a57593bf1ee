import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { InvalidGraphError } from './errors';
import { firstSchemaProblem } from './schema-problem';

/**
 * The `config_json` of each operator kind that has one: the contract between the graph
 * builder (job/, from the api's plain-data configs) and the TaskManager that creates the
 * operator. One parser reads them all, so a graph that does not carry what its operator needs
 * fails with the operator's name and the bad setting, at admission (common/job-graph-validation)
 * and again where the operator is made, instead of as an undefined deep inside a task.
 * The api's interfaces (WindowOperatorConfig, IntervalJoinConfig, ...) are checked against these
 * schemas at compile time (taskmanager/operators/operator-config-types.ts).
 */

const FieldRef = Type.Union([Type.Integer(), Type.String()]);
const KeySelectorIds = Type.Array(Type.Union([Type.Integer(), Type.Null()]));
const Tag = Type.Union([Type.String(), Type.Null()]);

export const WatermarksConfigSchema = Type.Object({
  kind: Type.Union([Type.Literal('bounded-out-of-orderness'), Type.Literal('no-watermarks'), Type.Literal('custom')]),
  outOfOrdernessMs: Type.Number({ minimum: 0 }),
  idlenessMs: Type.Number({ minimum: 0 }),
  hasTimestampAssigner: Type.Boolean(),
  autoWatermarkIntervalMs: Type.Optional(Type.Number({ minimum: 0 })),
});

export const TriggerConfigSchema = Type.Recursive((This) =>
  Type.Union([
    Type.Object({ type: Type.Literal('event-time') }),
    Type.Object({ type: Type.Literal('processing-time') }),
    Type.Object({ type: Type.Literal('count'), count: Type.Integer({ minimum: 1 }) }),
    Type.Object({ type: Type.Literal('purging'), nested: This }),
    Type.Object({ type: Type.Literal('never') }),
  ]),
);

export const WindowAssignerConfigSchema = Type.Object({
  type: Type.Union([Type.Literal('tumbling'), Type.Literal('sliding'), Type.Literal('session'), Type.Literal('global')]),
  time: Type.Union([Type.Literal('event'), Type.Literal('processing'), Type.Literal('none')]),
  size: Type.Number({ minimum: 0 }),
  slide: Type.Number({ minimum: 0 }),
  offset: Type.Number(),
  gap: Type.Number({ minimum: 0 }),
});

export const WindowOperatorConfigSchema = Type.Object({
  assigner: WindowAssignerConfigSchema,
  trigger: TriggerConfigSchema,
  evictor: Type.Union([Type.Object({ type: Type.Literal('count'), maxCount: Type.Integer({ minimum: 1 }) }), Type.Null()]),
  allowedLatenessMs: Type.Number({ minimum: 0 }),
  lateDataTag: Tag,
  function: Type.Union(['reduce', 'aggregate', 'process', 'sum', 'min', 'max'].map((f) => Type.Literal(f as 'reduce' | 'aggregate' | 'process' | 'sum' | 'min' | 'max'))),
  field: Type.Union([FieldRef, Type.Null()]),
  withProcess: Type.Boolean(),
  all: Type.Boolean(),
  keySelectorIds: KeySelectorIds,
});

export const IntervalJoinConfigSchema = Type.Object({
  lowerMs: Type.Number(),
  upperMs: Type.Number(),
  lowerInclusive: Type.Boolean(),
  upperInclusive: Type.Boolean(),
  leftLateTag: Tag,
  rightLateTag: Tag,
  keySelectorIds: KeySelectorIds,
});

const KeyedConfig = Type.Object({ keySelectorIds: KeySelectorIds });
const BroadcastConfig = Type.Object({ descriptors: Type.Array(Type.String()), keySelectorIds: Type.Optional(KeySelectorIds) });
/** A source's config: its own settings (free-form, read by its reader) and, with a strategy, its watermarks. */
const SourceConfig = Type.Object({ watermarks: Type.Optional(WatermarksConfigSchema) });

/** The schema of each kind whose operator reads its config; other kinds' configs are not read. */
export const OPERATOR_CONFIG_SCHEMAS = {
  'source.socket': Type.Object({ host: Type.String({ minLength: 1 }), port: Type.Integer({ minimum: 1, maximum: 65535 }) }),
  'keyed.reduce': Type.Object({
    aggregation: Type.Union(['reduce', 'sum', 'min', 'max', 'count'].map((a) => Type.Literal(a as 'reduce' | 'sum' | 'min' | 'max' | 'count'))),
    field: Type.Union([FieldRef, Type.Null()]),
    keySelectorId: Type.Integer(),
  }),
  timestamps: WatermarksConfigSchema,
  'keyed.process': Type.Object({ keySelectorIds: Type.Tuple([Type.Integer()]) }),
  'co.process.keyed': KeyedConfig,
  'co.broadcast': BroadcastConfig,
  'co.broadcast.keyed': Type.Object({ descriptors: Type.Array(Type.String()), keySelectorIds: KeySelectorIds }),
  window: WindowOperatorConfigSchema,
  'join.window': WindowOperatorConfigSchema,
  'join.interval': IntervalJoinConfigSchema,
} as const satisfies Record<string, TSchema>;

export type OperatorConfigKind = keyof typeof OPERATOR_CONFIG_SCHEMAS;
export type OperatorConfigOf<K extends OperatorConfigKind> = Static<(typeof OPERATOR_CONFIG_SCHEMAS)[K]>;
export type WatermarksConfig = Static<typeof WatermarksConfigSchema>;

/** What an operator descriptor carries (proto's OperatorDescriptor has these fields). */
export interface OperatorConfigSource {
  readonly name: string;
  readonly kind: string;
  readonly configJson: string;
}

function parseJson(op: OperatorConfigSource): unknown {
  try {
    return JSON.parse(op.configJson || '{}') as unknown;
  } catch {
    throw new InvalidGraphError(`Operator '${op.name}' (${op.kind}) has a configuration that is not valid JSON`);
  }
}

function check(op: OperatorConfigSource, schema: TSchema, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidGraphError(`Operator '${op.name}' (${op.kind}): its configuration must be a JSON object`);
  const problem = firstSchemaProblem(schema, value, 'config');
  if (problem) throw new InvalidGraphError(`Operator '${op.name}' (${op.kind}) has an invalid configuration: ${problem}`);
}

function hasSchema(kind: string): kind is OperatorConfigKind {
  return Object.prototype.hasOwnProperty.call(OPERATOR_CONFIG_SCHEMAS, kind);
}

/** The config of an operator of kind K, checked against its schema; InvalidGraphError naming the operator and the setting otherwise. */
export function parseOperatorConfig<K extends OperatorConfigKind>(op: OperatorConfigSource, kind: K): OperatorConfigOf<K> {
  const value = parseJson(op);
  check(op, OPERATOR_CONFIG_SCHEMAS[kind], value);
  return value as OperatorConfigOf<K>;
}

/** The watermarks a source operator generates itself (a strategy given to fromSource), if any. */
export function sourceWatermarks(op: OperatorConfigSource): WatermarksConfig | undefined {
  const value = parseJson(op);
  check(op, SourceConfig, value);
  return (value as Static<typeof SourceConfig>).watermarks;
}

/** Checks an operator's config as it arrives over the wire: JSON, an object, and its kind's schema where it has one. */
export function checkOperatorConfig(op: OperatorConfigSource): void {
  const value = parseJson(op);
  if (hasSchema(op.kind)) check(op, OPERATOR_CONFIG_SCHEMAS[op.kind], value);
  else check(op, op.kind.startsWith('source.') ? SourceConfig : Type.Object({}), value);
}
