import { ChurnwatchError, type ChurnwatchErrorOptions } from '@churnwatch/errors';

/** A scenario could not run to its end (a service would not start, the pipeline never settled). */
export class ChaosError extends ChurnwatchError {
  constructor(code: `CHAOS_${string}`, message: string, options: ChurnwatchErrorOptions = {}) {
    super(code, message, options);
  }
}
