import { parseArgs } from 'node:util';
import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { openOutputFile } from '@churnwatch/errors';
import { type AlertOpening, computeBacktest, defaultInformationalKinds } from '../backtest/backtest.ts';
import { cdnowProxyOutcomes } from '../backtest/cdnow-outcomes.ts';
import { type CustomerOutcome, readOutcomes } from '../backtest/outcomes.ts';
import { renderBacktestSvg } from '../backtest/report-chart.ts';
import { formatBacktestTable } from '../backtest/report-table.ts';
import { ReplayUsageError } from '../errors.ts';
import { formatReplaySummary } from '../run/summary-text.ts';
import type { CommandIo } from './command-io.ts';
import { executeReplay } from './execute-replay.ts';
import { commandFailure } from './failures.ts';
import { parseUntil, parseWhole } from './instants.ts';
import { type ReplayRequest, replayOptions, replayOptionsHelp, replayRequestOf } from './replay-request.ts';

export const backtestHelp = `usage: ./churnwatch backtest --events <events-file> --outcomes <outcomes-file> [options]
       ./churnwatch backtest --cdnow <CDNOW_master.txt> --calibration-end YYYY-MM-DD [options]

Replays the events (as ./churnwatch replay does) and joins the alerts opened with the customers'
churn outcomes: per alert kind and overall, precision, recall, lead time (days from the first
alert to churn: p25, median, p75) and alerts per customer per month (fatigue). Prints a table,
writes the report as JSON and a chart as SVG. Definitions and formats: packages/replay/README.md.

Options:
  --events <file>          input events (JSON Lines with "kind"), as for replay
  --outcomes <file>        churn outcomes, one customer a line: customerId, churned, churnDate
  --cdnow <file>           instead of --events/--outcomes: the CDNOW master file, with the proxy
                           outcome "no purchase in the holdout" (churn = the day after the
                           calibration end); replays purchases up to the calibration end
  --calibration-end <date> with --cdnow: last day of the calibration period (required)
  --holdout-weeks <n>      with --cdnow: length of the holdout (default 39)
  --min-lead-days <n>      an alert counts for a churn when opened at least this many days
  --max-lead-days <n>      and at most this many days before the churn date (default 0 and 120)
  --out <file>             the report as JSON (default backtest.json)
  --chart <file>           the chart as SVG (default backtest.svg)
${replayOptionsHelp}
  --help                   this text

Example:
  ./churnwatch generate --seed 42 --customers 500 --days 365 --out events.jsonl --outcomes outcomes.jsonl
  ./churnwatch backtest --events events.jsonl --outcomes outcomes.jsonl --out backtest.json --chart backtest.svg`;

const backtestOptions = {
  ...replayOptions,
  events: { type: 'string' },
  outcomes: { type: 'string' },
  cdnow: { type: 'string' },
  'calibration-end': { type: 'string' },
  'holdout-weeks': { type: 'string', default: '39' },
  'min-lead-days': { type: 'string', default: '0' },
  'max-lead-days': { type: 'string', default: '120' },
  out: { type: 'string', default: 'backtest.json' },
  chart: { type: 'string', default: 'backtest.svg' },
} as const;

type BacktestValues = ReturnType<typeof parseArgs<{ args: string[]; options: typeof backtestOptions }>>['values'];

interface BacktestPlan {
  readonly replay: ReplayRequest;
  readonly outcomes: () => Promise<CustomerOutcome[]>;
  readonly title: string;
  readonly notes: readonly string[];
}

