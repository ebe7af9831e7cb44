import { readFileSync } from 'node:fs';
import { envName } from '@churnwatch/stream-runtime';
import type { Route } from './routes.ts';
import { parseWebhookSecret } from './webhook-signing.ts';

/**
 * The webhook signing secrets, by route name: `{ "<route>": ["whsec_…", "whsec_…"] }`, from
 * CHURNWATCH_NOTIFIER_SIGNING_SECRETS or the file CHURNWATCH_NOTIFIER_SIGNING_SECRETS_FILE (a
 * mounted secret). A route with secrets signs every request with each of them; a route without
 * sends unsigned. Problems are returned naming the variable and route, never the secret itself.
 */
export function readSigningKeys(
  settings: { readonly notifierSigningSecrets?: string | undefined; readonly notifierSigningSecretsFile?: string | undefined },
  routes: readonly Route[] | undefined,
): { keys: Record<string, Buffer[]>; issues: string[] } {
  const field = settings.notifierSigningSecretsFile ? 'notifierSigningSecretsFile' : 'notifierSigningSecrets';
  const variable = envName(field);
  let text = settings.notifierSigningSecrets;
  if (settings.notifierSigningSecretsFile) {
    try {
      text = readFileSync(settings.notifierSigningSecretsFile, 'utf8');
    } catch (error) {
      return { keys: {}, issues: [`${variable}: cannot read ${settings.notifierSigningSecretsFile} (${(error as Error).message})`] };
    }
  }
  if (text === undefined || text.trim() === '') return { keys: {}, issues: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { keys: {}, issues: [`${variable}: not JSON (expected { "<route name>": ["whsec_…"] })`] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { keys: {}, issues: [`${variable}: expected an object of route names`] };
  const keys: Record<string, Buffer[]> = {};
  const issues: string[] = [];
  const names = new Set(routes?.map((route) => route.name));
  for (const [route, secrets] of Object.entries(json)) {
    if (routes !== undefined && !names.has(route)) issues.push(`${variable}.${route}: no route has this name`);
    if (!Array.isArray(secrets) || secrets.length === 0) {
      issues.push(`${variable}.${route}: expected a non-empty array of secrets`);
      continue;
    }
    keys[route] = [];
    secrets.forEach((secret: unknown, index) => {
      const parsed = typeof secret === 'string' ? parseWebhookSecret(secret) : { problem: 'must be a string' };
      if ('key' in parsed) keys[route]?.push(parsed.key);
      else issues.push(`${variable}.${route}.${index}: ${parsed.problem}`);
    });
  }
  return { keys, issues };
}
