import { runReplayCommand } from '@churnwatch/replay';
import type { Command } from '../commands.ts';

/** `./churnwatch replay`: the detection processors over an events file, without a broker (packages/replay/README.md). */
const replay: Command = {
  summary: 'replay an events file through the detection processors, without a broker',
  run: (args) =>
    runReplayCommand(args, { stdout: process.stdout, stderr: process.stderr, stderrIsTty: process.stderr.isTTY === true, nowMs: () => performance.now() }),
};

export default replay;
