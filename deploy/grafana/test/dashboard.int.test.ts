// The dashboards' queries parse and run on a real Prometheus, and the provisioned files are current.
import { readFileSync } from 'node:fs';
import { LocalPrometheus } from '@churnwatch/local-prometheus';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildAccountDashboard } from '../src/account-dashboard.ts';
import { buildDashboard, dashboardQueries } from '../src/dashboard.ts';
import { accountDashboardFile, dashboardFile, dashboardJson } from '../src/dashboard-file.ts';

let prometheus: LocalPrometheus;
beforeAll(async () => {
  prometheus = await LocalPrometheus.start({ targets: [] });
});
afterAll(() => prometheus?.stop());

test.each([
  [dashboardFile, buildDashboard],
  [accountDashboardFile, buildAccountDashboard],
])('the provisioned %s is what the code generates (pnpm --filter @churnwatch/grafana-dashboard generate)', (file, build) => {
  // Compared as data: the formatter may lay the file out differently.
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(dashboardJson(build())));
});

test.each(dashboardQueries())('Prometheus accepts %s', async (expr) => {
  await expect(prometheus.query(expr)).resolves.toBeInstanceOf(Array);
});
