import { lookupSecret } from '@churnwatch/connection-security';
import { ConfigError } from '@churnwatch/errors';
import { parseEnv } from '@churnwatch/stream-runtime';
import type { z } from 'zod';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * parseEnv for a schema some of whose variables are secrets: each of `secretVariables` is read
 * from the variable or from the file its `…_FILE` variable names (lookupSecret: one trailing
 * newline dropped; unreadable, empty, or both forms set is an issue naming the variable and the
 * path), then validated by the schema like any variable. A variable whose file failed is named
 * once, by its file issue, not again as missing.
 */
export function parseEnvWithSecrets<T extends z.ZodObject>(schema: T, env: Env, secretVariables: readonly string[]): z.infer<T> {
  const issues: string[] = [];
  const failed: string[] = [];
  const resolved: Record<string, string | undefined> = { ...env };
  for (const variable of secretVariables) {
    const { value, issue } = lookupSecret(env, variable);
    if (issue !== undefined) {
      issues.push(issue);
      failed.push(variable);
    }
    resolved[variable] = value;
  }
  try {
    const settings = parseEnv(schema, resolved);
    if (issues.length === 0) return settings;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    issues.push(...error.issues.filter((issue) => !failed.some((variable) => issue.startsWith(`${variable} `))));
  }
  throw new ConfigError('the environment', issues);
}
