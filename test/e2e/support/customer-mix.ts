// A seeded mix of customers for the detection end-to-end test, with the alert steps each must
// produce. Times are laid out from a Monday about 17 weeks back, and the steady customers use the
// product up to yesterday: wall-clock checks (silence, renewal horizons, lapses) that fall in the
// past fire once the services have caught up, and everything else is still ahead. A history of
// fixed length from a Monday would end anywhere from one to seven days ago, and a week's silence
// is a usage stop: on one day a week every steady customer was alerted as stopped.
import type {
  ChurnRiskAlertV1,
  ComplaintEventV1,
  CustomerProfileV1,
  FeedbackEventV1,
  PurchaseEventV1,
  SubscriptionFacts,
  UsageEventV1,
} from '@churnwatch/contracts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Days of history at least: the steady customers' usage goes on to yesterday (116 to 122 days). */
export const HISTORY_DAYS = 116;

/** The detection configuration the mix's expected steps are for. */
export const MIX_DETECTION_CONFIG = { usageMetric: 'sessions', allowedSegments: ['smb', 'enterprise'] };

export type MixInput = 'customerProfiles' | 'usage' | 'purchases' | 'complaints' | 'feedback';

export interface MixRecord {
  readonly input: MixInput;
  readonly key: string;
  readonly value: CustomerProfileV1 | UsageEventV1 | PurchaseEventV1 | ComplaintEventV1 | FeedbackEventV1;
  readonly eventTimeMs: number;
  readonly eventId?: string;
}

export interface CustomerMix {
  /** Profiles, all updated before any event. */
  readonly profiles: readonly MixRecord[];
  /** Every event, in event-time order. */
  readonly events: readonly MixRecord[];
  readonly customers: readonly string[];
  /** Per customer and kind, the life-cycle steps as `status severity`, in order. */
  readonly expected: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** The history's first day (a Monday, 00:00 UTC) and the renewal date of the renewing customer. */
  readonly startMs: number;
  readonly renewalDate: string;
}

const isoOf = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => isoOf(ms).slice(0, 10);
const isWeekend = (weekday: number) => weekday === 0 || weekday === 6;
const usual = (_day: number, weekday: number) => (isWeekend(weekday) ? 4 : 20);

/** The latest Monday at least HISTORY_DAYS before `nowMs`, at 00:00 UTC. */
export function historyStartMs(nowMs: number): number {
  const latest = Math.floor(nowMs / DAY_MS) - HISTORY_DAYS;
  const weekday = (latest + 4) % 7; // 1970-01-01 was a Thursday
  return (latest - ((weekday + 6) % 7)) * DAY_MS;
}

