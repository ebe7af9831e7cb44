/** How the notifier accounted for the alert steps on the alerts topic, by alert step id (`eventId`). */
export interface NotificationTally {
  /** Distinct alert steps on the alerts topic. */
  readonly alertSteps: number;
  /** Of those, acknowledged (2xx) by the receiver at least once. */
  readonly delivered: number;
  /** Acknowledged requests beyond the first of their webhook id (at-least-once repeats). */
  readonly repeats: number;
  /** Of the alert steps, written to the failed-notifications topic. */
  readonly givenUp: number;
  /** Delivered and also given up (a redelivery after the notifier had given up). */
  readonly both: number;
  /** Neither delivered nor given up: lost. */
  readonly unaccounted: number;
  /** Acknowledged ids that are no alert step on the topic. */
  readonly unknown: number;
}

/** Pure: `acknowledged` holds one alert step id per 2xx answer, `givenUp` one per failed-notification record. */
export function tallyNotifications(alertIds: readonly string[], acknowledged: readonly string[], givenUp: readonly string[]): NotificationTally {
  const steps = new Set(alertIds);
  const delivered = new Set(acknowledged);
  const failed = new Set(givenUp);
  const inSteps = (ids: Set<string>) => [...ids].filter((id) => steps.has(id));
  return {
    alertSteps: steps.size,
    delivered: inSteps(delivered).length,
    repeats: acknowledged.length - delivered.size,
    givenUp: inSteps(failed).length,
    both: inSteps(delivered).filter((id) => failed.has(id)).length,
    unaccounted: [...steps].filter((id) => !delivered.has(id) && !failed.has(id)).length,
    unknown: [...delivered].filter((id) => !steps.has(id)).length,
  };
}
