// The public door of @churnwatch/replay: the broker-free replay of event files through the
// detection processors, and the backtest of its alerts against churn outcomes.

export { type BenchHistory, type HistoryShape, historyShapes, writeBenchHistory } from './bench/bench-history.ts';
export { dailyAggregateEvents } from './bench/daily-aggregate.ts';
export {
  benchDetectionConfig,
  measureReplayThroughput,
  type ReplayThroughput,
  type ReplayThroughputOptions,
  type TimedPass,
} from './bench/measure-throughput.ts';
export { backtestHelp, runBacktestCommand } from './cli/backtest-command.ts';
export type { CommandIo } from './cli/command-io.ts';
export { replayHelp, runReplayCommand } from './cli/replay-command.ts';
export { detectionProcessorList } from './engine/detection-processors.ts';
export { compareOutputs } from './engine/output-order.ts';
export { createReplayEngine, type ReplayEngine, type ReplayEngineOptions } from './engine/replay-engine.ts';
export { decodeCdnowLine } from './input/cdnow-line.ts';
export { type DecodedLine, decodeEventLine, type RejectReason } from './input/decode-line.ts';
export { type EventKindName, eventKindNames, eventKindRoutes } from './input/event-kinds.ts';
export { type InputFormat, inputFormats } from './input/record-source.ts';
export { type RejectedLine, type ReplayRunHooks, type ReplayRunOptions, type ReplayRunResult, replayedOutputs, runReplay } from './run/replay-run.ts';
export type { ReplayTally } from './run/tally.ts';
