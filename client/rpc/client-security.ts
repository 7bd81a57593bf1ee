import { InvalidArgumentError } from '../../common/errors';
import { loadSecurityConfig, type SecurityConfig } from '../../common/security';

/**
 * What stream-submit presents to the JobManager, from the environment only, so the secret never
 * lands on a command line: SLUICE_AUTH_TOKEN or SLUICE_AUTH_TOKEN_FILE (the token), and
 * SLUICE_TLS_CA (the CA of the JobManager's certificate; setting it turns TLS on).
 */
export function clientSecurityFromEnv(env: Readonly<Record<string, string | undefined>>): SecurityConfig {
  const token = env.SLUICE_AUTH_TOKEN ?? '';
  const tokenFile = env.SLUICE_AUTH_TOKEN_FILE ?? '';
  if (token && tokenFile) throw new InvalidArgumentError('SLUICE_AUTH_TOKEN and SLUICE_AUTH_TOKEN_FILE are both set; set one');
  return loadSecurityConfig({
    'auth-token': token,
    'auth-token-file': tokenFile,
    'tls-cert': '',
    'tls-key': '',
    'tls-ca': env.SLUICE_TLS_CA ?? '',
    'insecure-allow-unauthenticated': false,
  });
}
