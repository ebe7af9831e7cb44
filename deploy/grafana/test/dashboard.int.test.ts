// The dashboard's queries parse and run on a real Prometheus, and the provisioned file is current.
import { readFileSync } from 'node:fs';
import { LocalPrometheus } from '@churnwatch/local-prometheus';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildDashboard, dashboardQueries } from '../src/dashboard.ts';
import { dashboardFile } from '../src/dashboard-file.ts';

let prometheus: LocalPrometheus;
beforeAll(async () => {
  prometheus = await LocalPrometheus.start({ targets: [] });
});
afterAll(() => prometheus?.stop());

test('the provisioned dashboard file is what the code generates (pnpm --filter @churnwatch/grafana-dashboard generate)', () => {
  expect(JSON.parse(readFileSync(dashboardFile, 'utf8'))).toEqual(buildDashboard());
});

test.each(dashboardQueries())('Prometheus accepts %s', async (expr) => {
  await expect(prometheus.query(expr)).resolves.toBeInstanceOf(Array);
});
