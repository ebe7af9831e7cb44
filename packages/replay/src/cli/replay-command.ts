import { parseArgs } from 'node:util';
import { ReplayUsageError } from '../errors.ts';
import { formatReplaySummary } from '../run/summary-text.ts';
import type { CommandIo } from './command-io.ts';
import { executeReplay } from './execute-replay.ts';
import { commandFailure } from './failures.ts';
import { replayOptions, replayOptionsHelp, replayRequestOf } from './replay-request.ts';

export const replayHelp = `usage: ./churnwatch replay <events-file> [options]

Runs the detection processors of the services over a file of input events, without a broker,
and writes the alerts and health records they would have produced. Stream time drives every
timer, so a year replays in minutes, and the output is byte-identical on every run and for any
number of partitions. Bad lines are reported with their line number and counted; the rest goes on.
Progress and the summary go to standard error. Formats: packages/replay/README.md.

Options:
${replayOptionsHelp}
  --help                 this text

Without --alerts or --health the alerts go to standard output.

Examples:
  ./churnwatch generate --seed 42 --customers 500 --days 365 --out events.jsonl --outcomes outcomes.jsonl
  ./churnwatch replay events.jsonl --alerts alerts.jsonl --health health.jsonl --rejects rejects.jsonl
  ./churnwatch replay ../shared/data/cdnow/CDNOW_master.txt --format cdnow --alerts cdnow-alerts.jsonl`;

/** `./churnwatch replay`: returns the exit code (0 done, 1 unusable input, 2 bad arguments or configuration). */
export async function runReplayCommand(args: readonly string[], io: CommandIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: replayOptions, allowPositionals: true });
    if (values.help) {
      io.stdout.write(`${replayHelp}\n`);
      return 0;
    }
    if (positionals.length > 1) throw new ReplayUsageError(`expected one events file, got ${positionals.length}`);
    const request = replayRequestOf(positionals[0], values);
    const toStdout = request.alertsPath === undefined && request.healthPath === undefined ? { ...request, alertsPath: '-' } : request;
    const replayed = await executeReplay(toStdout, io);
    io.stderr.write(`${formatReplaySummary(replayed.tally, { elapsedMs: replayed.elapsedMs, partitions: request.partitions, endMs: replayed.endMs })}\n`);
    return 0;
  } catch (error) {
    return commandFailure(io, 'replay', error, replayHelp);
  }
}
