import { pathToFileURL } from 'node:url';

/** Distinguishes the source text of every copy, so that V8 never shares one between tasks. */
let copies = 0;

/**
 * A copy of a per-record method with call sites of its own, for one operator instance.
 *
 * Why: V8 keeps type feedback per function. A TaskManager runs job after job, and every job
 * brings new user functions, so a shared method such as MapOperator.prototype.collect sees
 * more and more distinct `this.fn` targets at its `this.fn(record)` call and, past four, stops
 * inlining them (megamorphic). In the Nexmark bench, q1 run after the other queries spent
 * 15% of its slot's CPU in the chain instead of 5% run first. A per-task copy of the method
 * only ever sees its own task's functions and next operator, as if each job ran first (what
 * Flink gets by generating code per task).
 *
 * The copy is compiled from `method`'s own source text: it may use only `this`, its
 * parameters and globals — no imports or other module bindings, and no `super`.
 */
export function freshMethod<F extends (...args: never[]) => unknown>(method: F, moduleFile: string): F {
  const source = method.toString();
  // Profiles and stacks name the copy after the module it was copied from (a frame
  // `collect (operators/basic-operators.js#task-copy:1)`), not as an anonymous eval.
  const sourceUrl = `${pathToFileURL(moduleFile).href}#task-copy`;
  try {
    // A class method's text is `name(params) { body }`: an object literal makes it a function again.
    return new Function(`"use strict"; return ({ ${source} })[${JSON.stringify(method.name)}];\n// sluice-task-copy-${copies++}\n//# sourceURL=${sourceUrl}`)() as F;
  } catch {
    // Code generation from strings is off (--disallow-code-generation-from-strings): share the method.
    return method;
  }
}
