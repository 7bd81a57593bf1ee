import type { JobGraph } from '../../proto/messages';
import type { OperatorStateSummary, SavepointContents } from '../../common/checkpoint/savepoint-reader';
import type { OperatorRestore, SavepointCompatibility } from '../../common/checkpoint/savepoint-compatibility';
import { KEYED_USER_FUNCTIONS } from '../../job/declared-states';

function stateOf(s: OperatorStateSummary | undefined): string {
  const states: string[] = [];
  for (const [name, n] of Object.entries(s?.keyedStates ?? {})) if (n > 0) states.push(`${name} (keyed${s!.stateKinds[name] ? ` ${s!.stateKinds[name]}` : ''}, ${n} keys)`);
  for (const [name, n] of Object.entries(s?.listEntries ?? {})) if (n > 0) states.push(`${name} (list, ${n} entries)`);
  return states.join(', ') || '-';
}

function parallelismOf(r: OperatorRestore): string {
  const was = r.saved && (r.outcome !== 'new' || Object.keys(r.saved.keyedStates).length > 0) ? r.saved.vertex.parallelism : undefined;
  const now = r.vertex?.parallelism;
  if (was !== undefined && now !== undefined) return was === now ? String(now) : `${was} -> ${now}`;
  return String(now ?? was ?? '-');
}

function maxParallelismOf(r: OperatorRestore): string {
  const was = r.outcome === 'new' ? undefined : r.saved?.vertex.maxParallelism;
  const now = r.vertex?.maxParallelism;
  if (was !== undefined && now !== undefined) return was === now ? String(now) : `${was} -> ${now}`;
  return String(now ?? was ?? '-');
}

function resultOf(r: OperatorRestore, allowNonRestoredState: boolean): string {
  switch (r.outcome) {
    case 'restored':
      if (r.operatorKindChanged) return `restored, but the uid was a ${r.operatorKindChanged[0]} operator: the ${r.operatorKindChanged[1]} may not read its state`;
      return r.saved!.keyed ? 'restored (keyed state redistributed by key group)' : 'restored';
    case 'new':
      return r.operator?.userUid ? 'no state in savepoint: starts empty' : 'starts empty (generated uid: set .uid() to match a savepoint)';
    case 'dropped':
      return allowNonRestoredState ? 'DROPPED (allowed by -n)' : 'NOT IN JOB: state would be dropped, needs -n';
    case 'max-parallelism-changed':
      return 'FAILS: keyed state cannot change maxParallelism';
    case 'state-kind-changed':
      return 'FAILS: a state changed its kind (see state descriptors)';
  }
}

/**
 * A dropped uid whose chain (by name) is still in the job next to an operator without state
 * is most likely a renamed uid: say which operator to give the old uid back.
 */
function renameHints(check: SavepointCompatibility): string[] {
  const hints: string[] = [];
  for (const dropped of check.operators.filter((r) => r.outcome === 'dropped')) {
    const chain = dropped.saved!.vertex.name;
    const candidates = check.operators.filter((r) => r.outcome === 'new' && r.vertex?.name === chain);
    for (const c of candidates)
      hints.push(`'${dropped.uid}' was in the chain '${chain}'; the job's '${c.operator!.name}' there has uid '${c.uid}' and no state. If it is the same operator, give it .uid('${dropped.uid}') again.`);
  }
  return hints;
}

const VERDICTS = { same: 'same', 'kind-changed': 'FAILS: kind changed', new: 'new: starts empty', 'not-declared': 'not declared in open(): kept, read only if used' } as const;

/**
 * The state descriptors of restored keyed process functions: each user state by name, its
 * kind in the savepoint and as open() declares it. Functions that declare state elsewhere
 * cannot be checked ahead: say so rather than pass them silently.
 */
function descriptorLines(check: SavepointCompatibility): string[] {
  const rows: string[][] = [];
  const unchecked: string[] = [];
  for (const r of check.operators) {
    if (r.outcome !== 'restored' && r.outcome !== 'state-kind-changed') continue;
    if (!r.operator || !KEYED_USER_FUNCTIONS.has(r.operator.kind)) continue;
    if (!r.states) {
      if (Object.keys(r.saved!.keyedStates).some((n) => !n.startsWith('$'))) unchecked.push(r.uid);
      continue;
    }
    for (const c of r.states) rows.push([r.uid, c.name, c.saved === undefined ? '-' : c.saved || '(not recorded)', c.declared ?? '-', VERDICTS[c.verdict]]);
  }
  const lines: string[] = [];
  if (rows.length > 0) {
    const header = ['operator uid', 'state', 'in the savepoint', 'in the job', 'result'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
    lines.push('State descriptors (keyed state declared in open(), by name and kind):', line(header), ...rows.map(line), '');
  }
  for (const uid of unchecked)
    lines.push(`  note: '${uid}' obtains its state outside open() (or its open() needs a running task): its state kinds are checked when the job first uses them.`);
  if (unchecked.length > 0) lines.push('');
  return lines;
}

/**
 * `stream-submit run --dry-run`: one row per operator uid of the job and of the savepoint,
 * then the verdict. The rules are the JobManager's (common/checkpoint/savepoint-compatibility).
 */
export function formatRestoreCheck(graph: JobGraph, sp: SavepointContents, check: SavepointCompatibility, allowNonRestoredState: boolean): string {
  const rows = check.operators.map((r) => [
    r.uid,
    r.operator ? `${r.operator.name} (${r.operator.kind})` : '-',
    stateOf(r.saved) + (sp.sourceEnumerators?.[r.uid] ? ' + split enumerator' : ''),
    parallelismOf(r),
    maxParallelismOf(r),
    resultOf(r, allowNonRestoredState),
  ]);
  const header = ['operator uid', 'operator in the job', 'state in the savepoint', 'parallelism', 'max-par.', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  const lines = [
    `Dry run: job '${graph.name}' against ${sp.isSavepoint ? 'savepoint' : 'checkpoint'} ${sp.externalPath}`,
    `  (checkpoint id ${sp.checkpointId}, taken ${new Date(sp.timestamp).toISOString()}); nothing was submitted`,
    '',
    line(header),
    ...rows.map(line),
    '',
  ];
  for (const hint of renameHints(check)) lines.push(`  hint: ${hint}`);
  lines.push(...descriptorLines(check));
  if (lines[lines.length - 1] !== '') lines.push('');
  const restored = check.operators.filter((r) => r.outcome === 'restored').length;
  if (check.problems.length === 0) {
    const dropped = check.dropped.length > 0 ? `; state of ${check.dropped.length} operator(s) not in the job is dropped (-n)` : '';
    lines.push(`Result: the restore would succeed: ${restored} operator(s) restore their state${dropped}.`);
  } else {
    lines.push(`Result: the restore would FAIL:`);
    for (const p of check.problems) lines.push(`  - ${p}`);
  }
  return lines.join('\n') + '\n';
}
