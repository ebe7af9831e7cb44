import type { LatencyLoad } from '../config.ts';

/** The results row of one latency percentile: `latency.<load>.<alo|eos>.<rate>.p<percentile>`. */
export function latencyRowId(load: LatencyLoad, mode: 'alo' | 'eos', rate: number, percentile: number): string {
  return `latency.${load}.${mode}.${rate}.p${percentile}`;
}
