import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bearerToken, checkBindAllowed, isLoopbackHost, loadSecurityConfig, NO_SECURITY, tokenMatches } from './security';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-security-unit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const none = { 'auth-token': '', 'auth-token-file': '', 'tls-cert': '', 'tls-key': '', 'tls-ca': '', 'insecure-allow-unauthenticated': false };

describe('security options', () => {
  it('reads the token from a file without its trailing newline, and refuses empty or unreadable files', () => {
    const file = path.join(tmp, 'token');
    fs.writeFileSync(file, 's3cret-token\n');
    expect(loadSecurityConfig({ ...none, 'auth-token-file': file }).token).toBe('s3cret-token');
    fs.writeFileSync(path.join(tmp, 'empty'), '\n');
    expect(() => loadSecurityConfig({ ...none, 'auth-token-file': path.join(tmp, 'empty') })).toThrow(/auth token file .*empty is empty/);
    expect(() => loadSecurityConfig({ ...none, 'auth-token-file': path.join(tmp, 'missing') })).toThrow(/Cannot read the auth token file .*missing: ENOENT/);
    expect(() => loadSecurityConfig({ ...none, 'auth-token-file': file, 'auth-token': 'x' })).toThrow(/both given/);
  });

  it('wants tls-cert and tls-key together, and PEM content', () => {
    const notPem = path.join(tmp, 'not.pem');
    fs.writeFileSync(notPem, 'hello');
    expect(() => loadSecurityConfig({ ...none, 'tls-cert': notPem })).toThrow(/tls-cert and tls-key go together/);
    expect(() => loadSecurityConfig({ ...none, 'tls-ca': notPem })).toThrow(/tls-ca .*not.pem is not a PEM file with a CERTIFICATE block/);
  });

  it('compares tokens whatever their lengths and parses Bearer headers only', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('abcd', 'abc')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc ')).toBe('abc');
    expect(bearerToken('abc')).toBeUndefined();
    expect(bearerToken('Basic abc')).toBeUndefined();
  });

  it('lets loopback through, refuses other addresses without a token, and only warns when told to allow it', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', 'example.com']) expect(isLoopbackHost(host)).toBe(false);
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    expect(() => checkBindAllowed('sluice-jobmanager', '0.0.0.0', NO_SECURITY, warn)).toThrow(/--auth-token-file FILE or SLUICE_AUTH_TOKEN/);
    checkBindAllowed('sluice-jobmanager', '0.0.0.0', { ...NO_SECURITY, token: 't' }, warn);
    expect(warnings).toEqual([]);
    checkBindAllowed('sluice-jobmanager', '0.0.0.0', { ...NO_SECURITY, insecureAllowUnauthenticated: true }, warn);
    expect(warnings).toEqual([expect.stringMatching(/binds 0\.0\.0\.0.*without an auth token.*--insecure-allow-unauthenticated/)]);
  });
});
