// Writes dashboards/*.json from the code: pnpm --filter @churnwatch/grafana-dashboard generate
import { writeFileSync } from 'node:fs';
import { buildAccountDashboard } from './account-dashboard.ts';
import { buildDashboard } from './dashboard.ts';
import { accountDashboardFile, dashboardFile, dashboardJson } from './dashboard-file.ts';

for (const [file, model] of [
  [dashboardFile, buildDashboard()],
  [accountDashboardFile, buildAccountDashboard()],
] as const) {
  writeFileSync(file, dashboardJson(model));
  process.stdout.write(`wrote ${file}\n`);
}
