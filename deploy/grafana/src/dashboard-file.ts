import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The provisioned dashboard file (mounted by docker compose). */
export const dashboardFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'dashboards', 'churnwatch.json');
