/**
 * The accounts dashboard: Grafana reads the account store's PostgreSQL tables (customer ids are
 * never Prometheus labels, so lists of customers come from here). Built with the Grafana Foundation
 * SDK; `write-dashboard.ts` writes it to dashboards/churnwatch-accounts.json, and a test runs
 * every panel's SQL against a populated database.
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PostgresQueryBuilder } from './postgres-query.ts';

const datasource = { type: 'grafana-postgresql-datasource', uid: 'churnwatch-postgres' };

export interface AccountPanelSpec {
  readonly title: string;
  readonly description: string;
  readonly sql: string;
}

/** The panels, each one SQL statement. `$customer` is the dashboard's customer text box. */
export const accountPanels: readonly AccountPanelSpec[] = [
  {
    title: 'Customers at risk by value',
    description: 'customers with an open alert or a health band of at risk or critical, largest value at risk first',
    sql: `select customer_id as "customer", owner_name as "owner", segment, round(score) as "health", band,
  value_at_risk as "value at risk", value_at_risk_currency as "currency", open_alerts as "open alerts", renewal_date as "renewal"
from account
where open_alerts > 0 or band in ('at_risk', 'critical')
order by value_at_risk desc nulls last, customer_id
limit 100`,
  },
  {
    title: 'Alert timeline of $customer',
    description: 'every step of every alert of one customer, newest first',
    sql: `select s.event_time as "time", a.kind, s.status, s.severity, s.summary
from alert_step s join alert a using (alert_id)
where s.customer_id = '$customer'
order by s.event_time desc, s.event_id`,
  },
  {
    title: 'Alerts per owner per week (alert fatigue)',
    description: 'alerts opened or escalated per CS owner and week (weeks start on Monday, UTC)',
    sql: `select date_trunc('week', event_time at time zone 'UTC') as "week", coalesce(owner_name, 'unassigned') as "owner", count(*)::int as "alerts"
from alert_step
where status in ('opened', 'escalated')
group by 1, 2
order by 1, 2`,
  },
  {
    title: 'Retention KPIs per segment and period',
    description: 'the latest snapshot of each segment and period',
    sql: `select segment, period_from as "period", final, retention_rate as "retention", churn_rate as "churn", net_dollar_retention as "NDR", nps as "NPS"
from retention_kpis
order by period_from desc, segment`,
  },
];

/** The dashboard JSON model: one table per panel, two abreast. */
export function buildAccountDashboard(): dashboard.Dashboard {
  const builder = new dashboard.DashboardBuilder('churnwatch accounts')
    .uid('churnwatch-accounts')
    .tags(['churnwatch'])
    .timezone('browser')
    .version(1)
    .refresh('1m')
    .time({ from: 'now-90d', to: 'now' })
    .withVariable(new dashboard.TextBoxVariableBuilder('customer').label('Customer id'));
  for (const panel of accountPanels) {
    builder.withPanel(
      new TablePanel()
        .title(panel.title)
        .description(panel.description)
        .datasource(datasource)
        .height(10)
        .span(12)
        .withTarget(new PostgresQueryBuilder(panel.sql).datasource(datasource)),
    );
  }
  return builder.build();
}
