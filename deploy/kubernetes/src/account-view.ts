import {
  accountPageFiles,
  accountPageSecret,
  alertActionsFiles,
  alertActionsSecret,
  databaseFiles,
  databaseSecret,
  joinFiles,
  secretFiles,
} from './account-view-secrets.ts';
import { componentOf } from './labels.ts';
import type { Workload } from './workloads.ts';

/** The actions API's port (CHURNWATCH_ALERT_ACTIONS_PORT), and the Service's. */
export const alertActionsPort = 8087;
export const accountPagePort = 8080;

/** Where the page sends its buttons' actions: the alert-actions Service, inside the cluster. */
export const alertActionsUrl = `http://${componentOf({ service: 'alert-actions' })}:${alertActionsPort}`;

/**
 * Sizing. None of the three holds state in memory: the store writes each batch to PostgreSQL and
 * forgets it, the page renders one query's rows, the actions API turns one request into one
 * control event. What they hold is Node with their code loaded: 124–128 MiB resident each before
 * any work, and the page 179 MiB after 2,000 requests, of which 39 MiB live heap in a 97 MiB heap
 * V8 had not yet needed to collect (deploy/kubernetes/measure-memory.sh). So 192 MiB asked, and
 * 384 MiB as the limit with the heap capped at three quarters of it: room for a fetch batch of
 * the store (kafkajs reads up to 10 MiB per partition) and requests in flight, while V8 collects
 * long before the kernel would kill the pod. CPU: the store waits on PostgreSQL and the HTTP
 * services on people clicking; a tenth of a core each, half a core for bursts (a replay through
 * the store, a page of many customers).
 *
 * Scaling. The page and the actions API are not scaled by KEDA: their load is requests from a
 * few people, not a backlog in Kafka, so there is no lag to scale on; two replicas keep them
 * answering through a node drain (the budget lets one go at a time). The store is a consumer
 * group and scales on its lag like the others: its writes are upserts guarded by event time
 * (replicas never undo each other) and its migrations take an advisory lock.
 */
const stateless = { cpuRequest: '100m', cpuLimit: '500m', memoryRequestMi: 192, memoryLimitMi: 384 } as const;

/** Kafka → PostgreSQL: every customer's health, every alert and its history, the retention KPIs. */
const storeFiles = secretFiles(databaseFiles, { CHURNWATCH_DATABASE_URL_FILE: databaseSecret.storeUrl });

const accountStore: Workload = {
  service: 'account-store',
  kafka: 'kafka',
  // Health changes outnumber every other input of the store (one per scored signal): its lag is the one to follow.
  consumer: { group: 'churnwatch.account-store', lagTopic: 'churnwatch.customer-health' },
  replicas: 1,
  resources: stateless,
  detection: false,
  shutdownDeadline: true,
  own: storeFiles,
};

const pageFiles = joinFiles(
  secretFiles(databaseFiles, { CHURNWATCH_DATABASE_URL_FILE: databaseSecret.pageUrl }),
  // The same forms' key on every replica: a form rendered by one is accepted by the other.
  secretFiles(accountPageFiles, {
    CHURNWATCH_ACCOUNT_PAGE_TOKEN_FILE: accountPageSecret.token,
    CHURNWATCH_ACCOUNT_PAGE_CSRF_SECRET_FILE: accountPageSecret.csrfSecret,
  }),
  secretFiles(alertActionsFiles, { CHURNWATCH_ALERT_ACTIONS_TOKEN_FILE: alertActionsSecret.apiToken }),
);

/**
 * The account view for CS managers, signed in by the shared token (a reverse proxy's header
 * instead: see the README), with buttons that call the alert-actions Service.
 */
const accountPage: Workload = {
  service: 'account-page',
  kafka: 'none',
  replicas: 2,
  resources: stateless,
  detection: false,
  shutdownDeadline: true,
  http: { port: accountPagePort, variable: 'CHURNWATCH_ACCOUNT_PAGE_PORT' },
  own: { ...pageFiles, env: [{ name: 'CHURNWATCH_ALERT_ACTIONS_URL', value: alertActionsUrl }, ...pageFiles.env] },
};

const apiFiles = secretFiles(alertActionsFiles, {
  CHURNWATCH_ALERT_ACTIONS_TOKEN_FILE: alertActionsSecret.apiToken,
  CHURNWATCH_SLACK_SIGNING_SECRET_FILE: alertActionsSecret.slackSigningSecret,
});

/**
 * Acknowledge, snooze, assign, resolve: the authenticated API (the page's buttons, the CLI) and
 * Slack's interactive buttons, written to the control topic. It reaches Kafka like the others
 * (TLS and SASL with the mounted credentials); it reads no schema registry.
 */
const alertActions: Workload = {
  service: 'alert-actions',
  kafka: 'kafka',
  replicas: 2,
  resources: stateless,
  detection: false,
  shutdownDeadline: true,
  http: { port: alertActionsPort, variable: 'CHURNWATCH_ALERT_ACTIONS_PORT' },
  own: apiFiles,
};

export const accountViewWorkloads: readonly Workload[] = [accountStore, accountPage, alertActions];
