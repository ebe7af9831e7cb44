/** A subcommand of ./churnwatch: loaded only when asked for, so one command's imports never slow another. */
export interface Command {
  readonly summary: string;
  run(args: string[]): Promise<number | undefined>;
}

type CommandLoader = () => Promise<Command>;

// One line per command; each module default-exports a Command.
export const commands: Record<string, CommandLoader> = {
  demo: async () => (await import('./commands/demo.ts')).default,
  topics: async () => (await import('./commands/topics.ts')).default,
  bench: async () => (await import('@churnwatch/bench')).benchCommand,
  'bench-contracts': async () => (await import('@churnwatch/bench')).benchContractsCommand,
  'bench-runtime': async () => (await import('@churnwatch/bench')).benchRuntimeCommand,
  chaos: async () => (await import('@churnwatch/chaos')).chaosCommand,
  fit: async () => (await import('./commands/fit.ts')).default,
  generate: async () => (await import('./commands/generate.ts')).default,
  replay: async () => (await import('./commands/replay.ts')).default,
  backtest: async () => (await import('./commands/backtest.ts')).default,
  alerts: async () => (await import('./commands/alerts.ts')).default,
};
