import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningService, startService } from '@churnwatch/cli/service-processes';
import { testBrokers, uniqueName } from '@churnwatch/testkit';

/** Starts the notifier as a process on the test broker, with its own application id and a log folder. */
export function startNotifier(topics: { alerts: string; failed: string }, routes: readonly unknown[], env: Record<string, string>): RunningService {
  return startService(
    {
      name: 'notifier',
      env: {
        CHURNWATCH_KAFKA_BROKERS: testBrokers().join(','),
        CHURNWATCH_TOPIC_ALERTS: topics.alerts,
        CHURNWATCH_TOPIC_FAILED_NOTIFICATIONS: topics.failed,
        CHURNWATCH_APPLICATION_ID: uniqueName('notifier'),
        CHURNWATCH_NOTIFIER_ROUTES: JSON.stringify(routes),
        ...env,
      },
    },
    mkdtempSync(join(tmpdir(), 'churnwatch-notifier-')),
  );
}
