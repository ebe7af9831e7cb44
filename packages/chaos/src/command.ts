import { chaosHelp, parseChaosArgs } from './config.ts';
import { runChaos } from './run-chaos.ts';

/** A command the CLI dispatches to by name; it returns the process exit code. */
export interface ChaosCommand {
  readonly summary: string;
  run(args: string[]): Promise<number | undefined>;
}

/** `./churnwatch chaos`: exit 0 when every scenario kept its promises, 1 otherwise, 2 on bad options. */
export const chaosCommand: ChaosCommand = {
  summary: 'reliability scenarios (kill -9, zombie, scaling, broker restart) on the real services; a count table each',
  async run(args) {
    const config = parseChaosArgs(args);
    if (config === null) {
      process.stdout.write(chaosHelp);
      return 0;
    }
    const say = (line: string) => process.stdout.write(`${line}\n`);
    const outcome = await runChaos(config, say);
    const failed = outcome.results.filter((result) => result.failures.length > 0);
    say(`\n${outcome.results.length - failed.length} of ${config.scenarios.length * config.deliveries.length} scenario runs passed`);
    if (failed.length > 0 || outcome.errors.length > 0) {
      for (const result of failed) process.stderr.write(`failed: ${result.scenario} (${result.delivery}): ${result.failures.join('; ')}\n`);
      for (const error of outcome.errors) process.stderr.write(`did not finish: ${error}\n`);
      process.stderr.write(`logs: ${outcome.workDir}\n`);
    }
    // The tables are printed: a client's leftover timer must not keep the command from ending.
    setTimeout(() => process.exit(), 10_000).unref();
    return failed.length > 0 || outcome.errors.length > 0 ? 1 : 0;
  },
};
