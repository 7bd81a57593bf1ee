import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../test/harness/free-port';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { loadJobManagerConfig } from '../jobmanager/config';
import { loadTaskManagerConfig } from '../taskmanager/config';
import { DIST, ROOT } from '../test/harness/cluster';
import { ManagedProcess } from '../test/harness/managed-process';
import { TestRedis } from '../test/harness/redis-server';
import { waitFor } from '../test/harness/wait-for';
import { kubernetesModel } from './test-support/kubernetes-model';

// Kubernetes objects are walked as plain YAML data here.
type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; [k: string]: any };

const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const kubectlMissing = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'kubectl is not installed (kubectl kustomize renders the manifests)';
  }
})();

function render(dir: string): K8sObject[] {
  const text = execFileSync('kubectl', ['kustomize', path.join(ROOT, dir)], { encoding: 'utf8' });
  return parseAllDocuments(text).map((d) => d.toJS() as K8sObject);
}

function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind} ${name} in ${objects.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`);
  return o;
}

/** The image's environment (deploy/Dockerfile ENV) plus the container's own, as the process sees it. */
function containerEnv(container: any): Record<string, string> {
  const dockerfile = fs.readFileSync(path.join(ROOT, 'deploy', 'Dockerfile'), 'utf8');
  const env: Record<string, string> = {};
  for (const m of dockerfile.matchAll(/(SLUICE_[A-Z_]+)=(\S+)/g)) env[m[1]] = m[2];
  for (const e of container.env ?? []) env[e.name] = e.value ?? (e.valueFrom?.fieldRef?.fieldPath === 'status.podIP' ? '10.0.0.1' : '');
  return env;
}

/** The config file a container's `--config` names, taken from the ConfigMap volume mounted there. */
function configFileOf(objects: K8sObject[], pod: any, container: any, dir: string): string {
  const args: string[] = container.args;
  const file = args[args.indexOf('--config') + 1];
  const mount = container.volumeMounts.find((m: any) => file.startsWith(m.mountPath + '/'));
  expect(mount, `a volume mounted where ${file} is`).toBeDefined();
  const volume = pod.volumes.find((v: any) => v.name === mount.name);
  const configMap = find(objects, 'ConfigMap', volume.configMap.name);
  const key = file.slice(mount.mountPath.length + 1);
  expect(Object.keys(configMap.data), `ConfigMap ${configMap.metadata.name}`).toContain(key);
  const local = path.join(dir, `${configMap.metadata.name}-${key}`);
  fs.writeFileSync(local, configMap.data[key]);
  return local;
}

/** Containers bind 0.0.0.0, so they need the cluster's token: auth-token-file must be a key of a mounted Secret. */
function expectTokenFromSecret(objects: K8sObject[], pod: any, container: any): void {
  const args: string[] = container.args;
  const file = args[args.indexOf('--config') + 1];
  const mount = container.volumeMounts.find((m: any) => file.startsWith(m.mountPath + '/'));
  const configMap = find(objects, 'ConfigMap', pod.volumes.find((v: any) => v.name === mount.name).configMap.name);
  const tokenPath = (parseYaml(configMap.data[file.slice(mount.mountPath.length + 1)]) as Record<string, string>)['auth-token-file'];
  expect(tokenPath, `${container.name}: auth-token-file`).toBeDefined();
  const secretMount = container.volumeMounts.find((m: any) => tokenPath.startsWith(m.mountPath + '/'));
  expect(secretMount, `a volume mounted where ${tokenPath} is`).toBeDefined();
  const volume = pod.volumes.find((v: any) => v.name === secretMount.name);
  expect(volume.secret?.secretName, `${tokenPath} comes from a Secret`).toBe('sluice-auth');
  // Readable by the pod's group (fsGroup), not by others.
  expect(volume.secret.defaultMode & 0o047).toBe(0o040);
}

function port(container: any, name: string): number {
  const p = container.ports.find((x: any) => x.name === name);
  expect(p, `container ${container.name} port ${name}`).toBeDefined();
  return p.containerPort;
}

function probePort(container: any, probe: any): number {
  return typeof probe.httpGet.port === 'number' ? probe.httpGet.port : port(container, probe.httpGet.port);
}


describe.skipIf(kubectlMissing !== undefined)(`Kubernetes manifests (kubectl kustomize, validated offline)${kubectlMissing ? ` — skipped: ${kubectlMissing}` : ''}`, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-k8s-'));
  // The pods read the shared secret from the sluice-auth Secret; here, from a local file.
  const tokenFile = path.join(tmp, 'token');
  fs.writeFileSync(tokenFile, 'k8s-manifests-test-token\n');
  const variants = kubectlMissing ? { base: [], ha: [] } : { base: render('deploy/k8s'), ha: render('deploy/k8s/overlays/ha') };
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const [variant, objects] of Object.entries(variants)) {
    describe(variant, () => {
      it('every object is valid against the Kubernetes schema of its kind', () => {
        expect(objects.length).toBeGreaterThanOrEqual(9);
        for (const o of objects) {
          const Model = kubernetesModel(o.apiVersion, o.kind);
          expect(() => new Model(o).validate(), `${o.kind}/${o.metadata.name}`).not.toThrow();
        }
      });

      it('the JobManager container serves on the ports its probes, its Service and its config file name', () => {
        const deployment = find(objects, 'Deployment', 'sluice-jobmanager');
        const pod = deployment.spec.template.spec;
        const c = pod.containers[0];
        expect(c.image).toBe(`sluice:${VERSION}`);
        expect(c.args.slice(0, 1)).toEqual(['jobmanager']);
        expectTokenFromSecret(objects, pod, c);
        const loaded = loadJobManagerConfig(['--config', configFileOf(objects, pod, c, tmp), '--auth-token-file', tokenFile], containerEnv(c));
        if (loaded.kind !== 'config') throw new Error('expected a config');
        const config = loaded.config;
        expect(config.host).toBe('0.0.0.0');
        expect(port(c, 'rest')).toBe(config.restPort);
        expect(port(c, 'rpc')).toBe(config.rpcPort);
        expect(c.livenessProbe.httpGet.path).toBe('/healthz');
        expect(c.readinessProbe.httpGet.path).toBe('/readyz');
        expect(probePort(c, c.livenessProbe)).toBe(config.restPort);
        expect(probePort(c, c.readinessProbe)).toBe(config.restPort);
        const service = find(objects, 'Service', 'sluice-jobmanager');
        expect(service.spec.selector).toEqual(Object.fromEntries(Object.entries(deployment.spec.selector.matchLabels)));
        expect(service.spec.ports.map((p: any) => [p.port, port(c, p.targetPort)])).toEqual([
          [6123, config.rpcPort],
          [8081, config.restPort],
        ]);
        // Jobs and checkpoints in the Redis of these manifests.
        const redisService = find(objects, 'Service', 'sluice-redis');
        expect(config.haStore).toMatch(new RegExp(`^redis://${redisService.metadata.name}:${redisService.spec.ports[0].port}/`));
        expect(config.checkpointStorage).toMatch(/^redis:\/\//);
        if (variant === 'ha') {
          expect(deployment.spec.replicas).toBe(2);
          expect(config.savepointDir).toMatch(/^redis:\/\//);
        } else {
          expect(deployment.spec.replicas).toBe(1);
        }
      });

      it('the TaskManager container serves on the ports its probes and its config file name, with a core per slot', () => {
        const deployment = find(objects, 'Deployment', 'sluice-taskmanager');
        const pod = deployment.spec.template.spec;
        const c = pod.containers[0];
        expect(c.image).toBe(`sluice:${VERSION}`);
        expect(c.args.slice(0, 1)).toEqual(['taskmanager']);
        const env = containerEnv(c);
        expect(c.env.find((e: any) => e.name === 'SLUICE_ADVERTISED_HOST').valueFrom.fieldRef.fieldPath).toBe('status.podIP');
        expectTokenFromSecret(objects, pod, c);
        const loaded = loadTaskManagerConfig(['--config', configFileOf(objects, pod, c, tmp), '--auth-token-file', tokenFile], env);
        if (loaded.kind !== 'config') throw new Error('expected a config');
        const config = loaded.config;
        expect(config.jobManager).toBe(`${find(objects, 'Service', 'sluice-jobmanager').metadata.name}:6123`);
        expect(port(c, 'health')).toBe(config.healthPort);
        expect(port(c, 'rpc')).toBe(config.rpcPort);
        for (let slot = 0; slot < config.slots; slot++) expect(port(c, `data-${slot}`)).toBe(config.dataPort + slot);
        expect(c.livenessProbe.httpGet.path).toBe('/healthz');
        expect(c.readinessProbe.httpGet.path).toBe('/readyz');
        expect(probePort(c, c.livenessProbe)).toBe(config.healthPort);
        expect(probePort(c, c.readinessProbe)).toBe(config.healthPort);
        expect(Number(c.resources.requests.cpu)).toBeGreaterThanOrEqual(config.slots);
        const pdb = find(objects, 'PodDisruptionBudget', 'sluice-taskmanager');
        expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.template.metadata.labels);
      });

      it('pods run as the image\'s non-root user on a read-only root file system, with every written path on a volume', () => {
        const user = Number(/^USER (\d+):\d+$/m.exec(fs.readFileSync(path.join(ROOT, 'deploy', 'Dockerfile'), 'utf8'))![1]);
        const claims = new Set(objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name));
        const accounts = new Set(objects.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.name));
        for (const d of objects.filter((o) => o.kind === 'Deployment')) {
          const pod = d.spec.template.spec;
          expect(accounts, d.metadata.name).toContain(pod.serviceAccountName);
          expect(pod.securityContext.runAsNonRoot).toBe(true);
          if (d.metadata.name !== 'sluice-redis') expect(pod.securityContext.runAsUser).toBe(user);
          const volumes = new Map<string, any>(pod.volumes.map((v: any) => [v.name, v]));
          for (const v of volumes.values()) if (v.persistentVolumeClaim) expect(claims, `${d.metadata.name} volume ${v.name}`).toContain(v.persistentVolumeClaim.claimName);
          for (const c of pod.containers) {
            expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
            expect(c.resources.requests && c.resources.limits, `${c.name} resources`).toBeTruthy();
            expect(c.livenessProbe && c.readinessProbe, `${c.name} probes`).toBeTruthy();
            for (const m of c.volumeMounts) expect(volumes.has(m.name), `${c.name} mount ${m.name}`).toBe(true);
            const mounted = c.volumeMounts.filter((m: any) => !m.readOnly).map((m: any) => m.mountPath);
            expect(mounted, c.name).toContain('/data');
            if (c.image.startsWith('sluice')) expect(mounted, `${c.name}: Node.js and job bundles write to /tmp`).toContain('/tmp');
          }
        }
        if (variant === 'ha') expect(claims.has('sluice-jobmanager-data')).toBe(false);
      });
    });
  }

  it('compose.yaml and the kustomization name the package version\'s image', () => {
    const kustomization = parseYaml(fs.readFileSync(path.join(ROOT, 'deploy', 'k8s', 'base', 'kustomization.yaml'), 'utf8')) as { images: Array<{ name: string; newTag: string }> };
    expect(kustomization.images).toEqual([{ name: 'sluice', newTag: VERSION }]);
    const compose = fs.readFileSync(path.join(ROOT, 'deploy', 'compose.yaml'), 'utf8');
    expect(compose).toContain(`image: sluice:\${SLUICE_VERSION:-${VERSION}}`);
  });

  describe('the probed paths, served by real processes started with the manifests\' config files', () => {
    let redis: TestRedis;
    const processes: ManagedProcess[] = [];
    beforeAll(async () => {
      redis = await TestRedis.start();
    });
    afterAll(async () => {
      for (const p of processes) await p.stop();
      await redis?.stop();
    });

    it('the JobManager answers its probes, and so does a TaskManager registered with it', { timeout: 60_000 }, async () => {
      const objects = variants.base;
      const jmPod = find(objects, 'Deployment', 'sluice-jobmanager').spec.template.spec;
      const tmPod = find(objects, 'Deployment', 'sluice-taskmanager').spec.template.spec;
      const [jmConfig, tmConfig] = [configFileOf(objects, jmPod, jmPod.containers[0], tmp), configFileOf(objects, tmPod, tmPod.containers[0], tmp)];
      // The manifests' files, with loopback and free ports instead of the pod's addresses, and
      // this test's Redis instead of the sluice-redis Service.
      const jm = new ManagedProcess('jobmanager', process.execPath, [
        path.join(DIST, 'jobmanager', 'main.js'), '--config', jmConfig, '--auth-token-file', tokenFile, '--host', '127.0.0.1', '--rpc-port', '0', '--rest-port', '0', '--data-dir', path.join(tmp, 'jm'),
        '--ha-store', `${redis.url}/ha`, '--checkpoint-storage', `${redis.url}/checkpoints`,
      ], {}, { cwd: tmp });
      processes.push(jm);
      const [, rpc, rest] = await jm.waitForStdout(/rpc=(\S+) rest=(\S+)/);
      const healthPort = await freePort();
      const tm = new ManagedProcess('taskmanager', process.execPath, [
        path.join(DIST, 'taskmanager', 'main.js'), '--config', tmConfig, '--auth-token-file', tokenFile, '--host', '127.0.0.1', '--jobmanager', rpc, '--rpc-port', '0', '--data-port', '0', '--health-port', String(healthPort),
      ], {}, { cwd: tmp });
      processes.push(tm);
      const get = async (url: string) => (await fetch(url)).status;
      const jmc = jmPod.containers[0];
      const tmc = tmPod.containers[0];
      await waitFor(async () => (await get(rest + jmc.readinessProbe.httpGet.path)) === 200, { message: 'the JobManager ready (leader)' });
      expect(await get(rest + jmc.livenessProbe.httpGet.path)).toBe(200);
      await waitFor(async () => (await get(`http://127.0.0.1:${healthPort}${tmc.readinessProbe.httpGet.path}`)) === 200, { message: 'the TaskManager ready (registered)' });
      expect(await get(`http://127.0.0.1:${healthPort}${tmc.livenessProbe.httpGet.path}`)).toBe(200);
    });
  });
});
