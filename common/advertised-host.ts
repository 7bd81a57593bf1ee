import * as dns from 'node:dns';
import * as os from 'node:os';

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The address other machines reach a process at, given the address it binds to. An explicit
 * `--advertised-host` wins. A process bound to one address (loopback by default, or a
 * specific interface) advertises that address. One bound to every interface (0.0.0.0, as in
 * a container) advertises its host name's address, which is what Docker and Kubernetes put in
 * /etc/hosts for the container; failing that, its first external IPv4 interface.
 */
export async function resolveAdvertisedHost(bindHost: string, advertisedHost: string): Promise<string> {
  if (advertisedHost !== '') return advertisedHost;
  if (!WILDCARDS.has(bindHost)) return bindHost;
  try {
    const { address } = await dns.promises.lookup(os.hostname(), { family: 4 });
    if (!address.startsWith('127.')) return address;
  } catch {
    // no address for the host name: look at the interfaces
  }
  for (const addresses of Object.values(os.networkInterfaces()))
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}

/** `host:port`, bracketing IPv6 literals. */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}
