import { eventKindNames } from '../input/event-kinds.ts';
import type { ReplayTally } from './tally.ts';

const n = (value: number) => value.toLocaleString('en-US');
const iso = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString());

function counts(entries: readonly (readonly [string, number])[]): string {
  return entries.length === 0 ? 'none' : entries.map(([name, count]) => `${name} ${n(count)}`).join(', ');
}

/** The replay's closing summary (standard error): counts per kind, rejects, alerts per kind and status, and the throughput. */
export function formatReplaySummary(
  tally: ReplayTally,
  run: { readonly elapsedMs: number; readonly partitions: number; readonly endMs: number | null },
): string {
  const events = Object.values(tally.eventsByKind).reduce((sum, count) => sum + count, 0);
  const seconds = Math.max(run.elapsedMs / 1000, 1e-3);
  const alertKinds = [...new Set(Object.keys(tally.alerts).map((key) => key.split(' ')[0]!))].sort();
  const alertTotal = Object.values(tally.alerts).reduce((sum, count) => sum + count, 0);
  const lines = [
    `replayed ${n(events)} events in ${seconds.toFixed(2)} s (${n(Math.round(events / seconds))} events/s) on ${run.partitions} partition${run.partitions === 1 ? '' : 's'}`,
    `  lines read     ${n(tally.linesRead)}`,
    `  events         ${counts(eventKindNames.filter((kind) => tally.eventsByKind[kind]).map((kind) => [kind, tally.eventsByKind[kind]!]))}`,
    `  rejected       ${n(tally.rejected)}${tally.rejected ? ` (${counts(Object.entries(tally.rejectedByReason))})` : ''}`,
    `  late events    ${n(tally.lateEvents)} (behind the stream time; processed as live late events)`,
    ...(tally.afterUntil ? [`  after --until  ${n(tally.afterUntil)} (not replayed)`] : []),
    `  event time     ${iso(tally.firstEventMs)} … ${iso(tally.lastEventMs)}; stream time ended at ${iso(run.endMs)}`,
    `  alerts         ${n(alertTotal)}`,
    ...alertKinds.map((kind) => {
      const steps = Object.entries(tally.alerts).filter(([key]) => key.startsWith(`${kind} `));
      return `    ${kind.padEnd(22)} ${counts(steps.map(([key, count]) => [key.slice(kind.length + 1), count]))}`;
    }),
    `  health records ${n(tally.healthRecords)}`,
  ];
  return lines.join('\n');
}
