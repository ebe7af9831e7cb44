import { ConfigError } from '@churnwatch/errors';
import type { z } from 'zod';

/** `sessionTimeoutMs` → `CHURNWATCH_SESSION_TIMEOUT_MS`. */
export function envName(field: string, prefix = 'CHURNWATCH_'): string {
  return `${prefix}${field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/**
 * Parses the environment variables named after a zod object's fields (see envName) with that
 * schema. Empty values count as unset. On failure throws one ConfigError naming every bad
 * variable, so a service refuses to start with a message that says what to fix.
 */
export function parseEnv<T extends z.ZodObject>(schema: T, env: Readonly<Record<string, string | undefined>>, prefix = 'CHURNWATCH_'): z.infer<T> {
  const input: Record<string, string> = {};
  for (const field of Object.keys(schema.shape)) {
    const value = env[envName(field, prefix)];
    if (value !== undefined && value !== '') input[field] = value;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return field ? `${envName(field.split('.')[0]!, prefix)} (${field}): ${issue.message}` : issue.message;
  });
  throw new ConfigError('the environment', issues);
}
