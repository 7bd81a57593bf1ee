import * as http from 'node:http';
import { InvalidArgumentError } from '../common/errors';
import { hostPort } from '../common/advertised-host';

/**
 * The TaskManager's small HTTP port for orchestrators' probes (Kubernetes, Docker's
 * HEALTHCHECK): `GET /healthz` is 200 while the process serves at all (liveness);
 * `GET /readyz` is 200 only while it is registered with a JobManager, else 503 (readiness).
 * An HTTP probe costs the process a request; an exec probe would start a Node.js per probe.
 */
export async function startHealthServer(host: string, port: number, isReady: () => { ready: boolean; state: string }): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { errors: [`${req.method} is not allowed; use GET`] });
    if (url === '/healthz') return send(200, { status: 'UP' });
    if (url === '/readyz') {
      const { ready, state } = isReady();
      return send(ready ? 200 : 503, { ready, state });
    }
    send(404, { errors: [`No route ${url}; the health port serves GET /healthz and GET /readyz`] });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new InvalidArgumentError(`Cannot listen for health checks on ${hostPort(host, port)}: ${err.code ?? err.message}`)));
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : port };
}
