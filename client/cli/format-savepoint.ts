import type { SavepointContents } from '../../common/checkpoint/savepoint-reader';

function bytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** `stream-submit savepoint --inspect`: what a savepoint holds, by operator uid. */
export function formatSavepoint(sp: SavepointContents): string {
  const lines = [
    `${sp.isSavepoint ? 'Savepoint' : 'Checkpoint'} ${sp.externalPath}`,
    `  id ${sp.checkpointId}, taken ${new Date(sp.timestamp).toISOString()}, ${bytes(sp.totalBytes)} of state`,
    '',
    `  ${'operator uid'.padEnd(24)} ${'parallelism'.padEnd(11)} ${'max-par.'.padEnd(8)} ${'size'.padEnd(10)} state`,
  ];
  for (const v of sp.vertices) {
    for (const uid of v.operatorUids) {
      const s = sp.operators.get(uid);
      const states: string[] = [];
      for (const [name, n] of Object.entries(s?.keyedStates ?? {})) states.push(`${name} (keyed, ${n} keys)`);
      for (const [name, n] of Object.entries(s?.listEntries ?? {})) states.push(`${name} (list, ${n} entries)`);
      if (sp.sourceEnumerators?.[uid]) states.push('split enumerator');
      lines.push(`  ${uid.padEnd(24)} ${String(v.parallelism).padEnd(11)} ${String(v.maxParallelism).padEnd(8)} ${(s ? bytes(s.bytes) : '-').padEnd(10)} ${states.join(', ') || 'stateless'}`);
    }
  }
  return lines.join('\n') + '\n';
}
