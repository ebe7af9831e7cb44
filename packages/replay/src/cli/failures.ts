import { ChurnwatchError, ConfigError } from '@churnwatch/errors';
import { ReplayUsageError } from '../errors.ts';
import type { CommandIo } from './command-io.ts';

function isArgumentError(error: unknown): boolean {
  return error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
}

/**
 * The exit code and message for a failed command: 2 for a bad command line or configuration
 * (with the usage), 1 for an input that cannot be read. Anything else is a bug and is rethrown.
 */
export function commandFailure(io: CommandIo, command: string, error: unknown, usage: string): number {
  if (error instanceof ReplayUsageError || isArgumentError(error)) {
    io.stderr.write(`${command}: ${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (error instanceof ConfigError) {
    io.stderr.write(`${command}: ${error.message}\n`);
    return 2;
  }
  const code = (error as { code?: unknown }).code;
  if (error instanceof ChurnwatchError || code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
    io.stderr.write(`${command}: ${(error as Error).message}\n`);
    return 1;
  }
  throw error;
}
