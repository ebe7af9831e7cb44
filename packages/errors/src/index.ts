export { ChurnwatchError, type ChurnwatchErrorOptions, ConfigError, isRetriable } from './churnwatch-error.ts';
