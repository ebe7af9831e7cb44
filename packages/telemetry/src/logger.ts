import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

export interface LoggerOptions {
  readonly service: string;
  readonly level?: string;
  /** Where JSON lines go; standard output by default. Tests pass an in-memory stream. */
  readonly destination?: DestinationStream;
}

/** One JSON line per entry, with the service name on every line. */
export function createLogger(options: LoggerOptions): Logger {
  return pino({ level: options.level ?? 'info', base: { service: options.service } }, options.destination ?? pino.destination({ dest: 1, sync: false }));
}
