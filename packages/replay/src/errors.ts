import { ChurnwatchError } from '@churnwatch/errors';

/** A bad command line: the message says what to change. Exit code 2. */
export class ReplayUsageError extends ChurnwatchError {
  constructor(message: string) {
    super('REPLAY_USAGE', message);
  }
}

/** An input file that cannot be used at all (unreadable, or an outcomes file with bad lines). Exit code 1. */
export class ReplayInputError extends ChurnwatchError {
  constructor(path: string, message: string, cause?: unknown) {
    super('REPLAY_INPUT', `${path}: ${message}`, { context: { path }, cause });
  }
}

/** The engine cannot keep its promises (bounded memory) with the stream runtime it runs on: a bug to fix, not bad input. */
export class ReplayEngineError extends ChurnwatchError {
  constructor(message: string) {
    super('REPLAY_ENGINE', message);
  }
}
