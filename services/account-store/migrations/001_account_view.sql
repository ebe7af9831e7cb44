-- The account view: every customer's latest health and CRM facts, every alert's current state and
-- the history of its steps, and the retention KPIs per segment and period. Written only by the
-- account store; every write is an idempotent upsert, so a replay never doubles a row.

-- Latest CRM facts per customer (from customer-profiles).
create table customer_profile (
  customer_id       text primary key,
  name              text,
  owner_name        text,
  owner_email       text,
  segment           text not null,
  plan              text,
  contract_value    numeric(19, 4),
  contract_currency char(3),
  updated_at        timestamptz not null
);
create index customer_profile_owner on customer_profile (owner_name);

-- Latest health per customer (from churnwatch.customer-health).
create table customer_health (
  customer_id               text primary key,
  as_of                     timestamptz not null,
  score                     numeric(5, 2) not null,
  band                      text not null,
  segment                   text not null,
  -- [{ factor, weight, value, points, detail }], as the score explains itself
  factors                   jsonb not null,
  open_alert_kinds          text[] not null,
  renewal_date              date,
  recurring_revenue         numeric(19, 4),
  recurring_currency        char(3),
  recurring_interval        text
);

-- Current state of every alert (from churnwatch.alerts): the latest step by event time.
create table alert (
  alert_id              text primary key,
  customer_id           text not null,
  kind                  text not null,
  status                text not null,
  resolution            text,
  severity              text not null,
  opened_at             timestamptz not null,
  updated_at            timestamptz not null,
  summary               text not null,
  evidence              jsonb not null,
  health_score          numeric(5, 2),
  value_at_risk         numeric(19, 4),
  value_at_risk_currency char(3),
  value_at_risk_basis   text,
  renewal_date          date,
  segment               text not null,
  owner_name            text
);
create index alert_customer on alert (customer_id);
create index alert_open on alert (customer_id) where status <> 'resolved';

-- Every step of every alert, once (keyed by the step's deterministic event id).
create table alert_step (
  event_id    text primary key,
  alert_id    text not null,
  customer_id text not null,
  status      text not null,
  severity    text not null,
  event_time  timestamptz not null,
  summary     text not null,
  evidence    jsonb not null,
  owner_name  text
);
create index alert_step_alert on alert_step (alert_id, event_time);
create index alert_step_customer on alert_step (customer_id, event_time);

-- Retention KPIs per segment and period (from churnwatch.retention-kpis): the latest snapshot wins.
create table retention_kpis (
  segment               text not null,
  period_from           timestamptz not null,
  period_to             timestamptz not null,
  as_of                 timestamptz not null,
  final                 boolean not null,
  currency              char(3) not null,
  -- null where the period has nothing to divide by (no customers at its start, no purchases…)
  retention_rate        double precision,
  churn_rate            double precision,
  repeat_purchase_rate  double precision,
  net_dollar_retention  double precision,
  nps                   double precision,
  clv_cents             double precision,
  snapshot              jsonb not null,
  primary key (segment, period_from)
);

-- One row per customer for the account page and Grafana: health, owner and value at risk (the
-- largest value at risk of its open alerts, else its contract value).
create view account as
select
  coalesce(h.customer_id, p.customer_id) as customer_id,
  p.name,
  coalesce(p.owner_name, (select a.owner_name from alert a where a.customer_id = coalesce(h.customer_id, p.customer_id) order by a.updated_at desc limit 1)) as owner_name,
  coalesce(p.segment, h.segment) as segment,
  p.plan,
  h.score,
  h.band,
  h.as_of,
  h.factors,
  coalesce(h.open_alert_kinds, '{}') as open_alert_kinds,
  h.renewal_date,
  coalesce(open_alerts.value_at_risk, p.contract_value) as value_at_risk,
  coalesce(open_alerts.currency, p.contract_currency) as value_at_risk_currency,
  coalesce(open_alerts.open_alerts, 0) as open_alerts
from customer_health h
full outer join customer_profile p on p.customer_id = h.customer_id
left join lateral (
  select max(a.value_at_risk) as value_at_risk, min(a.value_at_risk_currency) as currency, count(*)::int as open_alerts
  from alert a
  where a.customer_id = coalesce(h.customer_id, p.customer_id) and a.status <> 'resolved'
) open_alerts on true;
