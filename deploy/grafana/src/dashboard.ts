import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';

const { DashboardBuilder } = dashboard;

/**
 * The churnwatch dashboard for Grafana, as data: retention KPIs per segment, alert volumes, and the
 * pipeline's own health. `write-dashboard.ts` writes it to dashboards/churnwatch.json (provisioned
 * by docker compose); a test checks every query against a real Prometheus and the file for drift.
 */

type Unit = 'percentunit' | 'short' | 'none' | 's' | 'reqps' | 'currencyEUR';

interface PanelSpec {
  readonly title: string;
  readonly description: string;
  readonly queries: readonly { expr: string; legend: string }[];
  readonly unit: Unit;
  readonly kind?: 'timeseries' | 'stat';
}

interface RowSpec {
  readonly title: string;
  readonly panels: readonly PanelSpec[];
}

const segment = 'segment=~"$segment"';

export const dashboardRows: readonly RowSpec[] = [
  {
    title: 'Retention KPIs by segment (current period)',
    panels: [
      {
        title: 'Customer retention rate',
        description: '(customers at period end − acquired in the period) / customers at period start',
        queries: [{ expr: `max by (segment) (churnwatch_retention_rate{${segment}})`, legend: '{{segment}}' }],
        unit: 'percentunit',
      },
      {
        title: 'Churn rate',
        description: 'customers lost in the period / customers at period start',
        queries: [{ expr: `max by (segment) (churnwatch_churn_rate{${segment}})`, legend: '{{segment}}' }],
        unit: 'percentunit',
      },
      {
        title: 'Net dollar retention',
        description: '(start MRR + expansion − contraction − churned MRR) / start MRR; 1 means flat',
        queries: [{ expr: `max by (segment) (churnwatch_net_dollar_retention_ratio{${segment}})`, legend: '{{segment}}' }],
        unit: 'percentunit',
      },
      {
        title: 'Repeat-purchase rate',
        description: 'customers with two purchases or more / customers with one or more',
        queries: [{ expr: `max by (segment) (churnwatch_repeat_purchase_rate{${segment}})`, legend: '{{segment}}' }],
        unit: 'percentunit',
      },
      {
        title: 'Net Promoter Score',
        description: '% promoters − % detractors of each customer’s latest answer (−100 to 100)',
        queries: [{ expr: `max by (segment) (churnwatch_net_promoter_score{${segment}})`, legend: '{{segment}}' }],
        unit: 'none',
      },
      {
        title: 'Customer lifetime value',
        description: 'mean CLV of the segment’s customers with purchases, in the reporting currency',
        queries: [{ expr: `max by (segment, currency) (churnwatch_customer_lifetime_value{${segment}})`, legend: '{{segment}} ({{currency}})' }],
        unit: 'short',
      },
      {
        title: 'Monthly recurring revenue',
        description: 'MRR of the active contracts, in the reporting currency',
        queries: [{ expr: `max by (segment, currency) (churnwatch_monthly_recurring_revenue{${segment}})`, legend: '{{segment}} ({{currency}})' }],
        unit: 'short',
      },
      {
        title: 'Customers in the period',
        description: 'at period start, active, acquired and lost',
        queries: [{ expr: `sum by (state) (max by (segment, state) (churnwatch_segment_customers{${segment}}))`, legend: '{{state}}' }],
        unit: 'short',
      },
    ],
  },
  {
    title: 'Alerts',
    panels: [
      {
        title: 'Alerts opened per day, by kind',
        description: 'new problems found per day (one alert per customer and kind while it is open)',
        queries: [{ expr: 'sum by (kind) (increase(churnwatch_alerts_total{status="opened"}[1d]))', legend: '{{kind}}' }],
        unit: 'short',
      },
      {
        title: 'Alert steps per hour, by status',
        description: 'opened, escalated, updated and resolved (all clear)',
        queries: [{ expr: 'sum by (status) (increase(churnwatch_alerts_total[1h]))', legend: '{{status}}' }],
        unit: 'short',
      },
      {
        title: 'Critical alerts opened or escalated, last 24 h',
        description: 'what needs a customer-success manager today',
        queries: [{ expr: 'sum(increase(churnwatch_alerts_total{severity="critical", status=~"opened|escalated"}[24h]))', legend: 'critical' }],
        unit: 'short',
        kind: 'stat',
      },
      {
        title: 'Notifications by route and outcome',
        description: 'deliveries to webhooks, Slack and Teams; failed ones wait on the failed-notifications topic',
        queries: [{ expr: 'sum by (route, outcome) (increase(churnwatch_notifications_total[1h]))', legend: '{{route}} {{outcome}}' }],
        unit: 'short',
      },
    ],
  },
  {
    title: 'Pipeline health',
    panels: [
      {
        title: 'Services up',
        description: 'scrape targets answering',
        queries: [{ expr: 'sum(up{job=~"churnwatch.*"})', legend: 'up' }],
        unit: 'short',
        kind: 'stat',
      },
      {
        title: 'Records processed per second',
        description: 'input records handed to the processors',
        queries: [{ expr: 'sum by (service) (rate(churnwatch_records_processed_total[5m]))', legend: '{{service}}' }],
        unit: 'reqps',
      },
      {
        title: 'Consumer lag (records)',
        description: 'records left to read, summed over partitions',
        queries: [{ expr: 'sum by (service, topic) (churnwatch_consumer_lag_records)', legend: '{{service}} {{topic}}' }],
        unit: 'short',
      },
      {
        title: 'Event-time lag',
        description:
          "how far behind the present each service's stream time is (at its furthest-behind partition): days while a history is read, seconds once caught up; services far apart see a customer's history at different moments",
        queries: [{ expr: 'max by (service) (time() - churnwatch_stream_time_seconds)', legend: '{{service}}' }],
        unit: 's',
      },
      {
        title: 'Dead letters per minute',
        description: 'rejected input by topic and reason (original bytes on the dead-letter topic)',
        queries: [{ expr: 'sum by (topic, reason) (rate(churnwatch_dead_letters_total[5m])) * 60', legend: '{{topic}} {{reason}}' }],
        unit: 'short',
      },
      {
        title: 'Processing latency, 99th percentile',
        description: 'from taking a chunk to its commit',
        queries: [{ expr: 'histogram_quantile(0.99, sum by (service, le) (rate(churnwatch_processing_latency_seconds_bucket[5m])))', legend: '{{service}}' }],
        unit: 's',
      },
      {
        title: 'Commit duration, 99th percentile',
        description: 'writing one commit to Kafka (exactly once, one transaction): the broker’s share of the latency above',
        queries: [
          {
            expr: 'histogram_quantile(0.99, sum by (service, delivery, le) (rate(churnwatch_commit_duration_seconds_bucket[5m])))',
            legend: '{{service}} {{delivery}}',
          },
        ],
        unit: 's',
      },
      {
        title: 'Timers fired per minute',
        description: 'stream-time and wall-clock timers (silence, renewals, daily checks)',
        queries: [{ expr: 'sum by (service, clock) (rate(churnwatch_timers_fired_total[5m])) * 60', legend: '{{service}} {{clock}}' }],
        unit: 'short',
      },
    ],
  },
];

