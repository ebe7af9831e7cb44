import type { BenchConfig } from '../config.ts';
import { latencyRowId } from '../latency/row-id.ts';
import type { Ratio, ResultRow } from './results.ts';

type Check = (value: number) => boolean;

function ratioOf(
  rows: readonly ResultRow[],
  id: string,
  label: string,
  target: string,
  check: Check,
  value: (get: (rowId: string) => number | undefined) => number | undefined,
): Ratio {
  const byId = new Map(rows.map((row) => [row.id, row.value]));
  const computed = value((rowId) => byId.get(rowId));
  const finite = computed !== undefined && Number.isFinite(computed) ? computed : null;
  return { id, label, value: finite, target, met: finite === null ? null : check(finite) };
}

const divide = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);

/** The figures the performance targets speak of, computed from the rows of one run. */
export function computeRatios(rows: readonly ResultRow[], config: BenchConfig): Ratio[] {
  const ratios: Ratio[] = [];
  const add = (id: string, label: string, target: string, check: Check, value: (get: (rowId: string) => number | undefined) => number | undefined) =>
    ratios.push(ratioOf(rows, id, label, target, check, value));
  for (const mode of ['alo', 'eos'] as const) {
    add(
      `runtime-vs-peer-${mode}`,
      `runtime / Kafka Streams peer, ${mode === 'alo' ? 'at-least-once' : 'exactly-once'}`,
      '≥ 1.0',
      (v) => v >= 1,
      // The median of each round's own ratio (written by the throughput scenario whenever the peer ran); else the two rows' ratio.
      (get) => get(`throughput.paired-ratio-${mode}`) ?? divide(get(`throughput.runtime-${mode}`), get(`throughput.peer-${mode}`)),
    );
  }
  const fewest = Math.min(...config.replayCustomers);
  const shortest = Math.min(...config.replayDays);
  for (const shape of ['generated', 'daily'] as const) {
    const points = rows.filter((row) => row.id.startsWith(`replay.${shape}.`)).map((row) => row.id.slice(`replay.${shape}.`.length));
    add(
      `replay-vs-floor-${shape}`,
      `replay / parse + validation, ${shape} stream (worst point)`,
      '≥ 0.5',
      (v) => v >= 0.5,
      (get) => {
        const each = points.map((point) => divide(get(`replay.${shape}.${point}`), get(`floor.${shape}.${point}`))).filter((v) => v !== undefined);
        return each.length === 0 ? undefined : Math.min(...each);
      },
    );
    // Against the farthest point measured (the grid's farthest may be over --replay-max-events); none when that is the first.
    const measured = (customers: number, days: number) => points.includes(`${customers}x${days}`);
    const longest = Math.max(shortest, ...config.replayDays.filter((days) => measured(fewest, days)));
    const most = Math.max(fewest, ...config.replayCustomers.filter((customers) => measured(customers, shortest)));
    add(
      `replay-days-flatness-${shape}`,
      `replay events/s ${longest === shortest ? Math.max(...config.replayDays) : longest} d / ${shortest} d of history, ${fewest} customers, ${shape}`,
      '≥ 0.8',
      (v) => v >= 0.8,
      (get) => (longest === shortest ? undefined : divide(get(`replay.${shape}.${fewest}x${longest}`), get(`replay.${shape}.${fewest}x${shortest}`))),
    );
    add(
      `replay-customers-flatness-${shape}`,
      `replay events/s ${most === fewest ? Math.max(...config.replayCustomers) : most} / ${fewest} customers, ${shortest} d, ${shape}`,
      '≥ 0.8',
      (v) => v >= 0.8,
      (get) => (most === fewest ? undefined : divide(get(`replay.${shape}.${most}x${shortest}`), get(`replay.${shape}.${fewest}x${shortest}`))),
    );
  }
  const fastest = Math.max(...config.latencyRates);
  for (const load of config.latencyLoads) {
    for (const [mode, delivery, limitMs] of [
      ['alo', 'at-least-once', 50],
      ['eos', 'exactly-once', 250],
    ] as const) {
      add(
        `p99-${mode}-${load}`,
        `p99 event-to-alert at ${fastest} events/s, ${load} background, ${delivery} (ms)`,
        `≤ ${limitMs} ms`,
        (v) => v <= limitMs,
        (get) => get(latencyRowId(load, mode, fastest, 99)),
      );
    }
  }
  const largest = Math.max(...config.stateCustomers);
  add(
    'heap-per-customer',
    `heap bytes per customer, ${largest} customers, 90 d of usage`,
    '≤ 1024',
    (v) => v <= 1024,
    (get) => get(`state.${largest}.heap-per-customer`),
  );
  for (const [id, how, row] of [
    ['restore-seconds', 'one process', 'restore-seconds'],
    ['restore-seconds-per-service', 'a process per service at once', 'restore-seconds-per-service'],
  ] as const) {
    add(
      id,
      `restore seconds, ${largest} customers, ${how}`,
      '≤ 30 s',
      (v) => v <= 30,
      (get) => get(`state.${largest}.${row}`),
    );
  }
  return ratios;
}