async function planOf(values: BacktestValues): Promise<BacktestPlan> {
  if (values.cdnow !== undefined) {
    if (values.events !== undefined || values.outcomes !== undefined)
      throw new ReplayUsageError('--cdnow replaces --events and --outcomes; give one or the other');
    if (values['calibration-end'] === undefined) throw new ReplayUsageError('--cdnow needs --calibration-end YYYY-MM-DD');
    if (values.until !== undefined || (values.format !== undefined && values.format !== 'events'))
      throw new ReplayUsageError('--cdnow sets the format and the end (the calibration end) itself');
    const calibrationEndMs = parseUntil(values['calibration-end'], '--calibration-end');
    const holdoutWeeks = parseWhole(values['holdout-weeks'] ?? '39', '--holdout-weeks', 1, 520);
    const proxy = await cdnowProxyOutcomes(values.cdnow, calibrationEndMs, holdoutWeeks * 7);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const { repeatBuyers } = proxy;
    const notes = [
      `PROXY outcomes: churned = bought on or before ${day(calibrationEndMs)} and made no purchase from ${day(proxy.churnMs)} through ${day(proxy.holdoutEndMs - 1)} (${holdoutWeeks} weeks); churn date ${day(proxy.churnMs)}`,
      `repeat buyers (purchases on 2+ days by the calibration end): ${repeatBuyers.customers}, of whom ${repeatBuyers.churned} churned (rate ${(repeatBuyers.churned / Math.max(repeatBuyers.customers, 1)).toFixed(3)}); only they can have a purchase rhythm`,
    ];
    if (proxy.lastPurchaseMs !== null && proxy.lastPurchaseMs < proxy.holdoutEndMs - 7 * 86_400_000) {
      notes.push(`warning: the file's last purchase is on ${day(proxy.lastPurchaseMs)}, well before the holdout ends`);
    }
    return {
      replay: replayRequestOf(values.cdnow, { ...values, format: 'cdnow', until: values['calibration-end'] }),
      outcomes: async () => proxy.outcomes,
      title: 'backtest on CDNOW (proxy outcomes)',
      notes,
    };
  }
  if (values.events === undefined || values.outcomes === undefined)
    throw new ReplayUsageError('name the events (--events) and the outcomes (--outcomes), or use --cdnow');
  const outcomesPath = values.outcomes;
  return { replay: replayRequestOf(values.events, values), outcomes: () => readOutcomes(outcomesPath), title: 'backtest', notes: [] };
}

/** An opened alert as the backtest counts it; a purchase lapse's delay from the gaps its evidence states. */
function openingOf(alert: ChurnRiskAlertV1): AlertOpening {
  const opening = { customerId: alert.customerId, kind: alert.kind, atMs: Date.parse(alert.eventTime) };
  const observed = alert.evidence[0]?.observed ?? {};
  const { daysSinceLastPurchase: days, meanIntervalDays: meanGap } = observed;
  if (alert.kind !== 'purchase_lapse' || typeof days !== 'number' || typeof meanGap !== 'number' || !(meanGap > 0)) return opening;
  return { ...opening, meanGapsSinceLastPurchase: days / meanGap };
}

/** `./churnwatch backtest`: returns the exit code (0 done, 1 unusable input, 2 bad arguments or configuration). */
export async function runBacktestCommand(args: readonly string[], io: CommandIo): Promise<number> {
  try {
    const { values } = parseArgs({ args: [...args], options: backtestOptions, allowPositionals: false });
    if (values.help) {
      io.stdout.write(`${backtestHelp}\n`);
      return 0;
    }
    const minLeadDays = parseWhole(values['min-lead-days'], '--min-lead-days', 0, 3650);
    const maxLeadDays = parseWhole(values['max-lead-days'], '--max-lead-days', 1, 3650);
    if (minLeadDays >= maxLeadDays) throw new ReplayUsageError('--min-lead-days must be below --max-lead-days');
    const plan = await planOf(values);
    const outcomes = await plan.outcomes();
    // Opened before the replay, so that a path that cannot be written does not cost it.
    const [reportFile, chartFile] = [await openOutputFile(values.out), await openOutputFile(values.chart)];
    const openings: AlertOpening[] = [];
    const replayed = await executeReplay(plan.replay, io, (outputs) => {
      for (const output of outputs) {
        if (output.output !== 'alerts') continue;
        const alert = output.value as ChurnRiskAlertV1;
        if (alert.status === 'opened') openings.push(openingOf(alert));
      }
    });
    io.stderr.write(`${formatReplaySummary(replayed.tally, { elapsedMs: replayed.elapsedMs, partitions: plan.replay.partitions, endMs: replayed.endMs })}\n`);
    const startMs = replayed.tally.firstEventMs ?? replayed.endMs ?? 0;
    const report = computeBacktest(openings, outcomes, {
      minLeadDays,
      maxLeadDays,
      historyStartMs: startMs,
      historyEndMs: replayed.endMs ?? startMs,
      informationalKinds: defaultInformationalKinds,
    });
    io.stdout.write(`${[...plan.notes, formatBacktestTable(report, plan.title)].join('\n')}\n`);
    const inputs = {
      events: plan.replay.path,
      format: plan.replay.format,
      outcomes: values.outcomes ?? null,
      config: plan.replay.configPath ?? null,
      purchaseModels: plan.replay.purchaseModelsPath ?? null,
    };
    await reportFile.close(`${JSON.stringify({ title: plan.title, notes: plan.notes, inputs, ...report }, null, 2)}\n`);
    await chartFile.close(renderBacktestSvg(report, `churnwatch ${plan.title}`));
    io.stdout.write(`\nreport written to ${values.out}, chart to ${values.chart}\n`);
    return 0;
  } catch (error) {
    return commandFailure(io, 'backtest', error, backtestHelp);
  }
}
