import { parseKafkaSecurity } from '@churnwatch/connection-security';
import { ConfigError, collectIssues } from '@churnwatch/errors';
import { parseEnv } from '@churnwatch/stream-runtime';
import { type ShellSettings, shellSettingsSchema } from './shell-settings.ts';

export { collectIssues };

type Env = Readonly<Record<string, string | undefined>>;

/** Exit code of a service that refused to start on bad configuration (sysexits' EX_CONFIG). */
export const CONFIG_EXIT_CODE = 78;

/**
 * The shell's settings and the service's own configuration, both parsed before anything starts.
 * Throws one ConfigError with the issues of both, each naming its variable, so that a single
 * attempt shows everything to fix.
 */
export function configureService<C>(service: string, env: Env, configure: (env: Env) => C): { shell: ShellSettings; config: C } {
  const issues: string[] = [];
  const settings = collectIssues(issues, () => parseEnv(shellSettingsSchema, env));
  const kafkaSecurity = collectIssues(issues, () => parseKafkaSecurity(env));
  let config: C | undefined;
  try {
    config = configure(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Alone, the service's own error keeps its source (e.g. the file it names).
    if (issues.length === 0) throw error;
    issues.push(...error.issues);
  }
  // Issues the two parsers share (logLevel, metricsPort) are named once.
  const unique = [...new Set(issues)];
  if (unique.length > 0 || settings === undefined || kafkaSecurity === undefined || config === undefined) {
    throw new ConfigError(`the configuration of ${service}`, unique);
  }
  return { shell: { ...settings, kafkaSecurity }, config };
}
