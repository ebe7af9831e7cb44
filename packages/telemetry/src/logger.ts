import { type DestinationStream, type Logger, pino } from 'pino';
import { credentialLogPaths, redactionCensor } from './redaction.ts';

export type { Logger };

export interface LoggerOptions {
  readonly service: string;
  readonly level?: string;
  /** Where JSON lines go; standard output by default. Tests pass an in-memory stream. */
  readonly destination?: DestinationStream;
}

/** One JSON line per entry, with the service name on every line and credential fields blanked (see credentialLogPaths). */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    { level: options.level ?? 'info', base: { service: options.service }, redact: { paths: [...credentialLogPaths], censor: redactionCensor } },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
