export { ChurnwatchError, type ChurnwatchErrorOptions, ConfigError, isRetriable } from './churnwatch-error.ts';
export { collectIssues } from './collect-issues.ts';
export { type OutputFile, OutputFileError, openOutputFile } from './output-file.ts';
