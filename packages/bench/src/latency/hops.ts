import { percentile } from './percentiles.ts';

/**
 * Where an alert's latency went, hop by hop, from the record timestamps the services' producers
 * set (all processes run on one machine, one clock): the trigger sent → the complaint monitor's
 * signal written → the risk scorer's alert written → the alert read. Exactly once, a record is
 * written at its transaction's start and readable only after its end, so the wait for a commit
 * shows in the hop that writes it and the transaction's end in the next.
 */
export interface HopTimes {
  readonly sentMs: number;
  readonly signalWrittenMs: number;
  readonly alertWrittenMs: number;
  readonly alertReadMs: number;
}

export interface HopPercentiles {
  readonly monitorMs: number;
  readonly scorerMs: number;
  readonly readerMs: number;
}

const hopsOf = (times: HopTimes): HopPercentiles => ({
  monitorMs: times.signalWrittenMs - times.sentMs,
  scorerMs: times.alertWrittenMs - times.signalWrittenMs,
  readerMs: times.alertReadMs - times.alertWrittenMs,
});

/** Each hop's `p`th percentile over the alerts whose signal was seen; null without any. */
export function hopPercentiles(samples: readonly HopTimes[], p: number): HopPercentiles | null {
  if (samples.length === 0) return null;
  const hops = samples.map(hopsOf);
  const at = (key: keyof HopPercentiles) =>
    percentile(
      hops.map((hop) => hop[key]),
      p,
    );
  return { monitorMs: at('monitorMs'), scorerMs: at('scorerMs'), readerMs: at('readerMs') };
}

/** "hops p50 / p99: complaint monitor 4 / 30 ms, risk scorer 3 / 25 ms, reader 1 / 9 ms", or '' without samples. */
export function hopsText(samples: readonly HopTimes[]): string {
  const median = hopPercentiles(samples, 50);
  const tail = hopPercentiles(samples, 99);
  if (median === null || tail === null) return '';
  const hop = (name: string, key: keyof HopPercentiles) => `${name} ${median[key]} / ${tail[key]} ms`;
  return `hops p50 / p99: ${hop('complaint monitor', 'monitorMs')}, ${hop('risk scorer', 'scorerMs')}, ${hop('reader', 'readerMs')}`;
}
