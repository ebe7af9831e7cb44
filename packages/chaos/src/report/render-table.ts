import type { ScenarioResult } from './scenario-result.ts';

const count = (n: number) => n.toLocaleString('en-US');

/** A row naming the fields that differ and how often, or none when nothing differs. */
const fieldsRow = (label: string, fields: readonly (readonly [string, number])[]): [string, string][] =>
  fields.length === 0 ? [] : [[label, fields.map(([field, n]) => `${field} ${count(n)}`).join(', ')]];

/** Pure: one scenario as a two-column table, its disturbances and its verdict below. */
export function renderScenarioTable(result: ScenarioResult): string {
  const { tally } = result;
  const rows: [string, string][] = [
    ['events in', count(result.eventsIn)],
    ['alerts out', count(tally.alertsOut)],
    ['alerts in the replay', count(tally.expected)],
    ['lost', count(tally.lost)],
    ['duplicated', count(tally.duplicated)],
    ['not in the replay', count(tally.unexpected)],
    ['repeats differing from their original', count(tally.alteredDuplicates)],
    ['alert set equals the replay', tally.sameSetAsReplay ? 'yes' : 'no'],
    ['same id as the replay, other content', count(tally.otherContent)],
    ...fieldsRow('alert fields that differ', tally.otherContentFields),
    [
      'health table rows / in the replay',
      `${count(result.health.expected - result.health.missing + result.health.unexpected)} / ${count(result.health.expected)}`,
    ],
    ["health rows other than the replay's", count(result.health.differing)],
    // Shown when there are any: the replay's state as of another moment is no difference.
    ...(result.health.sameStateOtherAsOf > 0
      ? [["health rows with the replay's state, other asOf", count(result.health.sameStateOtherAsOf)] as [string, string]]
      : []),
    ...fieldsRow('health fields that differ', result.health.differingFields),
    ...result.extra.map(([label, value]): [string, string] => [label, value]),
    ['seconds', result.seconds.toFixed(1)],
  ];
  // Counts line up on the right; longer text (reasons, intervals, paths) just follows.
  const isCount = (value: string) => value.length <= 12;
  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => (isCount(value) ? value.length : 0)));
  const rule = `  ${'-'.repeat(width)}  ${'-'.repeat(valueWidth)}`;
  return [
    `${result.scenario} (${result.delivery})`,
    rule,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${isCount(value) ? value.padStart(valueWidth) : value}`),
    rule,
    ...result.disturbances.map((line) => `  · ${line}`),
    result.failures.length === 0 ? '  PASS' : `  FAIL: ${result.failures.join('; ')}`,
  ].join('\n');
}
