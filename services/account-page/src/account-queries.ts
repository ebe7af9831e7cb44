import type { Pool } from 'pg';

/** One row of the at-risk list. Money stays a decimal string, as PostgreSQL's numeric gives it. */
export interface AtRiskRow {
  readonly customer_id: string;
  readonly name: string | null;
  readonly owner_name: string | null;
  readonly segment: string;
  readonly score: string | null;
  readonly band: string | null;
  readonly value_at_risk: string | null;
  readonly value_at_risk_currency: string | null;
  readonly open_alerts: number;
  readonly renewal_date: string | null;
}

export interface AccountRow extends AtRiskRow {
  readonly plan: string | null;
  /** The language the customer's owner reads, from the profile. */
  readonly owner_locale: string | null;
  readonly as_of: Date | null;
  readonly factors: { factor: string; weight: number; value: number; points: number; detail: string }[] | null;
}

export interface AlertRow {
  readonly alert_id: string;
  readonly kind: string;
  readonly status: string;
  readonly severity: string;
  readonly opened_at: Date;
  readonly updated_at: Date;
  readonly summary: string;
  readonly evidence: {
    detector: string;
    observed: Record<string, unknown>;
    thresholds: Record<string, unknown>;
    statistic?: { name: string; value: number };
  }[];
  readonly value_at_risk: string | null;
  readonly value_at_risk_currency: string | null;
  readonly renewal_date: string | null;
  readonly health_score: string | null;
}

export interface StepRow {
  readonly event_id: string;
  readonly alert_id: string;
  readonly kind: string;
  readonly status: string;
  readonly severity: string;
  readonly event_time: Date;
  readonly summary: string;
  readonly evidence: AlertRow['evidence'];
  /** The alert's resolution: it belongs to its resolved step. */
  readonly resolution: string | null;
}

/** One action taken on an alert (from the control topic): what, who, when, where. */
export interface ActionRow {
  readonly event_id: string;
  readonly alert_id: string | null;
  readonly kind: string;
  readonly action: 'snooze' | 'unsnooze' | 'acknowledge' | 'assign' | 'resolve';
  readonly requested_by: string | null;
  readonly source: string | null;
  readonly event_time: Date;
  readonly until: Date | null;
  readonly assignee: string | null;
}

/**
 * Customers at risk (an open alert, or a health band of at_risk or critical), largest value at
 * risk first; owner and segment filter when given. Grafana's "Customers at risk by value" panel
 * runs this same statement.
 */
export const atRiskSql = `select customer_id, name, owner_name, segment, score, band, value_at_risk, value_at_risk_currency, open_alerts, renewal_date::text
from account
where (open_alerts > 0 or band in ('at_risk', 'critical'))
  and ($1::text is null or owner_name = $1)
  and ($2::text is null or segment = $2)
order by value_at_risk desc nulls last, customer_id
limit 500`;

/** One customer's timeline: every step of every alert, newest first. */
export const timelineSql = `select s.event_id, s.alert_id, a.kind, s.status, s.severity, s.event_time, s.summary, s.evidence,
  case when s.status = 'resolved' then a.resolution end as resolution
from alert_step s join alert a using (alert_id)
where s.customer_id = $1
order by s.event_time desc, s.event_id`;

export interface AccountQueries {
  atRisk(filter: { owner?: string; segment?: string }): Promise<AtRiskRow[]>;
  account(customerId: string): Promise<AccountRow | undefined>;
  openAlerts(customerId: string): Promise<AlertRow[]>;
  timeline(customerId: string): Promise<StepRow[]>;
  /** Every action taken on the customer's alerts, oldest first. */
  actions(customerId: string): Promise<ActionRow[]>;
  owners(): Promise<string[]>;
  segments(): Promise<string[]>;
}

export function createAccountQueries(pool: Pool): AccountQueries {
  return {
    atRisk: async ({ owner, segment }) => (await pool.query<AtRiskRow>(atRiskSql, [owner ?? null, segment ?? null])).rows,
    account: async (customerId) =>
      (
        await pool.query<AccountRow>(
          `select customer_id, name, owner_name, segment, plan, score, band, as_of, factors, value_at_risk, value_at_risk_currency, open_alerts, renewal_date::text,
             (select p.owner_locale from customer_profile p where p.customer_id = account.customer_id) as owner_locale
           from account where customer_id = $1`,
          [customerId],
        )
      ).rows[0],
    openAlerts: async (customerId) =>
      (
        await pool.query<AlertRow>(
          `select alert_id, kind, status, severity, opened_at, updated_at, summary, evidence, value_at_risk, value_at_risk_currency,
             renewal_date::text, health_score
           from alert where customer_id = $1 and status <> 'resolved' order by value_at_risk desc nulls last, opened_at`,
          [customerId],
        )
      ).rows,
    timeline: async (customerId) => (await pool.query<StepRow>(timelineSql, [customerId])).rows,
    actions: async (customerId) =>
      (
        await pool.query<ActionRow>(
          `select event_id, alert_id, kind, action, requested_by, source, event_time, until, assignee
           from alert_action where customer_id = $1 order by event_time, event_id`,
          [customerId],
        )
      ).rows,
    owners: async () =>
      (await pool.query<{ owner_name: string }>('select distinct owner_name from account where owner_name is not null order by 1')).rows.map(
        (r) => r.owner_name,
      ),
    segments: async () =>
      (await pool.query<{ segment: string }>('select distinct segment from account where segment is not null order by 1')).rows.map((r) => r.segment),
  };
}
