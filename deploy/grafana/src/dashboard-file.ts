import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dashboards = join(dirname(fileURLToPath(import.meta.url)), '..', 'dashboards');

/** The provisioned dashboard files (mounted by docker compose). */
export const dashboardFile = join(dashboards, 'churnwatch.json');
export const accountDashboardFile = join(dashboards, 'churnwatch-accounts.json');

/** A built dashboard as the file holds it (the SDK's builders carry methods JSON leaves out). */
export function dashboardJson(model: unknown): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
