import type { AlertControlV1, ChurnRiskAlertV1, CustomerHealthV1, CustomerProfileV1 } from '@churnwatch/contracts';
import type { RetentionKpisV1 } from '@churnwatch/detection';
import type { Pool, PoolClient } from 'pg';
import type { RowChange } from './row-change.ts';

// Every statement is an upsert keyed by customer id, alert id, step id or (segment, period), and
// guarded by event time: an older row never overwrites a newer one, so replays, restarts and
// duplicates leave the tables as they were.

async function upsertProfile(client: PoolClient, customerId: string, p: CustomerProfileV1): Promise<void> {
  await client.query(
    `insert into customer_profile (customer_id, name, owner_name, owner_email, segment, plan, contract_value, contract_currency, updated_at, owner_locale)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (customer_id) do update set name = excluded.name, owner_name = excluded.owner_name, owner_email = excluded.owner_email,
       segment = excluded.segment, plan = excluded.plan, contract_value = excluded.contract_value, contract_currency = excluded.contract_currency,
       updated_at = excluded.updated_at, owner_locale = excluded.owner_locale
     where customer_profile.updated_at <= excluded.updated_at`,
    [
      customerId,
      p.name ?? null,
      p.owner?.name ?? null,
      p.owner?.email ?? null,
      p.segment,
      p.plan ?? null,
      p.contractValue?.amount ?? null,
      p.contractValue?.currency ?? null,
      p.updatedAt,
      p.owner?.locale ?? null,
    ],
  );
}

async function upsertHealth(client: PoolClient, customerId: string, h: CustomerHealthV1): Promise<void> {
  await client.query(
    `insert into customer_health (customer_id, as_of, score, band, segment, factors, open_alert_kinds, renewal_date, recurring_revenue, recurring_currency, recurring_interval)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (customer_id) do update set as_of = excluded.as_of, score = excluded.score, band = excluded.band, segment = excluded.segment,
       factors = excluded.factors, open_alert_kinds = excluded.open_alert_kinds, renewal_date = excluded.renewal_date,
       recurring_revenue = excluded.recurring_revenue, recurring_currency = excluded.recurring_currency, recurring_interval = excluded.recurring_interval
     where customer_health.as_of <= excluded.as_of`,
    [
      customerId,
      h.asOf,
      h.score,
      h.band,
      h.segment,
      JSON.stringify(h.factors),
      h.openAlerts,
      h.renewalDate ?? null,
      h.recurringRevenue?.amount ?? null,
      h.recurringRevenue?.currency ?? null,
      h.recurringRevenue?.interval ?? null,
    ],
  );
}

async function upsertAlert(client: PoolClient, a: ChurnRiskAlertV1): Promise<void> {
  const evidence = JSON.stringify(a.evidence);
  await client.query(
    `insert into alert (alert_id, customer_id, kind, status, resolution, severity, opened_at, updated_at, summary, evidence, health_score,
       value_at_risk, value_at_risk_currency, value_at_risk_basis, renewal_date, segment, owner_name)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     on conflict (alert_id) do update set status = excluded.status, resolution = excluded.resolution, severity = excluded.severity,
       updated_at = excluded.updated_at, summary = excluded.summary, evidence = excluded.evidence, health_score = excluded.health_score,
       value_at_risk = excluded.value_at_risk, value_at_risk_currency = excluded.value_at_risk_currency, value_at_risk_basis = excluded.value_at_risk_basis,
       renewal_date = excluded.renewal_date, segment = excluded.segment, owner_name = excluded.owner_name
     where alert.updated_at <= excluded.updated_at`,
    [
      a.alertId,
      a.customerId,
      a.kind,
      a.status,
      a.resolution ?? null,
      a.severity,
      a.openedAt,
      a.eventTime,
      a.summary,
      evidence,
      a.healthScore ?? null,
      a.valueAtRisk?.amount ?? null,
      a.valueAtRisk?.currency ?? null,
      a.valueAtRisk?.basis ?? null,
      a.renewalDate ?? null,
      a.segment,
      a.owner?.name ?? null,
    ],
  );
  await client.query(
    `insert into alert_step (event_id, alert_id, customer_id, status, severity, event_time, summary, evidence, owner_name)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (event_id) do nothing`,
    [a.eventId, a.alertId, a.customerId, a.status, a.severity, a.eventTime, a.summary, evidence, a.owner?.name ?? null],
  );
}

async function upsertKpis(client: PoolClient, k: RetentionKpisV1): Promise<void> {
  await client.query(
    `insert into retention_kpis (segment, period_from, period_to, as_of, final, currency, retention_rate, churn_rate, repeat_purchase_rate,
       net_dollar_retention, nps, clv_cents, snapshot)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     on conflict (segment, period_from) do update set period_to = excluded.period_to, as_of = excluded.as_of, final = excluded.final,
       currency = excluded.currency, retention_rate = excluded.retention_rate, churn_rate = excluded.churn_rate,
       repeat_purchase_rate = excluded.repeat_purchase_rate, net_dollar_retention = excluded.net_dollar_retention, nps = excluded.nps,
       clv_cents = excluded.clv_cents, snapshot = excluded.snapshot
     where retention_kpis.as_of <= excluded.as_of`,
    [
      k.segment,
      k.period.from,
      k.period.to,
      k.asOf,
      k.final,
      k.currency,
      k.retentionRate,
      k.churnRate,
      k.repeatPurchaseRate,
      k.netDollarRetention,
      k.nps,
      k.customerLifetimeValueCents,
      JSON.stringify(k),
    ],
  );
}

async function insertAction(client: PoolClient, c: AlertControlV1): Promise<void> {
  await client.query(
    `insert into alert_action (event_id, customer_id, kind, alert_id, action, requested_by, source, event_time, until, assignee, reason)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (event_id) do nothing`,
    [
      c.eventId,
      c.customerId,
      c.kind,
      c.alertId ?? null,
      c.action,
      c.requestedBy ?? null,
      c.source ?? null,
      c.eventTime,
      c.until ?? null,
      c.assignee ? (c.assignee.email ?? c.assignee.name) : null,
      c.reason ?? null,
    ],
  );
}

async function apply(client: PoolClient, change: RowChange): Promise<void> {
  switch (change.table) {
    case 'customer_profile':
      if (change.row === null) await client.query('delete from customer_profile where customer_id = $1', [change.customerId]);
      else await upsertProfile(client, change.customerId, change.row);
      return;
    case 'customer_health':
      if (change.row === null) await client.query('delete from customer_health where customer_id = $1', [change.customerId]);
      else await upsertHealth(client, change.customerId, change.row);
      return;
    case 'alert':
      await upsertAlert(client, change.row);
      return;
    case 'retention_kpis':
      // A tombstone of the compacted table only drops the topic's copy; the history of periods stays.
      if (change.row !== null) await upsertKpis(client, change.row);
      return;
    case 'alert_action':
      await insertAction(client, change.row);
      return;
  }
}

/** Writes the changes in order, in one transaction: all of them or none. */
export async function writeRows(pool: Pool, changes: readonly RowChange[]): Promise<void> {
  if (changes.length === 0) return;
  const client = await pool.connect();
  try {
    await client.query('begin');
    for (const change of changes) await apply(client, change);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    // A connection that failed mid-transaction is not given back to the pool.
    client.release(error as Error);
    throw error;
  }
  client.release();
}
