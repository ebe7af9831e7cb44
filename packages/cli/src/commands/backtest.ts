import { runBacktestCommand } from '@churnwatch/replay';
import type { Command } from '../commands.ts';

/** `./churnwatch backtest`: replay, then precision, recall, lead time and fatigue against churn outcomes (packages/replay/README.md). */
const backtest: Command = {
  summary: 'replay and score the alerts against churn outcomes: precision, recall, lead time',
  run: (args) =>
    runBacktestCommand(args, { stdout: process.stdout, stderr: process.stderr, stderrIsTty: process.stderr.isTTY === true, nowMs: () => performance.now() }),
};

export default backtest;