export function customerMix(nowMs: number): CustomerMix {
  const startMs = historyStartMs(nowMs);
  const usageDays = Math.floor((nowMs - startMs) / DAY_MS);
  const at = (day: number, hour: number) => startMs + day * DAY_MS + hour * HOUR_MS;
  const events: MixRecord[] = [];

  type Envelope = 'schemaVersion' | 'eventId' | 'customerId' | 'eventTime';
  const add = <V extends MixRecord['value']>(input: MixInput, customerId: string, eventTimeMs: number, eventId: string, fields: Omit<V, Envelope>) => {
    const value = { schemaVersion: 1, eventId, customerId, eventTime: isoOf(eventTimeMs), ...fields } as V;
    events.push({ input, key: customerId, value, eventTimeMs, eventId });
  };
  const usage = (customerId: string, days: number, perDay: (day: number, weekday: number) => number) => {
    for (let day = 0; day < days; day++) {
      const quantity = perDay(day, new Date(at(day, 10)).getUTCDay());
      if (quantity > 0) add<UsageEventV1>('usage', customerId, at(day, 10), `u-${customerId}-${day}`, { metric: 'sessions', quantity });
    }
  };
  const purchase = (customerId: string, eventTimeMs: number, amount: string, subscription?: SubscriptionFacts) =>
    add<PurchaseEventV1>('purchases', customerId, eventTimeMs, `p-${customerId}-${eventTimeMs}`, {
      orderId: `o-${customerId}-${eventTimeMs}`,
      amount: { amount, currency: 'EUR' },
      ...(subscription === undefined ? {} : { subscription }),
    });
  const complaint = (
    customerId: string,
    eventTimeMs: number,
    complaintId: string,
    status: ComplaintEventV1['status'],
    severity: ComplaintEventV1['severity'],
    category: string,
  ) =>
    add<ComplaintEventV1>('complaints', customerId, eventTimeMs, `c-${complaintId}-${status}`, { complaintId, status, severity, channel: 'email', category });

  // healthy: steady usage, a yearly contract renewing long after the run, a promoter's NPS answer.
  usage('healthy', usageDays, usual);
  purchase('healthy', at(1, 9), '6000.00', {
    subscriptionId: 'sub-healthy',
    plan: 'pro',
    termMonths: 12,
    renewalDate: dateOf(at(HISTORY_DAYS + 200, 0)),
    autoRenew: true,
    recurringRevenue: { amount: '500.00', currency: 'EUR', interval: 'month' },
    status: 'active',
  });
  add<FeedbackEventV1>('feedback', 'healthy', at(100, 12), 'f-healthy-1', { score: 9 });

  // declining: usage falls to a third for four weeks from week 8, then comes back.
  usage('declining', usageDays, (day, weekday) => (day >= 56 && day < 84 ? (isWeekend(weekday) ? 1 : 6) : usual(day, weekday)));

  // silent (no profile): usage stops after eight weeks.
  usage('silent', 56, usual);

  // renewing: known from billing only; renews by order (auto-renew off from the start), renewal a
  // few days after the run; a detractor's NPS answer makes that manual renewal a risk.
  const renewalMs = at(126, 0);
  purchase('renewing', renewalMs - 160 * DAY_MS + 11 * HOUR_MS, '24000.00', {
    subscriptionId: 'sub-renewing',
    plan: 'enterprise-annual',
    termMonths: 12,
    renewalDate: dateOf(renewalMs),
    autoRenew: false,
    recurringRevenue: { amount: '2000.00', currency: 'EUR', interval: 'month' },
    status: 'active',
  });
  add<FeedbackEventV1>('feedback', 'renewing', at(20, 12), 'f-renewing-1', { score: 4 });

  // complaining: steady usage; a record to judge the customer on (four complaints, none resolved
  // within two weeks: an earlier one resolved after three), then two billing complaints and an
  // outage complaint within a week, left unresolved for over two weeks (the customer chases the
  // outage one), then the billing ones resolved.
  usage('complaining', usageDays, usual);
  complaint('complaining', at(20, 11), 'c0', 'opened', 'medium', 'billing');
  complaint('complaining', at(41, 11), 'c0', 'resolved', 'medium', 'billing');
  complaint('complaining', at(56, 14), 'c1', 'opened', 'medium', 'billing');
  complaint('complaining', at(58, 14), 'c2', 'opened', 'medium', 'billing');
  complaint('complaining', at(59, 14), 'c3', 'opened', 'high', 'outage');
  complaint('complaining', at(74, 10), 'c3', 'updated', 'high', 'outage');
  complaint('complaining', at(76, 13), 'c1', 'resolved', 'medium', 'billing');
  complaint('complaining', at(76, 15), 'c2', 'resolved', 'medium', 'billing');

  // anonymous (no profile): buys every week for twelve weeks, then stops.
  for (let day = 0; day <= 84; day += 7) purchase('anonymous', at(day, 16), '80.00');

  const profileAt = startMs - 40 * DAY_MS;
  const profile = (customerId: string, fields: Partial<CustomerProfileV1>): MixRecord => ({
    input: 'customerProfiles',
    key: customerId,
    value: { schemaVersion: 1, customerId, updatedAt: isoOf(profileAt), segment: 'default', ...fields },
    eventTimeMs: profileAt,
  });

  return {
    startMs,
    renewalDate: dateOf(renewalMs),
    customers: ['healthy', 'declining', 'silent', 'renewing', 'complaining', 'anonymous'],
    profiles: [
      profile('healthy', { segment: 'smb', plan: 'pro' }),
      profile('declining', { segment: 'enterprise', owner: { name: 'Ana Silva', email: 'ana@example.com' } }),
      profile('renewing', { segment: 'smb', plan: 'enterprise-annual', owner: { name: 'Tom Berg' } }),
      profile('complaining', { segment: 'smb' }),
    ],
    events: events.sort((a, b) => a.eventTimeMs - b.eventTimeMs),
    expected: {
      healthy: {},
      // The dip is 55 % down from its twelfth day; the decline opens once that has held ten days, by then critical.
      declining: { usage_declining: ['opened critical', 'resolved critical'] },
      silent: { usage_stopped: ['opened warning', 'escalated critical'] },
      renewing: {
        renewal_upcoming: ['opened info', 'updated info', 'updated info'],
        renewal_at_risk: ['opened warning', 'escalated critical'],
      },
      complaining: { complaint_escalation: ['opened warning', 'resolved warning'] },
      anonymous: { purchase_lapse: ['opened warning', 'escalated critical'] },
    },
  };
}

/** Life-cycle steps per customer and kind, as `status severity`. */
export function stepsOf(alerts: readonly ChurnRiskAlertV1[]): Record<string, Record<string, string[]>> {
  const byCustomer = Object.groupBy(alerts, (alert) => alert.customerId);
  return Object.fromEntries(
    Object.entries(byCustomer).map(([customerId, ofCustomer]) => [
      customerId,
      Object.fromEntries(
        Object.entries(Object.groupBy(ofCustomer ?? [], (alert) => alert.kind)).map(([kind, ofKind]) => [
          kind,
          (ofKind ?? []).map((alert) => `${alert.status} ${alert.severity}`),
        ]),
      ),
    ]),
  );
}

/** The mix's expected steps as stepsOf gives them: customers expected to have none left out. */
export function expectedSteps(mix: CustomerMix): Record<string, Readonly<Record<string, readonly string[]>>> {
  return Object.fromEntries(Object.entries(mix.expected).filter(([, kinds]) => Object.keys(kinds).length > 0));
}
