/**
 * A subtask's own frame in CPU profiles. Every subtask of a slot runs on the slot's one worker
 * thread, so V8's profile of that thread mixes them; each subtask's turn (where it processes
 * its input) is entered through a function named after the subtask, and the JobManager's
 * flame graph keeps only the samples under that frame (jobmanager/rest/views/flame-graph.ts).
 */
export function taskFrameName(vertexId: string, subtask: number): string {
  return `sluice_subtask_${vertexId.replace(/[^A-Za-z0-9_]/g, '_')}_${subtask}`;
}

/**
 * `body` behind a function whose name is `name` (a JavaScript identifier), so profiles show
 * the frame by that name. One extra call per invocation; used once per turn, not per record.
 */
export function namedFrame(name: string, body: () => void): () => void {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  try {
    // new Function: the only way to give a function a name V8's profiler reports.
    return new Function('body', `return function ${name}() { body(); };`)(body) as () => void;
  } catch {
    // Code generation from strings is off (--disallow-code-generation-from-strings): the subtask
    // runs unnamed, and its flame graph with scope=subtask is empty (scope=slot still works).
    return body;
  }
}
