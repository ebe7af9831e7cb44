export { ChurnwatchError, type ChurnwatchErrorOptions, ConfigError, isRetriable } from './churnwatch-error.ts';
export { collectIssues } from './collect-issues.ts';
