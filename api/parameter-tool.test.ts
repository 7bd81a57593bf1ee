import { describe, it, expect } from 'vitest';
import { ParameterTool } from './parameter-tool';

describe('ParameterTool', () => {
  it('parses --name value, --name=value, flags and negative numbers', () => {
    const p = ParameterTool.fromArgs(['--port', '9999', '--host=example', '--verbose', '--offset', '-5', '--x']);
    expect(p.getNumber('port', 1)).toBe(9999);
    expect(p.get('host')).toBe('example');
    expect(p.has('verbose')).toBe(true);
    expect(p.getBoolean('verbose')).toBe(true);
    expect(p.getNumber('offset', 0)).toBe(-5);
    expect(p.get('missing', 'd')).toBe('d');
    expect(p.getNumber('missing', 7)).toBe(7);
    expect(p.has('x')).toBe(true);
  });

  it('says which argument is not a number', () => {
    expect(() => ParameterTool.fromArgs(['--port', 'abc']).getNumber('port', 1)).toThrow(/--port must be a number/);
  });
});
