// Writes dashboards/churnwatch.json from dashboard.ts: pnpm --filter @churnwatch/grafana-dashboard generate
import { writeFileSync } from 'node:fs';
import { buildDashboard } from './dashboard.ts';
import { dashboardFile } from './dashboard-file.ts';

writeFileSync(dashboardFile, `${JSON.stringify(buildDashboard(), null, 2)}\n`);
process.stdout.write(`wrote ${dashboardFile}\n`);