const datasource = { type: 'prometheus', uid: 'churnwatch-prometheus' };

function panelOf(panel: PanelSpec): cog.Builder<dashboard.Panel> {
  const targets = panel.queries.map((query, q) =>
    new prometheus.DataqueryBuilder()
      .refId(String.fromCharCode(65 + q))
      .datasource(datasource)
      .expr(query.expr)
      .legendFormat(query.legend),
  );
  if (panel.kind === 'stat') {
    const stat = new StatPanel().title(panel.title).description(panel.description).datasource(datasource).unit(panel.unit).height(8).span(8);
    return stat.reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull'])).targets(targets);
  }
  return new TimeseriesPanel()
    .title(panel.title)
    .description(panel.description)
    .datasource(datasource)
    .unit(panel.unit)
    .height(8)
    .span(8)
    .legend(new common.VizLegendOptionsBuilder().displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom).showLegend(true))
    .targets(targets);
}

/** The Grafana dashboard JSON model, built with the Grafana Foundation SDK: one row per group, panels three abreast. */
export function buildDashboard(): dashboard.Dashboard {
  const builder = new DashboardBuilder('churnwatch')
    .uid('churnwatch-overview')
    .tags(['churnwatch'])
    .timezone('browser')
    .version(1)
    .refresh('30s')
    .time({ from: 'now-7d', to: 'now' })
    .withVariable(
      new dashboard.QueryVariableBuilder('segment')
        .label('Segment')
        .datasource(datasource)
        .query({ query: 'label_values(churnwatch_segment_customers, segment)', refId: 'segments' })
        .includeAll(true)
        .multi(true)
        .allValue('.*')
        .current({ text: 'All', value: '$__all' })
        .refresh(dashboard.VariableRefresh.OnTimeRangeChanged),
    );
  for (const row of dashboardRows) {
    builder.withRow(new dashboard.RowBuilder(row.title));
    for (const panel of row.panels) builder.withPanel(panelOf(panel));
  }
  return builder.build();
}

/** Every PromQL query of the dashboard, with the template variables as Grafana's "All" expands them. */
export function dashboardQueries(): string[] {
  return dashboardRows.flatMap((row) => row.panels.flatMap((panel) => panel.queries.map((query) => query.expr.replaceAll('$segment', '.*'))));
}
