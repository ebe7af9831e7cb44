import { type DeclineOutcome, type DeclineTestInput, measureDecline } from './decline-test.ts';

interface Remembered {
  readonly key: string;
  readonly usage: DeclineTestInput['usage'];
  readonly frozenBaseline: DeclineTestInput['frozenBaseline'];
  readonly outcome: DeclineOutcome;
}

/** The last outcome per settled-day array; an array dropped from every state is forgotten with it. */
const remembered = new WeakMap<readonly number[], Remembered>();

/**
 * `measureDecline`, remembered. The outcome depends only on the days up to the end of the recent
 * window, and those change rarely: the many events of one day land on the ring's head, which
 * lies after the window, and leave its settled array (the key here) as it was. So the test is
 * made once per customer and day instead of once per event. The remembered input is compared in
 * full (thresholds and frozen baseline by identity), so the result is always exactly
 * `measureDecline(input)`. Pure: nothing observable depends on what is remembered.
 */
export function measureDeclineRemembered(input: DeclineTestInput): DeclineOutcome {
  const { days } = input;
  const windowToDay = Math.min(input.evaluationDay - 1, input.lastActiveDay ?? input.evaluationDay - 1);
  const head = days.head !== undefined && days.head.day <= windowToDay ? `${days.head.day}=${days.head.count}` : '-';
  const key = `${windowToDay}|${input.firstSeenDay}|${days.startDay}|${head}|${input.frozenWindowDays}`;
  const last = remembered.get(days.counts);
  if (last !== undefined && last.key === key && last.usage === input.usage && last.frozenBaseline === input.frozenBaseline) return last.outcome;
  const outcome = measureDecline(input);
  remembered.set(days.counts, { key, usage: input.usage, frozenBaseline: input.frozenBaseline, outcome });
  return outcome;
}
