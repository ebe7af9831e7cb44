import type { ParseArgsOptionsConfig } from 'node:util';
import { defaultModelLapseThresholds as modelDefaults } from '@churnwatch/model-lapse-scorer';
import { ReplayUsageError } from '../errors.ts';
import { type InputFormat, inputFormats } from '../input/record-source.ts';
import { parseProbability, parseUntil, parseWhole } from './instants.ts';

/** What to replay and where its outputs go; shared by `replay` and `backtest`. */
export interface ReplayRequest {
  readonly path: string;
  readonly format: InputFormat;
  readonly partitions: number;
  readonly untilMs?: number;
  /** Events further than this ahead of the stream time are rejected, ms. */
  readonly maxAheadMs: number;
  readonly configPath?: string;
  readonly rejectsPath?: string;
  readonly alertsPath?: string;
  readonly healthPath?: string;
  /** Parameters of `./churnwatch fit`: the purchase monitor then judges lapses with the BG/NBD model. */
  readonly purchaseModelsPath?: string;
  readonly purchaseModelThresholds: { readonly lapseBelowProbability: number; readonly criticalBelowProbability: number; readonly horizonDays: number };
  readonly progress: boolean;
}

export const replayOptions = {
  format: { type: 'string', default: 'events' },
  partitions: { type: 'string', default: '1' },
  until: { type: 'string' },
  'max-ahead-days': { type: 'string', default: '7' },
  config: { type: 'string' },
  rejects: { type: 'string' },
  alerts: { type: 'string' },
  health: { type: 'string' },
  'purchase-models': { type: 'string' },
  'purchase-model-lapse-below': { type: 'string', default: String(modelDefaults.lapseBelowProbability) },
  'purchase-model-critical-below': { type: 'string', default: String(modelDefaults.criticalBelowProbability) },
  'purchase-model-horizon-days': { type: 'string', default: String(modelDefaults.horizonDays) },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const satisfies ParseArgsOptionsConfig;

export const replayOptionsHelp = `  --format events|cdnow  events: JSON Lines, one input event a line with its "kind" (default);
                         cdnow: the CDNOW master file (customer date cds dollars), as purchases
  --partitions <n>       partitions to simulate, 1-256 (default 1); the output does not depend on it
  --until <date|instant> end of the history: later events are not replayed and stream time ends
                         there (a date means its last millisecond, UTC); default: the last event
  --max-ahead-days <n>   an event more than n days (1-3650) ahead of the stream time so far is
                         rejected (event_time_out_of_range) unless the next event follows it;
                         one more than n days ahead of now always is (default 7)
  --config <file>        detection configuration (JSON), as the services read it; default: built-in
  --rejects <file>       also write every rejected line as JSON Lines (line, reason, message, text)
  --alerts <file|->      write the alerts (churnwatch.alerts values) as JSON Lines
  --health <file|->      write the health records (churnwatch.customer-health values) as JSON Lines
  --purchase-models <file>  parameters written by ./churnwatch fit: the purchase monitor judges
                         lapses by the chance of a purchase within a horizon (BG/NBD and the
                         customer's own gaps), as the purchase-monitor service does with
                         CHURNWATCH_PURCHASE_MODELS_FILE; default: the customer's purchase gaps
  --purchase-model-lapse-below <p>     with a model: lapsed below this chance (default ${modelDefaults.lapseBelowProbability})
  --purchase-model-critical-below <p>  with a model: critical below this chance (default ${modelDefaults.criticalBelowProbability})
  --purchase-model-horizon-days <n>    with a model: the horizon of that chance (default ${modelDefaults.horizonDays})
  --quiet                no progress on standard error`;

type Values = { [K in keyof typeof replayOptions]?: (typeof replayOptions)[K]['type'] extends 'boolean' ? boolean : string };

export function replayRequestOf(path: string | undefined, values: Values): ReplayRequest {
  if (path === undefined) throw new ReplayUsageError('name the events file to replay');
  const format = values.format ?? 'events';
  if (!(inputFormats as readonly string[]).includes(format))
    throw new ReplayUsageError(`--format must be one of ${inputFormats.join(', ')} (got ${JSON.stringify(format)})`);
  const outputs = [values.alerts, values.health, values.rejects].filter((target) => target !== undefined);
  if (outputs.filter((target) => target === '-').length > 1)
    throw new ReplayUsageError('only one of --alerts, --health and --rejects can write to standard output (-)');
  return {
    path,
    format: format as InputFormat,
    partitions: parseWhole(values.partitions ?? '1', '--partitions', 1, 256),
    ...(values.until === undefined ? {} : { untilMs: parseUntil(values.until) }),
    maxAheadMs: parseWhole(values['max-ahead-days'] ?? '7', '--max-ahead-days', 1, 3650) * 86_400_000,
    ...(values.config === undefined ? {} : { configPath: values.config }),
    ...(values.rejects === undefined ? {} : { rejectsPath: values.rejects }),
    ...(values.alerts === undefined ? {} : { alertsPath: values.alerts }),
    ...(values.health === undefined ? {} : { healthPath: values.health }),
    ...(values['purchase-models'] === undefined ? {} : { purchaseModelsPath: values['purchase-models'] }),
    purchaseModelThresholds: {
      lapseBelowProbability: parseProbability(
        values['purchase-model-lapse-below'] ?? String(modelDefaults.lapseBelowProbability),
        '--purchase-model-lapse-below',
      ),
      criticalBelowProbability: parseProbability(
        values['purchase-model-critical-below'] ?? String(modelDefaults.criticalBelowProbability),
        '--purchase-model-critical-below',
      ),
      horizonDays: parseWhole(values['purchase-model-horizon-days'] ?? String(modelDefaults.horizonDays), '--purchase-model-horizon-days', 1, 3660),
    },
    progress: !values.quiet,
  };
}
