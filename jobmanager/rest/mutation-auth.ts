import type { FastifyInstance } from 'fastify';
import { bearerToken, tokenMatches } from '../../common/security';

/** Methods that change the cluster; reads stay open so the dashboard and probes work without the secret. */
const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * With a cluster token, every mutation must carry `Authorization: Bearer <token>`; without it
 * the answer is 401 in the API's error shape, before the body is read or a route runs.
 */
export function registerMutationAuth(app: FastifyInstance, token: string): void {
  if (token === '') return;
  app.addHook('onRequest', async (request, reply) => {
    if (!MUTATIONS.has(request.method)) return;
    if (tokenMatches(bearerToken(request.headers.authorization), token)) return;
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="sluice"')
      .send({ errors: [`${request.method} ${request.url.split('?')[0]} needs the cluster's auth token: send the header Authorization: Bearer <token>`] });
  });
}
