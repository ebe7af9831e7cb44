import type { Prng } from '@churnwatch/simulator';
import type { Kafka } from 'kafkajs';
import type { ChaosConfig } from '../config.ts';

/** What the broker-restart and broker-freeze scenarios need of the broker; absent when the broker is not this run's own. */
export interface RestartableBroker {
  stop(): Promise<void>;
  start(): Promise<void>;
  /** SIGSTOP: connections stay open, nothing is answered until `thaw()`. */
  freeze(): void;
  thaw(): void;
}

/** Everything a scenario runs against. */
export interface ChaosContext {
  readonly config: ChaosConfig;
  readonly kafka: Kafka;
  readonly bootstrap: string;
  readonly broker?: RestartableBroker;
  readonly workDir: string;
  /** Seeded: which service and when are chosen from it, so a run can be repeated. */
  readonly random: Prng;
  readonly say: (line: string) => void;
}
