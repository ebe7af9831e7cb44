import type { Kafka } from 'kafkajs';
import type { BenchConfig } from '../config.ts';
import type { ResultLog } from '../report/results.ts';

/** What every scenario gets: the configuration, the one broker of the run, where to put rows, and a progress line writer. */
export interface BenchContext {
  readonly config: BenchConfig;
  readonly kafka: Kafka;
  readonly bootstrap: string;
  readonly log: ResultLog;
  readonly say: (line: string) => void;
  /** A scratch folder for generated files, removed at the end of the run. */
  readonly workDir: string;
}
