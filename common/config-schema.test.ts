import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ConfigSchema, parseCommandLine } from './config-schema';
import { sluiceVersion } from './version';
import { configFileDirectory, invalidArgumentMessage as errorOf } from '../test/harness/config-loading';

const file = configFileDirectory('sluice-config-schema-');

const SCHEMA = {
  'rpc-port': { type: 'integer', default: 6123, min: 0, max: 65535, description: 'gRPC port' },
  name: { type: 'string', default: 'x', description: 'A name' },
  demo: { type: 'boolean', default: false, description: 'A switch' },
} as const satisfies ConfigSchema;
const INFO = { program: 'sluice-test', summary: 'Tests the schema.' };

function values(argv: string[], env: Record<string, string> = {}) {
  const r = parseCommandLine(SCHEMA, INFO, argv, env);
  if (r.kind !== 'config') throw new Error('expected values');
  return r.values;
}


describe('parseCommandLine', () => {
  it('reads YAML and JSON files with the flags\' keys, under the environment and the flags', () => {
    const yaml = file('c.yaml', '# a comment\nrpc-port: 7000\nname: from-yaml\ndemo: true\n');
    expect(values(['--config', yaml])).toEqual({ 'rpc-port': 7000, name: 'from-yaml', demo: true });
    const json = file('c.json', '{"rpc-port": 7001}');
    expect(values(['--config', json], { SLUICE_NAME: 'from-env' })).toEqual({ 'rpc-port': 7001, name: 'from-env', demo: false });
    expect(values(['--config', json, '--rpc-port', '7002', '--demo'], { SLUICE_RPC_PORT: '9' })).toEqual({ 'rpc-port': 7002, name: 'x', demo: true });
    expect(values([], { SLUICE_DEMO: 'TRUE' }).demo).toBe(true);
    expect(values(['--config', file('empty.yaml', '')])).toEqual({ 'rpc-port': 6123, name: 'x', demo: false });
  });

  it('ignores environment variables it has no option for', () => {
    expect(values([], { SLUICE_SOMETHING_ELSE: '1', SLUICE_RPC_PORT: '5' })['rpc-port']).toBe(5);
  });

  it('refuses conflicts: a key twice in the file, a flag twice', () => {
    expect(errorOf(() => values(['--config', file('dup.yaml', 'rpc-port: 1\nrpc-port: 2\n')]))).toMatch(/dup\.yaml is not valid YAML or JSON: Map keys must be unique at line 2, column 1$/);
    expect(errorOf(() => values(['--rpc-port', '1', '--rpc-port', '2']))).toBe('--rpc-port is given more than once; give it once');
  });

  it('names the right key for camelCase and snake_case keys', () => {
    expect(errorOf(() => values(['--config', file('camel.json', '{"rpcPort": 1}')]))).toContain('key "rpcPort" is unknown (did you mean "rpc-port"?)');
    expect(errorOf(() => values(['--config', file('snake.yaml', 'rpc_port: 1')]))).toContain('(did you mean "rpc-port"?)');
  });

  it('refuses wrong types with where they came from', () => {
    expect(errorOf(() => values(['--config', file('t.yaml', 'demo: yes please')]))).toContain('key "demo": expected true or false');
    expect(errorOf(() => values([], { SLUICE_DEMO: 'maybe' }))).toBe("environment variable SLUICE_DEMO: expected true or false, got 'maybe'");
    expect(errorOf(() => values(['--config', file('list.yaml', '- a\n- b\n')]))).toContain('must contain a mapping');
    expect(errorOf(() => values(['--nope']))).toContain("Unknown option '--nope'. Run sluice-test --help");
  });

  it('answers --help with every option, its default and variable, and --version with the package version', () => {
    const help = parseCommandLine(SCHEMA, INFO, ['--help'], {});
    expect(help.kind).toBe('help');
    if (help.kind === 'help') {
      expect(help.text).toMatch(/^Usage: sluice-test \[options\]\nTests the schema\./);
      expect(help.text).toMatch(/--rpc-port N\s+gRPC port \(default 6123; env SLUICE_RPC_PORT\)/);
      expect(help.text).toMatch(/--demo\s+A switch \(default false; env SLUICE_DEMO\)/);
      expect(help.text).toContain('--config FILE');
    }
    const version = parseCommandLine(SCHEMA, INFO, ['-V'], {});
    expect(version).toEqual({ kind: 'version', text: `sluice-test ${sluiceVersion()} (Node.js ${process.version})` });
    expect(sluiceVersion()).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version);
  });
});
