import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { namedFrame, taskFrameName } from './task-frame';

describe('a subtask\'s own frame in CPU profiles', () => {
  it('is a function of that name that calls the body', () => {
    const name = taskFrameName('3a315f16f3e0cc153477c044fde55303', 1);
    expect(name).toBe('sluice_subtask_3a315f16f3e0cc153477c044fde55303_1');
    let calls = 0;
    const frame = namedFrame(name, () => calls++);
    frame();
    frame();
    expect(frame.name).toBe(name);
    expect(calls).toBe(2);
    expect(() => namedFrame('not a name', () => undefined)).toThrow(/not an identifier/);
  });

  it('falls back to the body itself where code generation from strings is disabled', () => {
    // A separate Node with the flag, on the build (npm test builds first): the fallback must not throw.
    const built = path.resolve(__dirname, '..', 'dist', 'common', 'task-frame.js');
    const script = `const { namedFrame } = require(${JSON.stringify(built)}); let n = 0; const f = namedFrame('x_1', () => n++); f(); process.stdout.write(f.name + ' ' + n);`;
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', script], { encoding: 'utf8', cwd: path.dirname(built) });
    expect(out).not.toBe('x_1 1');
    expect(out).toMatch(/ 1$/);
  });
});
