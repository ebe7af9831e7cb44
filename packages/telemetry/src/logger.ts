import { type DestinationStream, type Logger, pino } from 'pino';
import { messageWithNewCauses } from './error-message.ts';
import { credentialLogPaths, redactionCensor } from './redaction.ts';

export type { Logger };

export interface LoggerOptions {
  readonly service: string;
  readonly level?: string;
  /** Where JSON lines go; standard output by default. Tests pass an in-memory stream. */
  readonly destination?: DestinationStream;
}

/** pino's error serializer (type, stack, own fields), with each cause's message said once. */
function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error);
  return error instanceof Error && serialized !== null && typeof serialized === 'object' ? { ...serialized, message: messageWithNewCauses(error) } : serialized;
}

/** One JSON line per entry, with the service name on every line and credential fields blanked (see credentialLogPaths). */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      redact: { paths: [...credentialLogPaths], censor: redactionCensor },
      serializers: { err: serializeError },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
