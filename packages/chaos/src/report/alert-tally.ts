import { compareFields } from './json-fields.ts';

/** One record read from the alerts topic: its `churnwatch-id` header, the alert's own id and its bytes. */
export interface ObservedAlert {
  readonly headerId: string;
  readonly eventId: string;
  readonly value: string;
}

/** The alert a replay of the same input produced. */
export interface ExpectedAlert {
  readonly id: string;
  readonly value: string;
}

/** How a disturbed run's alerts compare with the replay of its input. */
export interface AlertTally {
  readonly alertsOut: number;
  readonly expected: number;
  /** Expected ids never seen. */
  readonly lost: number;
  /** Records beyond the first of their id. */
  readonly duplicated: number;
  /** Ids seen that the replay never produced. */
  readonly unexpected: number;
  /** Records whose header id differs from the alert's `eventId`. */
  readonly idMismatches: number;
  /** Repeats whose bytes differ from the first record of their id. */
  readonly alteredDuplicates: number;
  /** Ids seen whose first record differs from the replay's alert of that id (shown, not judged). */
  readonly otherContent: number;
  /** For those, how many differ in each top-level field, most first. */
  readonly otherContentFields: readonly (readonly [field: string, count: number])[];
  /** The distinct ids seen are exactly the replay's. */
  readonly sameSetAsReplay: boolean;
}

/** Pure: counts lost, duplicated and unexpected alerts by id. */
export function tallyAlerts(observed: readonly ObservedAlert[], expected: readonly ExpectedAlert[]): AlertTally {
  const firstById = new Map<string, string>();
  let duplicated = 0;
  let alteredDuplicates = 0;
  let idMismatches = 0;
  for (const alert of observed) {
    if (alert.headerId !== alert.eventId) idMismatches++;
    const first = firstById.get(alert.headerId);
    if (first === undefined) {
      firstById.set(alert.headerId, alert.value);
      continue;
    }
    duplicated++;
    if (first !== alert.value) alteredDuplicates++;
  }
  const expectedById = new Map(expected.map((alert) => [alert.id, alert.value]));
  const expectedIds = new Set(expectedById.keys());
  const lost = [...expectedIds].filter((id) => !firstById.has(id)).length;
  const content = compareFields(
    [...firstById].flatMap(([id, value]) => {
      const replayed = expectedById.get(id);
      return replayed === undefined ? [] : [[value, replayed] as const];
    }),
  );
  const unexpected = [...firstById.keys()].filter((id) => !expectedIds.has(id)).length;
  return {
    alertsOut: observed.length,
    expected: expectedIds.size,
    lost,
    duplicated,
    unexpected,
    idMismatches,
    alteredDuplicates,
    otherContent: content.differing,
    otherContentFields: content.fields,
    sameSetAsReplay: lost === 0 && unexpected === 0,
  };
}

export type Delivery = 'at-least-once' | 'exactly-once';

/**
 * What each mode promises: exactly-once, the replay's alerts once each; at-least-once, every one
 * of them, a repeat carrying its original's id and bytes. Returns the broken promises (empty: kept).
 */
export function brokenPromises(tally: AlertTally, delivery: Delivery): string[] {
  const broken: string[] = [];
  if (tally.lost > 0) broken.push(`${tally.lost} alert(s) lost`);
  if (tally.unexpected > 0) broken.push(`${tally.unexpected} alert(s) the replay does not produce`);
  if (tally.idMismatches > 0) broken.push(`${tally.idMismatches} record(s) whose churnwatch-id header is not the alert's eventId`);
  if (delivery === 'exactly-once' && tally.duplicated > 0) broken.push(`${tally.duplicated} duplicate(s) in exactly-once mode`);
  if (tally.alteredDuplicates > 0) broken.push(`${tally.alteredDuplicates} repeat(s) that differ from their original`);
  return broken;
}
