import { NO_SECURITY } from '../common/security';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTaskManagerConfig } from './config';
import { configOf, invalidArgumentMessage as errorOf } from '../test/harness/config-loading';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-tm-config-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const load = (argv: string[], env: Record<string, string> = {}) => configOf(loadTaskManagerConfig(argv, env));


describe('TaskManager config', () => {
  it('has loopback defaults', () => {
    expect(load([])).toEqual({ jobManager: '127.0.0.1:6123', slots: 1, host: '127.0.0.1', advertisedHost: '', rpcPort: 0, dataPort: 0, healthPort: 0, id: '', shutdownTimeoutMs: 10_000, security: NO_SECURITY, storageTimeoutMs: 60_000, logFile: '' });
  });

  it('layers a YAML file with the flags\' kebab-case keys, SLUICE_* variables and flags', () => {
    const cfg = path.join(dir, 'tm.yaml');
    fs.writeFileSync(cfg, 'jobmanager: jm.example:6123\nslots: 4\nhost: 0.0.0.0\nadvertised-host: tm-1.example\ndata-port: 7000\nhealth-port: 6126\n');
    const c = load(['--config', cfg, '--slots', '3'], { SLUICE_SLOTS: '2', SLUICE_JOBMANAGER: 'jm-a:1,jm-b:2', SLUICE_RPC_PORT: '6122' });
    expect(c).toMatchObject({ jobManager: 'jm-a:1,jm-b:2', slots: 3, host: '0.0.0.0', advertisedHost: 'tm-1.example', rpcPort: 6122, dataPort: 7000, healthPort: 6126 });
  });

  it('refuses the old camelCase keys with the new name, bad addresses and clashing ports', () => {
    const old = path.join(dir, 'old.json');
    fs.writeFileSync(old, JSON.stringify({ jobManager: '127.0.0.1:6123' }));
    expect(errorOf(() => load(['--config', old]))).toContain('key "jobManager" is unknown (did you mean "jobmanager"?)');
    expect(errorOf(() => load(['--jobmanager', 'nohost']))).toBe("jobmanager must be HOST:PORT (several: HOST:PORT,HOST:PORT), got 'nohost'");
    expect(errorOf(() => load(['--slots', '0']))).toBe("--slots: expected an integer in [1, 256], got '0'");
    expect(errorOf(() => load(['--rpc-port', '7001', '--data-port', '7000', '--slots', '2']))).toContain('port 7001 is given to more than one');
    expect(errorOf(() => load(['--data-port', '65535', '--slots', '2']))).toContain('above 65535');
  });

  it('answers --help and --version', () => {
    const help = loadTaskManagerConfig(['--help'], {});
    expect(help.kind === 'help' && help.text).toMatch(/--advertised-host VALUE/);
    const version = loadTaskManagerConfig(['--version'], {});
    expect(version.kind === 'version' && version.text).toMatch(/^sluice-taskmanager \d+\.\d+\.\d+/);
  });
});
