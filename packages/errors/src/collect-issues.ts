import { ConfigError } from './churnwatch-error.ts';

/**
 * Runs one configuration parse step and, when it throws a ConfigError, adds its issues to `issues`
 * and returns undefined, so that several steps run and one error names every bad setting.
 */
export function collectIssues<T>(issues: string[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
}
