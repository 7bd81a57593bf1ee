import { NO_SECURITY } from '../common/security';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../common/errors';
import { loadJobManagerConfig, normalizeJobManagerConfig } from './config';
import { configOf, invalidArgumentMessage as errorOf } from '../test/harness/config-loading';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-jm-config-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

const load = (argv: string[], env: Record<string, string> = {}) => configOf(loadJobManagerConfig(argv, env));


describe('JobManager config layering', () => {
  it('has the documented defaults, bound to loopback', () => {
    expect(load([])).toEqual({
      host: '127.0.0.1',
      advertisedHost: '',
      rpcPort: 6123,
      restPort: 8081,
      dataDir: path.resolve('./data'),
      slotRequestTimeoutMs: 10_000,
      heartbeatIntervalMs: 1_000,
      heartbeatTimeoutMs: 10_000,
      cancelTimeoutMs: 5_000,
      checkpointStorage: `file://${path.resolve('./data/checkpoints')}`,
      checkpointDefaults: { timeoutMs: 600_000, minPauseMs: 0, maxConcurrent: 1, tolerableFailures: 0, retained: 1 },
      savepointDir: `file://${path.resolve('./data/savepoints')}`,
      haStore: `file://${path.resolve('./data/ha')}`,
      shutdownTimeoutMs: 10_000,
      archivedJobs: 100,
      security: NO_SECURITY,
      storageTimeoutMs: 60_000,
      logFile: '',
      jobBuilds: { maxJobFileBytes: 52_428_800, maxConcurrent: 2, maxQueued: 8, memoryMb: 256, timeoutMs: 30_000 },
    });
  });

  it('layers defaults < config file < environment < flags', () => {
    const cfg = file('layers.json', { 'rpc-port': 1000, 'rest-port': 1001, 'slot-request-timeout-ms': 1002, 'data-dir': '/tmp/from-file' });
    const c = load(['--config', cfg, '--rest-port', '3001'], { SLUICE_REST_PORT: '2001', SLUICE_SLOT_REQUEST_TIMEOUT_MS: '2002' });
    expect(c.rpcPort).toBe(1000);
    expect(c.restPort).toBe(3001);
    expect(c.slotRequestTimeoutMs).toBe(2002);
    expect(c.dataDir).toBe('/tmp/from-file');
  });

  it('accepts port 0 (pick a free port)', () => {
    expect(load(['--rpc-port', '0', '--rest-port', '0'])).toMatchObject({ rpcPort: 0, restPort: 0 });
  });

  it('prints help on --help', () => {
    const r = loadJobManagerConfig(['--help'], {});
    expect(r.kind).toBe('help');
    if (r.kind === 'help') expect(r.text).toContain('--slot-request-timeout-ms');
  });
});

describe('JobManager config errors', () => {
  it('refuses unknown flags and positionals', () => {
    expect(errorOf(() => load(['--bogus', '1']))).toContain("Unknown option '--bogus'");
    expect(errorOf(() => load(['job.js']))).toContain("'job.js'");
  });

  it('refuses malformed values and names where they came from', () => {
    expect(errorOf(() => load(['--rpc-port', 'abc']))).toBe("--rpc-port: expected an integer in [0, 65535], got 'abc'");
    expect(errorOf(() => load(['--heartbeat-interval-ms', '0']))).toBe("--heartbeat-interval-ms: expected an integer >= 1, got '0'");
    expect(errorOf(() => load([], { SLUICE_REST_PORT: '70000' }))).toBe("environment variable SLUICE_REST_PORT: expected an integer in [0, 65535], got '70000'");
    expect(errorOf(() => load(['--host', '']))).toBe("--host: expected a non-empty string, got ''");
  });

  it('refuses unknown keys, bad JSON and missing files in the config file', () => {
    const unknown = file('unknown.json', { 'rpc-port': 1, rpcport: 2 });
    expect(errorOf(() => load(['--config', unknown]))).toContain(`config file ${unknown}: key "rpcport" is unknown`);
    const wrongType = file('wrong-type.json', { 'rest-port': '8081' });
    expect(errorOf(() => load(['--config', wrongType]))).toContain('key "rest-port": expected an integer');
    expect(errorOf(() => load(['--config', file('bad.json', '{nope')]))).toContain('is not valid YAML or JSON');
    expect(errorOf(() => load(['--config', file('array.json', [])]))).toContain('must contain a mapping');
    expect(errorOf(() => load(['--config', path.join(dir, 'missing.json')]))).toContain('Cannot read config file');
  });

  it('refuses a heartbeat timeout that is not longer than the interval', () => {
    expect(errorOf(() => load(['--heartbeat-interval-ms', '2000', '--heartbeat-timeout-ms', '2000']))).toContain('must be larger than heartbeat-interval-ms');
    expect(() => normalizeJobManagerConfig({ heartbeatIntervalMs: 100, heartbeatTimeoutMs: 50 })).toThrow(InvalidArgumentError);
  });
});
