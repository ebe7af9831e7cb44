// The public door of @churnwatch/bench: the benchmark commands the CLI dispatches to, and the
// pieces a test drives (options, one run, the results files).

export { benchCommand } from './commands/bench.ts';
export type { BenchCommand } from './commands/bench-command.ts';
export { benchContractsCommand } from './commands/bench-contracts.ts';
export { benchRuntimeCommand } from './commands/bench-runtime.ts';
export { type BenchConfig, benchHelp, parseBenchArgs, type ScenarioName, scenarioNames } from './config.ts';
export { computeRatios } from './report/ratios.ts';
export type { BenchResults, Ratio, ResultRow, SkippedItem } from './report/results.ts';
export { resultFiles, writeResults } from './report/write-results.ts';
export { type BenchRunOutcome, runBench } from './run-bench.ts';
