import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { InvalidArgumentError } from './errors';
import type { ConfigSchema } from './config-schema';

/**
 * Options every server process (JobManager, TaskManager) shares: one shared secret for the
 * cluster and TLS from PEM files. Spread into each role's config schema, so the flag, the
 * config-file key and the `SLUICE_*` variable follow the one naming rule.
 */
export const SECURITY_CONFIG_SCHEMA = {
  'auth-token-file': { type: 'string', default: '', description: 'File holding the cluster\'s shared secret; when set, REST mutations, every gRPC call and data-plane connections must present it' },
  'auth-token': { type: 'string', default: '', description: 'The shared secret itself: give it as SLUICE_AUTH_TOKEN; as a flag it is discouraged (visible to every user in ps)' },
  'tls-cert': { type: 'string', default: '', description: 'PEM certificate (chain) of this process; with tls-key, gRPC, REST and the data plane serve TLS' },
  'tls-key': { type: 'string', default: '', description: 'PEM private key of tls-cert' },
  'tls-ca': { type: 'string', default: '', description: 'PEM CA bundle that signed the other processes\' certificates (default: the system\'s roots)' },
  'insecure-allow-unauthenticated': { type: 'boolean', default: false, description: 'Allow binding a non-loopback address without an auth token (anyone who reaches the ports can run code)' },
} as const satisfies ConfigSchema;

/** The resolved security settings of a process: what servers require and what clients present. */
export interface SecurityConfig {
  /** The shared secret; empty: no authentication. */
  readonly token: string;
  /** PEM text of this process's certificate and key; empty: plaintext servers. */
  readonly tlsCert: string;
  readonly tlsKey: string;
  /** PEM text of the CA that verifies peers; empty: the system's roots. */
  readonly tlsCa: string;
  /** Clients dial TLS (servers in one cluster either all use TLS or none). */
  readonly tls: boolean;
  readonly insecureAllowUnauthenticated: boolean;
}

export const NO_SECURITY: SecurityConfig = Object.freeze({ token: '', tlsCert: '', tlsKey: '', tlsCa: '', tls: false, insecureAllowUnauthenticated: false });

export interface SecurityValues {
  readonly 'auth-token-file': string;
  readonly 'auth-token': string;
  readonly 'tls-cert': string;
  readonly 'tls-key': string;
  readonly 'tls-ca': string;
  readonly 'insecure-allow-unauthenticated': boolean;
}

/** Reads the token and PEM files named by the options; every problem is one InvalidArgumentError. */
export function loadSecurityConfig(v: SecurityValues): SecurityConfig {
  if (v['auth-token'] && v['auth-token-file']) throw new InvalidArgumentError('auth-token and auth-token-file are both given; give one (prefer auth-token-file)');
  const token = v['auth-token-file'] ? readToken(v['auth-token-file']) : v['auth-token'].trim();
  if (Boolean(v['tls-cert']) !== Boolean(v['tls-key'])) throw new InvalidArgumentError('tls-cert and tls-key go together: give both, or neither');
  const tlsCert = v['tls-cert'] ? readPem(v['tls-cert'], 'tls-cert', 'CERTIFICATE') : '';
  const tlsKey = v['tls-key'] ? readPem(v['tls-key'], 'tls-key', 'PRIVATE KEY') : '';
  const tlsCa = v['tls-ca'] ? readPem(v['tls-ca'], 'tls-ca', 'CERTIFICATE') : '';
  return Object.freeze({ token, tlsCert, tlsKey, tlsCa, tls: tlsCert !== '' || tlsCa !== '', insecureAllowUnauthenticated: v['insecure-allow-unauthenticated'] });
}

/** The token of a file: its content without surrounding whitespace (editors add a newline). */
export function readToken(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new InvalidArgumentError(`Cannot read the auth token file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const token = text.trim();
  if (token === '') throw new InvalidArgumentError(`The auth token file ${file} is empty`);
  if (/\s/.test(token)) throw new InvalidArgumentError(`The auth token in ${file} contains whitespace; use one line of printable characters (e.g. openssl rand -hex 32)`);
  return token;
}

function readPem(file: string, option: string, label: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new InvalidArgumentError(`Cannot read ${option} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!text.includes('-----BEGIN ') || !text.includes(label)) throw new InvalidArgumentError(`${option} ${file} is not a PEM file with a ${label} block`);
  return text;
}

/**
 * Compares a presented token with the expected one in constant time: both are hashed first, so
 * neither their content nor their length shows in how long the comparison takes.
 */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = crypto.createHash('sha256').update(presented).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** `Bearer <token>` → token; anything else → undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : undefined;
}

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/**
 * Refuses to expose a cluster without authentication: a non-loopback bind needs a token, or
 * `insecure-allow-unauthenticated`, which only warns. Anyone who can submit a job runs code.
 */
export function checkBindAllowed(program: string, host: string, security: SecurityConfig, warn: (message: string) => void): void {
  if (isLoopbackHost(host) || security.token !== '') return;
  const risk = `${program} binds ${host}, which other machines can reach, without an auth token: anyone who reaches its ports can submit jobs, which run code`;
  if (!security.insecureAllowUnauthenticated)
    throw new InvalidArgumentError(`${risk}. Set a shared secret with --auth-token-file FILE or SLUICE_AUTH_TOKEN (see docs/security.md), or pass --insecure-allow-unauthenticated to accept the risk`);
  warn(`${risk} (--insecure-allow-unauthenticated)`);
}
