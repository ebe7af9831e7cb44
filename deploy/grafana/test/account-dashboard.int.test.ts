// Every SQL statement of the accounts dashboard runs on a real PostgreSQL populated through the
// account store's own writes, and returns the rows a CS lead should see.
import { createDatabasePool, migrate, writeRows } from '@churnwatch/account-store';
import { sampleChanges } from '@churnwatch/account-store/test-fixtures';
import { createLogger } from '@churnwatch/telemetry';
import { createTestDatabase, type TestDatabase } from '@churnwatch/testkit';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountPanels, buildAccountDashboard } from '../src/account-dashboard.ts';

let database: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = createDatabasePool(database.url, createLogger({ service: 'grafana-test', level: 'silent' }));
  await migrate(pool);
  await writeRows(pool, sampleChanges());
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

/** A panel's SQL as Grafana sends it with the dashboard's variables filled in. */
async function run(title: string, variables: Record<string, string> = {}): Promise<Record<string, unknown>[]> {
  const panel = accountPanels.find((p) => p.title === title);
  if (!panel) throw new Error(`no panel ${title}`);
  const sql = Object.entries(variables).reduce((text, [name, value]) => text.replaceAll(`$${name}`, value), panel.sql);
  return (await pool.query(sql)).rows;
}

describe('accounts dashboard', () => {
  it('builds every panel on the PostgreSQL data source with its SQL', () => {
    const panels = buildAccountDashboard().panels as unknown as { datasource: { uid: string }; targets: { rawSql: string }[] }[];
    expect(panels.map((panel) => panel.datasource.uid)).toEqual(accountPanels.map(() => 'churnwatch-postgres'));
    expect(panels.map((panel) => panel.targets[0]!.rawSql)).toEqual(accountPanels.map((panel) => panel.sql));
  });

  it('customers at risk by value', async () => {
    const rows = await run('Customers at risk by value');
    expect(rows.map((row) => [row.customer, row.owner, row.health, row.band, row['value at risk'], row['open alerts']])).toEqual([
      ['cust-ada', 'Elin Berg', '42', 'at_risk', '213393.0000', 1],
      ['cust-cy', 'Elin Berg', '55', 'watch', '50000.0000', 1],
      ['cust-bo', 'Chiara Conti', '39', 'critical', '1887.0000', 1],
    ]);
  });

  it('one customer’s alert timeline', async () => {
    const rows = await run('Alert timeline of $customer', { customer: 'cust-cy' });
    expect(rows.map((row) => [(row.time as Date).toISOString().slice(0, 10), row.kind, row.status])).toEqual([
      ['2026-10-12', 'renewal_at_risk', 'opened'],
      ['2026-10-01', 'complaint_escalation', 'resolved'],
      ['2026-09-20', 'complaint_escalation', 'opened'],
    ]);
  });

  it('alerts per owner per week', async () => {
    const rows = await run('Alerts per owner per week (alert fatigue)');
    expect(rows.map((row) => [(row.week as Date).toISOString().slice(0, 10), row.owner, row.alerts])).toEqual([
      ['2026-09-14', 'Elin Berg', 1],
      ['2026-09-28', 'Chiara Conti', 1],
      ['2026-10-05', 'Elin Berg', 1],
      ['2026-10-12', 'Elin Berg', 2],
    ]);
  });

  it('retention KPIs per segment and period', async () => {
    const rows = await run('Retention KPIs per segment and period');
    expect(rows).toEqual([
      { segment: 'smb', period: new Date('2026-10-01T00:00:00Z'), final: false, retention: 0.9, churn: expect.closeTo(0.1, 10), NDR: 0.9, NPS: 40 },
    ]);
  });
});
