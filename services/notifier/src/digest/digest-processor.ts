import { alertLocale, localSummary, translator } from '@churnwatch/alert-format';
import type { ChurnRiskAlertV1, SupportedLocale } from '@churnwatch/contracts';
import type { FiredTimer, InputRecord, OutputRecord, Processor } from '@churnwatch/stream-runtime';
import type { DigestEligibility } from '../routes.ts';
import { localDateOf, nextLocalTime } from './local-time.ts';

/** When an owner's digest goes out: a local time of day in an IANA time zone. */
export interface DigestSchedule {
  readonly hour: number;
  readonly minute: number;
  readonly timeZone: string;
  /** The route's language; without it, each step's owner's, else English. */
  readonly locale?: SupportedLocale;
}

/** One alert step as it appears in a digest. */
export interface DigestItem {
  readonly eventId: string;
  readonly alertId: string;
  readonly customerId: string;
  readonly kind: ChurnRiskAlertV1['kind'];
  readonly status: ChurnRiskAlertV1['status'];
  readonly severity: ChurnRiskAlertV1['severity'];
  /** The detection's own (English) sentence. */
  readonly summary: string;
  readonly eventTime: string;
  readonly customerName?: string;
  /** The language the step was written in for this digest, and its sentence in that language. */
  readonly locale?: SupportedLocale;
  readonly text?: string;
}

/** The digest of one owner for one local day; `digestId` is the same on every replay. */
export interface OwnerDigest {
  readonly digestId: string;
  readonly owner: string;
  readonly date: string;
  readonly timeZone: string;
  /** The language of the digest message: the route's, else the latest step's owner's, else English. */
  readonly locale?: SupportedLocale;
  readonly items: readonly DigestItem[];
}

/** Per owner: the steps waiting for the next digest, and the day and cut-off of the last one sent. */
export interface DigestState {
  readonly pending: readonly DigestItem[];
  readonly lastDigestDate: string | null;
  /** Event time up to which steps have been digested; a replayed older step is not sent again. */
  readonly sentUpToMs: number;
}

export const DIGEST_TIMER = 'digest';

/**
 * Collects an owner's alert steps that belong in the digest (records keyed by owner, or by route
 * and owner, each key with its schedule) and
 * emits them as one digest a day at the owner's local time, on a wall-clock timer the runtime keeps
 * in the changelog, so the digest survives restarts. At most one digest per owner and local day,
 * with a deterministic id; a step already digested (by event id or by time) is not digested again
 * on a replay. Pure.
 */
export function createDigestProcessor(scheduleOf: DigestSchedule | ((key: string) => DigestSchedule)): Processor<DigestState, ChurnRiskAlertV1> {
  const scheduleFor = typeof scheduleOf === 'function' ? scheduleOf : () => scheduleOf;
  return {
    name: 'owner-digest',
    inputs: ['digestItems'],
    outputs: ['digests'],
    process(state, record: InputRecord<ChurnRiskAlertV1>) {
      const current = state ?? { pending: [], lastDigestDate: null, sentUpToMs: Number.MIN_SAFE_INTEGER };
      const alert = record.value;
      const schedule = scheduleFor(record.key);
      const at = { hour: schedule.hour, minute: schedule.minute };
      if (record.eventTimeMs <= current.sentUpToMs || current.pending.some((item) => item.eventId === alert.eventId)) return { state: current };
      const locale = alertLocale(alert, schedule.locale);
      const item: DigestItem = {
        eventId: alert.eventId,
        alertId: alert.alertId,
        customerId: alert.customerId,
        kind: alert.kind,
        status: alert.status,
        severity: alert.severity,
        summary: alert.summary,
        eventTime: alert.eventTime,
        ...(alert.customerName === undefined ? {} : { customerName: alert.customerName }),
        locale,
        text: localSummary(alert, translator(locale)),
      };
      const dueMs = nextLocalTime(Math.max(record.eventTimeMs, current.sentUpToMs), at, schedule.timeZone);
      return { state: { ...current, pending: [...current.pending, item] }, setTimers: [{ name: DIGEST_TIMER, atMs: dueMs, clock: 'wall' }] };
    },
    onTimer(state, timer: FiredTimer) {
      if (state === undefined || state.pending.length === 0) return { state };
      const schedule = scheduleFor(timer.key);
      const at = { hour: schedule.hour, minute: schedule.minute };
      const date = localDateOf(timer.atMs, schedule.timeZone);
      // One digest per local day: a second firing the same day (a moved timer) waits for tomorrow.
      if (state.lastDigestDate === date) {
        return { state, setTimers: [{ name: DIGEST_TIMER, atMs: nextLocalTime(timer.atMs, at, schedule.timeZone), clock: 'wall' }] };
      }
      const items = [...state.pending].sort((a, b) => a.eventTime.localeCompare(b.eventTime) || a.eventId.localeCompare(b.eventId));
      // A key of route and owner (`route/owner`) names the owner after the slash.
      const owner = timer.key.slice(timer.key.indexOf('/') + 1);
      const locale = schedule.locale ?? items.at(-1)?.locale ?? 'en';
      const digest: OwnerDigest = { digestId: `digest:${timer.key}:${date}`, owner, date, timeZone: schedule.timeZone, locale, items };
      const output: OutputRecord = { output: 'digests', key: timer.key, value: digest, id: digest.digestId, eventTimeMs: timer.atMs };
      return { state: { pending: [], lastDigestDate: date, sentUpToMs: timer.atMs }, outputs: [output] };
    },
  };
}

/**
 * Whether a step goes to its owner's digest instead of one by one: its owner has an e-mail to
 * address the digest to, and its severity or its kind is one the route collects. Pure.
 */
export function belongsInDigest(alert: ChurnRiskAlertV1, eligible: { readonly [K in keyof DigestEligibility]: Readonly<DigestEligibility[K]> }): boolean {
  return alert.owner?.email !== undefined && (eligible.severities.includes(alert.severity) || eligible.kinds.includes(alert.kind));
}
