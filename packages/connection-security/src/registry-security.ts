import { ConfigError } from '@churnwatch/errors';
import { checkCertificates } from './pem-checks.ts';
import { type Env, lookupFile, lookupSecret, type ReadText, readTextFile } from './secret-source.ts';

/** Credentials and trust for the schema registry; secrets included, never log it whole. */
export interface RegistrySecurity {
  readonly basicAuth?: { readonly username: string; readonly password: string };
  /** PEM CA bundle for an https registry whose certificate the system CAs do not vouch for. */
  readonly ca?: string;
}

const V = {
  url: 'CHURNWATCH_SCHEMA_REGISTRY_URL',
  username: 'CHURNWATCH_SCHEMA_REGISTRY_USERNAME',
  password: 'CHURNWATCH_SCHEMA_REGISTRY_PASSWORD',
  ca: 'CHURNWATCH_SCHEMA_REGISTRY_CA_FILE',
} as const;

export const registrySecurityVariables = V;

/**
 * Reads the registry's basic-auth credentials (`…_USERNAME`, `…_PASSWORD`, each also as `…_FILE`)
 * and CA file. Credentials inside the URL are refused (URLs end up in logs), and so is basic auth
 * over plain http (it would send the password in clear).
 */
export function parseRegistrySecurity(env: Env, readText: ReadText = readTextFile): RegistrySecurity {
  const issues: string[] = [];
  const url = env[V.url] ?? '';
  if (/^[a-z]+:\/\/[^/]*@/i.test(url)) issues.push(`${V.url}: put credentials in ${V.username} and ${V.password}, not in the URL (URLs are logged)`);
  const username = lookupSecret(env, V.username, readText);
  const password = lookupSecret(env, V.password, readText);
  const ca = lookupFile(env, V.ca, readText);
  for (const found of [username, password, ca]) if (found.issue) issues.push(found.issue);
  if ((username.value === undefined) !== (password.value === undefined) && !username.issue && !password.issue) {
    issues.push(`${V.username} and ${V.password}: basic auth needs both`);
  }
  if (username.value !== undefined && url !== '' && !url.toLowerCase().startsWith('https://')) {
    issues.push(`${V.url}: basic auth needs an https URL (over http the password travels in clear)`);
  }
  if (ca.value !== undefined) {
    const checked = checkCertificates(ca.value);
    if ('issue' in checked) issues.push(`${V.ca}: ${ca.path} ${checked.issue}`);
  }
  if (issues.length > 0) throw new ConfigError('the schema registry security settings', issues);
  return {
    ...(username.value !== undefined && password.value !== undefined ? { basicAuth: { username: username.value, password: password.value } } : {}),
    ...(ca.value === undefined ? {} : { ca: ca.value }),
  };
}
