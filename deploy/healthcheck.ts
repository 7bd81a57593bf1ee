import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { parseCommandLine } from '../common/config-schema';
import { errorMessage } from '../common/errors';
import { loadJobManagerConfig } from '../jobmanager/config';
import { loadTaskManagerConfig } from '../taskmanager/config';
import { STREAM_CLUSTER_CONFIG_SCHEMA } from './stream-cluster-config';

/**
 * The image's HEALTHCHECK: asks the container's main process (PID 1, started by
 * docker-entrypoint.sh) for `GET /readyz` on the port its own configuration gives it. The
 * configuration is read the way the process read it, from PID 1's flags and the container's
 * environment, so a port set by flag, variable or config file is found alike. Exit 0 when
 * ready, 1 when not; a role without a server (submit) is always healthy. The environment is
 * the healthcheck's own, which Docker gives from the same image and container settings.
 */
async function main(): Promise<number> {
  // PID 1 in the container; another process's for tests (test/e2e/docker-healthcheck.test.ts).
  const pid = process.env.SLUICE_HEALTHCHECK_PID || '1';
  const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
  const script = argv.findIndex((a) => a.endsWith('.js'));
  const role = script < 0 ? '' : path.basename(path.dirname(argv[script]));
  const args = argv.slice(script + 1);
  let url: string;
  if (role === 'jobmanager') {
    const loaded = loadJobManagerConfig(args, process.env);
    if (loaded.kind !== 'config') return 0;
    if (loaded.config.security.tlsCert !== '') return httpsReady(`https://127.0.0.1:${loaded.config.restPort}/readyz`);
    url = `http://127.0.0.1:${loaded.config.restPort}/readyz`;
  } else if (role === 'taskmanager') {
    const loaded = loadTaskManagerConfig(args, process.env);
    if (loaded.kind !== 'config') return 0;
    if (loaded.config.healthPort === 0) {
      process.stderr.write('healthcheck: the TaskManager runs without --health-port; nothing to ask\n');
      return 0;
    }
    url = `http://127.0.0.1:${loaded.config.healthPort}/readyz`;
  } else if (role === 'deploy' && args[0] === 'start') {
    // stream-cluster start: its JobManager, on the REST port and with the TLS it was given.
    const parsed = parseCommandLine(STREAM_CLUSTER_CONFIG_SCHEMA, { program: 'stream-cluster', summary: '' }, args.slice(1), process.env);
    if (parsed.kind !== 'config') return 0;
    const restPort = parsed.values['rest-port'];
    if (parsed.values['tls-cert'] !== '') return httpsReady(`https://127.0.0.1:${restPort}/readyz`);
    url = `http://127.0.0.1:${restPort}/readyz`;
  } else {
    return 0;
  }
  const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
  process.stdout.write(`${url}: ${res.status} ${await res.text()}\n`);
  return res.ok ? 0 : 1;
}

/**
 * The JobManager's REST serves https with tls-cert. Its own process, on loopback: the
 * certificate names the host's public name, not 127.0.0.1, so it is not verified here.
 */
function httpsReady(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { rejectUnauthorized: false, timeout: 3_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => {
        process.stdout.write(`${url}: ${res.statusCode} ${body}\n`);
        resolve(res.statusCode === 200 ? 0 : 1);
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} in 3 s`)));
    req.on('error', reject);
  });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`healthcheck: ${errorMessage(err)}\n`);
    process.exit(1);
  },
);
