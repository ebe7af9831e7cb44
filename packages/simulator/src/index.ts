export { generateHelp } from './cli/generate-args.ts';
export { type GenerateIo, runGenerate } from './cli/run-generate.ts';
export { parseSimulationOptions, type SimulationOptions, type SimulationOptionsInput, simulationOptionsSchema } from './config/options.ts';
export { resolveStartDate } from './config/start-date.ts';
export { compareEvents, type EventKind, eventKinds, type SimulatedEvent } from './events/simulated-event.ts';
export { MissingTopicsError, type ProduceOptions, type ProduceResult, produceEvents } from './kafka/produce-events.ts';
export { type Clock, createRateLimiter, type RateLimiter } from './kafka/rate-limiter.ts';
export { defaultTopics } from './kafka/topics.ts';
export { eventToJsonLine, outcomeToJsonLine, writeJsonLines } from './output/jsonl.ts';
export { createEventTally, type EventTally, formatSummary } from './output/summary.ts';
export { type Cohort, cohortNames, type Segment, segmentNames } from './plan/cohorts.ts';
export { type ChurnReason, type CustomerOutcome, churnReasons } from './plan/customer-plan.ts';
export {
  bernoulli,
  choice,
  exponential,
  gamma,
  intBetween,
  logNormal,
  negativeBinomial,
  normal,
  poisson,
  uniform,
  weightedIndex,
  weightedKey,
} from './random/distributions.ts';
export { Prng } from './random/prng.ts';
export { createSimulation, type Simulation } from './simulation.ts';
