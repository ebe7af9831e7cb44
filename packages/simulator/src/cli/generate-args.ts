import { parseArgs } from 'node:util';
import { ConfigError } from '@churnwatch/errors';
import { type EventKind, eventKinds } from '../events/simulated-event.ts';
import { type Cohort, cohortNames } from '../plan/cohorts.ts';

export const generateHelp = `usage: ./churnwatch generate [options]

Seeded synthetic customer histories with their ground truth. The same options always give the
same bytes. Writes JSON Lines (--out, --outcomes) and/or produces to Kafka (--to-kafka).

Simulation:
  --seed <n>              seed (default 1)
  --customers <n>         number of customers (default 200)
  --days <n>              simulated days, at least 90 (default 365)
  --start <date>          first day: YYYY-MM-DD (default 2025-01-01), now, now-<n>d or now+<n>d
                          (now-365d with --days 365 gives a history that ends today, UTC)
  --until <instant>       leave out events after this instant: now, or e.g. 2026-03-01T12:00:00Z
                          (--start now-90d --days 91 --until now: a history up to this moment)
  --usage-scale <x>       multiply usage volume (default 1; 0.1 = a tenth of the usage events)
  --mix <c=w,...>         cohort weights; cohorts not listed get 0. Cohorts: ${cohortNames.join(', ')}
  --id-prefix <text>      customer ids are <text>-00042 (default cust)
  --config <file.json>    any simulation option as JSON (see packages/simulator/README.md);
                          flags given as well win over the file

Output:
  --out <file|->          events, one JSON object a line, in event-time order
  --outcomes <file|->     ground truth, one line per customer
  --to-kafka <brokers>    produce the events, e.g. localhost:9092 (topics must exist)
  --rate <events/s>       with --to-kafka: average rate (default: as fast as possible)
  --topic <kind=topic>    with --to-kafka: topic for a kind (repeatable). Kinds: ${eventKinds.join(', ')}

A summary (customers per cohort, events per kind, events/s) goes to standard error.`;

export interface GenerateRequest {
  readonly help: boolean;
  readonly configPath: string | undefined;
  /** Simulation options given as flags (they override the config file). */
  readonly overrides: Record<string, unknown>;
  readonly start: string | undefined;
  /** `now` or an ISO instant. */
  readonly until: string | undefined;
  readonly out: string | undefined;
  readonly outcomes: string | undefined;
  readonly brokers: readonly string[] | undefined;
  readonly eventsPerSecond: number | undefined;
  readonly topics: Partial<Record<EventKind, string>>;
}

function isCohort(name: string): name is Cohort {
  return (cohortNames as readonly string[]).includes(name);
}

function isKind(name: string): name is EventKind {
  return (eventKinds as readonly string[]).includes(name);
}

/** Parses the command line; throws a `ConfigError` naming every bad argument. */
export function parseGenerateArgs(args: readonly string[]): GenerateRequest {
  const issues: string[] = [];
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        seed: { type: 'string' },
        customers: { type: 'string' },
        days: { type: 'string' },
        start: { type: 'string' },
        until: { type: 'string' },
        'usage-scale': { type: 'string' },
        mix: { type: 'string', multiple: true },
        'id-prefix': { type: 'string' },
        config: { type: 'string' },
        out: { type: 'string' },
        outcomes: { type: 'string' },
        'to-kafka': { type: 'string' },
        rate: { type: 'string' },
        topic: { type: 'string', multiple: true },
      },
    }));
  } catch (error) {
    throw new ConfigError('generate arguments', [(error as Error).message]);
  }
  const number = (flag: string): number | undefined => {
    const raw = values[flag];
    if (typeof raw !== 'string') return undefined;
    const parsed = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(parsed)) issues.push(`--${flag}: "${raw}" is not a number`);
    return parsed;
  };
  const overrides: Record<string, unknown> = {};
  for (const [flag, key] of [
    ['seed', 'seed'],
    ['customers', 'customers'],
    ['days', 'days'],
    ['usage-scale', 'usageScale'],
  ] as const) {
    const parsed = number(flag);
    if (parsed !== undefined) overrides[key] = parsed;
  }
  if (typeof values['id-prefix'] === 'string') overrides.customerIdPrefix = values['id-prefix'];
  const mixArgs = (values.mix as string[] | undefined) ?? [];
  if (mixArgs.length) {
    const mix: Record<string, number> = Object.fromEntries(cohortNames.map((cohort) => [cohort, 0]));
    for (const pair of mixArgs.flatMap((arg) => arg.split(','))) {
      const [name = '', weight = ''] = pair.split('=');
      if (!isCohort(name)) issues.push(`--mix: unknown cohort "${name}" (known: ${cohortNames.join(', ')})`);
      else if (weight.trim() === '' || !(Number(weight) >= 0)) issues.push(`--mix: weight of ${name} must be a number ≥ 0, got "${weight}"`);
      else mix[name] = Number(weight);
    }
    overrides.cohortMix = mix;
  }
  const topics: Partial<Record<EventKind, string>> = {};
  for (const pair of (values.topic as string[] | undefined) ?? []) {
    const [kind = '', topic = ''] = pair.split('=');
    if (!isKind(kind)) issues.push(`--topic: unknown kind "${kind}" (known: ${eventKinds.join(', ')})`);
    else if (!topic) issues.push(`--topic: give a topic name after ${kind}=`);
    else topics[kind] = topic;
  }
  const brokersArg = values['to-kafka'];
  const brokers = typeof brokersArg === 'string' ? brokersArg.split(',').filter(Boolean) : undefined;
  if (brokers?.length === 0) issues.push('--to-kafka: give at least one broker, e.g. localhost:9092');
  const eventsPerSecond = number('rate');
  if (eventsPerSecond !== undefined && !(eventsPerSecond > 0)) issues.push('--rate: must be above 0');
  if (eventsPerSecond !== undefined && !brokers) issues.push('--rate: only applies with --to-kafka');
  if (Object.keys(topics).length && !brokers) issues.push('--topic: only applies with --to-kafka');
  const help = values.help === true;
  const out = values.out as string | undefined;
  const outcomes = values.outcomes as string | undefined;
  if (!help && !out && !outcomes && !brokers) issues.push('say where the output goes: --out, --outcomes and/or --to-kafka');
  if (out === '-' && outcomes === '-') issues.push('--out and --outcomes cannot both go to standard output');
  if (issues.length) throw new ConfigError('generate arguments', issues);
  return {
    help,
    configPath: values.config as string | undefined,
    overrides,
    start: values.start as string | undefined,
    until: values.until as string | undefined,
    out,
    outcomes,
    brokers,
    eventsPerSecond,
    topics,
  };
}
