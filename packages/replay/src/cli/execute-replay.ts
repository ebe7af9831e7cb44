import type { EmittedOutput } from '@churnwatch/stream-runtime';
import { detectionProcessorList } from '../engine/detection-processors.ts';
import { openLineWriter } from '../run/line-writer.ts';
import { createProgress } from '../run/progress.ts';
import { type ReplayRunResult, runReplay } from '../run/replay-run.ts';
import type { CommandIo } from './command-io.ts';
import { loadDetectionConfig, loadPurchaseScorer } from './detection-setup.ts';
import type { ReplayRequest } from './replay-request.ts';

/** Rejected lines printed on standard error; every one is counted, and all go to `--rejects`. */
const maxPrintedRejects = 100;

export interface ExecutedReplay extends ReplayRunResult {
  readonly elapsedMs: number;
}

/**
 * Runs a replay request: the detection processors from the configuration, the file, the writers
 * of alerts, health records and rejects, and progress on standard error. `observe` sees every
 * output too (the backtest collects opened alerts with it).
 */
export async function executeReplay(request: ReplayRequest, io: CommandIo, observe?: (outputs: readonly EmittedOutput[]) => void): Promise<ExecutedReplay> {
  const config = await loadDetectionConfig(request.configPath, request.format);
  const purchaseScorer = await loadPurchaseScorer(request.purchaseModelsPath, request.purchaseModelThresholds);
  const writers = {
    alerts: request.alertsPath === undefined ? undefined : await openLineWriter(request.alertsPath, io.stdout),
    customerHealth: request.healthPath === undefined ? undefined : await openLineWriter(request.healthPath, io.stdout),
    rejects: request.rejectsPath === undefined ? undefined : await openLineWriter(request.rejectsPath, io.stdout),
  };
  const progress = request.progress
    ? createProgress({ stream: io.stderr, tty: io.stderrIsTty, nowMs: io.nowMs, unit: request.format === 'cdnow' ? 'rows' : 'bytes' })
    : undefined;
  const say = (text: string) => (progress ? progress.note(text) : io.stderr.write(`${text}\n`));
  const startedMs = io.nowMs();
  let printed = 0;
  try {
    const result = await runReplay(
      { ...request, processors: detectionProcessorList(config, purchaseScorer === undefined ? {} : { purchaseScorer }) },
      {
        async onOutputs(outputs) {
          observe?.(outputs);
          for (const output of outputs) {
            const writer = output.output === 'alerts' ? writers.alerts : writers.customerHealth;
            if (writer) await writer.write(JSON.stringify(output.value));
          }
        },
        async onReject(rejected) {
          if (printed < maxPrintedRejects) say(`${request.path}:${rejected.lineNumber}: rejected (${rejected.reason}): ${rejected.message}`);
          else if (printed === maxPrintedRejects) say(`… further rejected lines are counted${writers.rejects ? ' and written to --rejects' : ''}, not printed`);
          printed++;
          await writers.rejects?.write(JSON.stringify({ line: rejected.lineNumber, reason: rejected.reason, message: rejected.message, text: rejected.line }));
        },
        onProgress(done, total, tally) {
          progress?.update(
            done,
            total,
            Object.values(tally.eventsByKind).reduce((sum, count) => sum + count, 0),
          );
        },
      },
    );
    return { ...result, elapsedMs: io.nowMs() - startedMs };
  } finally {
    progress?.end();
    await Promise.all(Object.values(writers).map((writer) => writer?.close()));
  }
}
