// churnwatch against a broker that only speaks SASL_SSL (its own CA, SCRAM and PLAIN users), with
// a schema registry behind HTTPS and basic auth. Right credentials: the topics command, two
// detection services and the notifier carry a falling customer's Avro usage to a webhook. Wrong
// password, wrong CA, plaintext to the TLS port and an expired broker certificate: each stops the
// service quickly with its own message. alert-actions writes a control event over SASL_SSL. No secret shows in any log line (at debug), in /metrics,
// /healthz, /readyz or on stderr, and no customer id in the HTTP endpoints.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningService, startService, stopService } from '@churnwatch/cli/service-processes';
import { kafkaClientSecurity, parseKafkaSecurity } from '@churnwatch/connection-security';
import { churnRiskAlertV1, createContractRegistry, createEncoder, topicContracts, type UsageEventV1 } from '@churnwatch/contracts';
import { defaultTopicNames } from '@churnwatch/detection-service-kit';
import { freePort } from '@churnwatch/local-kafka';
import { uniqueName, waitFor } from '@churnwatch/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { DAY_MS, usageEvent } from '../e2e/support/usage-events.ts';
import { type HttpsRegistryProxy, startHttpsRegistryProxy } from './support/https-registry-proxy.ts';
import { type SecuredBroker, startSecuredBroker, users } from './support/secured-broker.ts';

const cliMain = fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url));
const registryUser = { username: 'registry-reader', password: 'Registry-pw-V9mq4TsL' };
const wrongPassword = 'Wrong-pw-J3kf6PwA';
const actionsToken = 'Actions-token-P4zr8WqE-0123456789abcdef';
const customers = ['cust-secure-falling', 'cust-secure-steady'];
const topics = defaultTopicNames();

let secured: SecuredBroker;
let proxy: HttpsRegistryProxy;
const services: RunningService[] = [];

beforeAll(async () => {
  secured = await startSecuredBroker();
  proxy = await startHttpsRegistryProxy({
    target: inject('schemaRegistryUrl'),
    certificateFile: join(secured.pki.dir, 'broker.pem'),
    keyFile: join(secured.pki.dir, 'broker.key'),
    ...registryUser,
  });
}, 300_000);

afterAll(async () => {
  await Promise.all(services.map((service) => stopService(service)));
  await proxy?.close();
  await secured?.broker.dispose();
  if (secured) rmSync(secured.dir, { recursive: true, force: true });
});

/** Every secret any process of this file was given. */
function secrets(): string[] {
  return [
    ...Object.values(users).map((user) => user.password),
    registryUser.password,
    Buffer.from(`${registryUser.username}:${registryUser.password}`).toString('base64'),
    wrongPassword,
    actionsToken,
    secured.pki.keystorePassword,
  ];
}

function expectNoSecret(where: string, text: string): void {
  for (const secret of secrets()) expect(text.includes(secret), `${where} shows a secret`).toBe(false);
}

/** A webhook receiver on loopback that keeps what it was sent. */
async function startWebhook(): Promise<{ url: string; bodies: unknown[]; close(): void }> {
  const bodies: unknown[] = [];
  const server = createServer(async (request, response) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    bodies.push(JSON.parse(text));
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, close: () => server.close() };
}

async function httpBody(port: number, path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, text: await response.text() };
}

test('right credentials: topics, usage monitor, risk scorer and notifier over SASL_SSL, Avro through an https registry, an alert reaches the webhook; nothing secret leaks', async () => {
  const workDir = secured.dir;
  // The CLI's topics command over SASL_SSL (SCRAM-SHA-512).
  const created = spawnSync(process.execPath, [cliMain, 'topics', '--brokers', secured.bootstrap, '--partitions', '3'], {
    env: { ...process.env, ...secured.envFor(users.scram512) },
    encoding: 'utf8',
  });
  expect(created.status, created.stderr).toBe(0);
  expect(created.stdout).toContain('churnwatch.alerts');

  // Usage as Confluent Avro, its schema registered through the https front with basic auth.
  const registryFiles = { user: join(workDir, 'secrets', 'registry.user'), password: join(workDir, 'secrets', 'registry.password') };
  writeFileSync(registryFiles.user, registryUser.username);
  writeFileSync(registryFiles.password, `${registryUser.password}\n`);
  const registry = createContractRegistry({ url: proxy.url, basicAuth: registryUser, ca: readFileSync(secured.pki.caFile, 'utf8') });
  const avro = createEncoder({ format: 'confluent-avro', registry });
  const today = Math.floor(Date.now() / DAY_MS);
  const events: UsageEventV1[] = [];
  for (let day = today - 60; day < today; day++) {
    events.push(usageEvent('cust-secure-steady', day, 40));
    events.push(usageEvent('cust-secure-falling', day, day >= today - 6 ? 4 : 40));
  }
  const producer = secured.client(users.scram512).producer();
  await producer.connect();
  await producer.send({
    topic: topics.usage,
    messages: await Promise.all(events.map(async (event) => ({ key: event.customerId, value: await avro.encode(topicContracts.usage, topics.usage, event) }))),
  });
  await producer.disconnect();

  const detectionFile = join(workDir, 'detection.json');
  // The decline opens on its first day and at a 30 % drop: the connection is under test, not the thresholds.
  writeFileSync(detectionFile, JSON.stringify({ usageMetric: 'sessions', defaults: { usage: { confirmDays: 1, minRelativeDrop: 0.3 } } }));
  const webhook = await startWebhook();
  const run = uniqueName('secured');
  const common = {
    CHURNWATCH_LOG_LEVEL: 'debug',
    CHURNWATCH_KAFKA_LOG_LEVEL: 'debug',
    CHURNWATCH_SESSION_TIMEOUT_MS: '10000',
    CHURNWATCH_HEARTBEAT_INTERVAL_MS: '1000',
    CHURNWATCH_WALL_CLOCK_CHECK_INTERVAL_MS: '200',
    // The test reads the processed count and the topics: commit every half second, not every 30 s.
    CHURNWATCH_COMMIT_INTERVAL_MS: '500',
    CHURNWATCH_DETECTION_CONFIG_FILE: detectionFile,
    CHURNWATCH_SCHEMA_REGISTRY_URL: proxy.url,
    CHURNWATCH_SCHEMA_REGISTRY_USERNAME_FILE: registryFiles.user,
    CHURNWATCH_SCHEMA_REGISTRY_PASSWORD_FILE: registryFiles.password,
    CHURNWATCH_SCHEMA_REGISTRY_CA_FILE: secured.pki.caFile,
  };
  const ports = { usage: await freePort(), scorer: await freePort(), notifier: await freePort() };
  services.push(
    startService(
      {
        name: 'usage-monitor',
        env: { ...secured.envFor(users.scram512), ...common, CHURNWATCH_APPLICATION_ID: `${run}.usage`, CHURNWATCH_METRICS_PORT: String(ports.usage) },
      },
      workDir,
    ),
    startService(
      {
        name: 'risk-scorer',
        env: { ...secured.envFor(users.scram256), ...common, CHURNWATCH_APPLICATION_ID: `${run}.scorer`, CHURNWATCH_METRICS_PORT: String(ports.scorer) },
      },
      workDir,
    ),
    startService(
      {
        name: 'notifier',
        env: {
          ...secured.envFor(users.plain),
          CHURNWATCH_LOG_LEVEL: 'debug',
          CHURNWATCH_APPLICATION_ID: `${run}.notifier`,
          CHURNWATCH_METRICS_PORT: String(ports.notifier),
          CHURNWATCH_NOTIFIER_ROUTES: JSON.stringify([{ name: 'cs', channel: 'webhook', url: webhook.url }]),
        },
      },
      workDir,
    ),
  );

  try {
    const delivered = await waitFor(
      () => webhook.bodies.find((body) => JSON.stringify(body).includes('cust-secure-falling')),
      'an alert at the webhook',
      150_000,
      250,
    );
    expect(JSON.stringify(delivered)).toContain('usage_declining');
  } finally {
    webhook.close();
  }
  expect(proxy.counts.authorized).toBeGreaterThan(0);
  expect(proxy.counts.refused).toBe(0);

  // The alert on the topic, read as another SASL user.
  const consumer = secured.client(users.scram256).consumer({ groupId: uniqueName('alerts-reader') });
  const alerts: unknown[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: topics.alerts, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void alerts.push(JSON.parse(message.value?.toString() ?? 'null')) });
  const falling = () => alerts.find((alert) => (alert as { customerId?: string }).customerId === 'cust-secure-falling');
  await waitFor(() => (falling() ? true : undefined), 'the alert on the alerts topic', 30_000);
  await consumer.disconnect();
  expect(churnRiskAlertV1.parse(falling())).toMatchObject({ customerId: 'cust-secure-falling', kind: 'usage_declining', status: 'opened' });

  // The HTTP endpoints: answer, and carry neither secrets nor customer data.
  for (const port of Object.values(ports)) {
    await waitFor(async () => ((await httpBody(port, '/readyz')).status === 200 ? true : undefined), `/readyz on ${port}`, 30_000, 250);
    for (const path of ['/metrics', '/healthz', '/readyz']) {
      const { status, text } = await httpBody(port, path);
      expect(status, path).toBe(200);
      expectNoSecret(`${path} on ${port}`, text);
      for (const customer of customers) expect(text, `${path} on ${port}`).not.toContain(customer);
    }
  }
  // The alert may come out before the steady customer's records are all counted: wait for the count.
  // A record handed over again after a rebalance counts as processed or as a duplicate a second time.
  await waitFor(
    async () => (handledRecords((await httpBody(ports.usage, '/metrics')).text) >= 120 ? true : undefined),
    'all 120 usage records counted as processed',
    60_000,
    250,
  );

  const stopped = await Promise.all(services.splice(0).map((service) => stopService(service)));
  for (const exit of stopped) expect(exit.code).toBe(0);
  for (const name of ['usage-monitor', 'risk-scorer', 'notifier']) {
    const log = readFileSync(join(workDir, `${name}.log`), 'utf8');
    // The detection services ran at debug, kafkajs' lines included: the search covered them.
    if (name !== 'notifier') expect(log, name).toMatch(/"level":20,.*"component":"kafkajs"/);
    expect(log.length, name).toBeGreaterThan(0);
    expectNoSecret(`${name}.log`, log);
  }
  expect(readFileSync(join(workDir, 'usage-monitor.log'), 'utf8')).toContain('"protocol":"SASL_SSL"');
});

/** Input records the runtime handed to the processor or skipped as duplicates, summed over every series. */
function handledRecords(metrics: string): number {
  let total = 0;
  for (const match of metrics.matchAll(/^churnwatch_records_(?:processed|duplicate)[a-z_]*_total\{[^}]*\} (\d+)$/gm)) total += Number(match[1]);
  return total;
}

/** Starts a usage monitor with `env` on top of a correct SCRAM setup, waits for its exit, returns the exit and its whole output. */
async function runFailing(label: string, env: Record<string, string>): Promise<{ code: number | null; output: string; elapsedMs: number; fatal: string }> {
  const startedAt = Date.now();
  const service = startService(
    {
      name: 'usage-monitor',
      env: {
        ...secured.envFor(users.scram512),
        CHURNWATCH_APPLICATION_ID: uniqueName(label),
        CHURNWATCH_METRICS_PORT: String(await freePort()),
        CHURNWATCH_LOG_LEVEL: 'debug',
        CHURNWATCH_KAFKA_LOG_LEVEL: 'debug',
        CHURNWATCH_STARTUP_TIMEOUT_MS: '60000',
        ...env,
      },
    },
    join(secured.dir, label),
  );
  const exit = await new Promise<number | null>((resolve) => service.process.once('exit', (code) => resolve(code)));
  const output = readFileSync(service.logFile, 'utf8');
  const fatal = output
    .split('\n')
    .filter((line) => line.includes('"level":60'))
    .map((line) => (JSON.parse(line) as { msg: string }).msg)
    .join('\n');
  return { code: exit, output, elapsedMs: Date.now() - startedAt, fatal };
}

test('wrong password, wrong CA, plaintext to the TLS port, expired certificate: each stops start-up at once with its own message', async () => {
  for (const label of ['wrong-password', 'wrong-ca', 'plaintext', 'expired']) mkdirSync(join(secured.dir, label), { recursive: true });
  const wrongPasswordFile = join(secured.dir, 'secrets', 'wrong.password');
  writeFileSync(wrongPasswordFile, wrongPassword);
  const [password, ca, plaintext, expired] = await Promise.all([
    runFailing('wrong-password', { CHURNWATCH_KAFKA_SASL_PASSWORD_FILE: wrongPasswordFile }),
    runFailing('wrong-ca', { CHURNWATCH_KAFKA_SSL_CA_FILE: secured.pki.otherCaFile }),
    runFailing('plaintext', { CHURNWATCH_KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', CHURNWATCH_KAFKA_SSL_CA_FILE: '' }),
    runFailing('expired', { CHURNWATCH_KAFKA_BROKERS: secured.expiredBootstrap }),
  ]);
  expect(password.fatal).toMatch(/could not start: Kafka at 127\.0\.0\.1:\d+ refused the SASL SCRAM-SHA-512 login: wrong user name or password/);
  expect(ca.fatal).toMatch(/the TLS certificate of Kafka at 127\.0\.0\.1:\d+ is not signed by a CA in the CA file .*other-ca\.pem .*SELF_SIGNED_CERT_IN_CHAIN/);
  expect(plaintext.fatal).toMatch(
    /Kafka at 127\.0\.0\.1:\d+ closed the connection without answering: the listener probably expects TLS; set CHURNWATCH_KAFKA_SECURITY_PROTOCOL=SSL or SASL_SSL \(it is SASL_PLAINTEXT\)/,
  );
  expect(expired.fatal).toMatch(/the TLS certificate of Kafka at 127\.0\.0\.1:\d+ has expired or is not yet valid \(CERT_HAS_EXPIRED\)/);
  for (const [label, run] of Object.entries({ password, ca, plaintext, expired })) {
    expect(run.code, `${label}: ${run.output.slice(-2000)}`).toBe(1);
    // Far below the 60 s start-up budget: refused, not retried.
    expect(run.elapsedMs, label).toBeLessThan(45_000);
    expectNoSecret(label, run.output);
  }
  expect(new Set([password.fatal, ca.fatal, plaintext.fatal, expired.fatal]).size).toBe(4);
});

test('a missing secret file stops start-up with exit 78, naming the variable and the path', async () => {
  const missing = join(secured.dir, 'secrets', 'not-mounted');
  const result = spawnSync(process.execPath, [fileURLToPath(new URL('../../services/usage-monitor/src/main.ts', import.meta.url))], {
    env: { ...process.env, ...secured.envFor(users.scram512, { CHURNWATCH_KAFKA_SASL_PASSWORD_FILE: missing }), CHURNWATCH_METRICS_PORT: '0' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.status).toBe(78);
  expect(result.stderr).toContain(`CHURNWATCH_KAFKA_SASL_PASSWORD_FILE: cannot read ${missing} (ENOENT)`);
});

test('OAUTHBEARER: the client presents the token file, and the broker accepts it', async () => {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const nowS = Math.floor(Date.now() / 1000);
  const tokenFile = join(secured.dir, 'secrets', 'token');
  // Kafka's built-in unsecured validator takes an unsigned JWT; a real cluster checks the signature.
  writeFileSync(tokenFile, `${b64({ alg: 'none' })}.${b64({ sub: 'svc-oauth', iat: nowS, exp: nowS + 3600 })}.`);
  const security = parseKafkaSecurity({
    CHURNWATCH_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
    CHURNWATCH_KAFKA_SSL_CA_FILE: secured.pki.caFile,
    CHURNWATCH_KAFKA_SASL_MECHANISM: 'OAUTHBEARER',
    CHURNWATCH_KAFKA_SASL_OAUTHBEARER_TOKEN_FILE: tokenFile,
  });
  const admin = new Kafka({ clientId: 'oauth-test', brokers: [secured.bootstrap], logLevel: logLevel.NOTHING, ...kafkaClientSecurity(security) }).admin();
  await admin.connect();
  try {
    const topic = uniqueName('oauth');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    expect(await admin.listTopics()).toContain(topic);
  } finally {
    await admin.disconnect();
  }
});

test('alert-actions over SASL_SSL: an API request becomes a control event on the topic; a wrong password stops it at once', async () => {
  const dir = join(secured.dir, 'alert-actions');
  mkdirSync(dir, { recursive: true });
  const topic = uniqueName('secured-control');
  const admin = secured.client(users.scram256).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const tokenFile = join(secured.dir, 'secrets', 'actions.token');
  writeFileSync(tokenFile, `${actionsToken}\n`);
  const [port, metricsPort] = [await freePort(), await freePort()];
  const actions = startService(
    {
      name: 'alert-actions',
      env: {
        ...secured.envFor(users.scram256),
        CHURNWATCH_LOG_LEVEL: 'debug',
        CHURNWATCH_TOPIC_CONTROL: topic,
        CHURNWATCH_ALERT_ACTIONS_PORT: String(port),
        CHURNWATCH_ALERT_ACTIONS_TOKEN_FILE: tokenFile,
        CHURNWATCH_METRICS_PORT: String(metricsPort),
      },
    },
    dir,
  );
  services.push(actions);
  await waitFor(
    async () => ((await httpBody(metricsPort, '/readyz').catch(() => ({ status: 0 }))).status === 200 ? true : undefined),
    'alert-actions ready',
    60_000,
    250,
  );
  const response = await fetch(`http://127.0.0.1:${port}/v1/alert-actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${actionsToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'acknowledge', customerId: 'cust-secure-falling', kind: 'usage_declining', requestedBy: 'dana', eventId: 'secured-ack-1' }),
  });
  expect(response.status, await response.clone().text()).toBe(202);

  const consumer = secured.client(users.scram512).consumer({ groupId: uniqueName('control-reader') });
  const controls: unknown[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void controls.push(JSON.parse(message.value?.toString() ?? 'null')) });
  await waitFor(() => (controls.length > 0 ? true : undefined), 'the control event on the topic', 30_000);
  await consumer.disconnect();
  expect(controls).toEqual([
    expect.objectContaining({ eventId: 'secured-ack-1', action: 'acknowledge', customerId: 'cust-secure-falling', requestedBy: 'dana' }),
  ]);

  services.splice(services.indexOf(actions), 1);
  expect((await stopService(actions)).code).toBe(0);
  const log = readFileSync(join(dir, 'alert-actions.log'), 'utf8');
  expect(log).toContain('"protocol":"SASL_SSL"');
  expectNoSecret('alert-actions.log', log);

  // The same service with a wrong password: refused at the first connection, not retried until the start-up timeout.
  const wrongDir = join(dir, 'wrong-password');
  mkdirSync(wrongDir);
  const wrongPasswordFile = join(secured.dir, 'secrets', 'actions-wrong.password');
  writeFileSync(wrongPasswordFile, wrongPassword);
  const startedAt = Date.now();
  const refused = startService(
    {
      name: 'alert-actions',
      env: {
        ...secured.envFor(users.scram256, { CHURNWATCH_KAFKA_SASL_PASSWORD_FILE: wrongPasswordFile }),
        CHURNWATCH_ALERT_ACTIONS_TOKEN_FILE: tokenFile,
        CHURNWATCH_ALERT_ACTIONS_PORT: '0',
        CHURNWATCH_METRICS_PORT: '0',
        CHURNWATCH_STARTUP_TIMEOUT_MS: '60000',
      },
    },
    wrongDir,
  );
  const code = await new Promise<number | null>((resolve) => refused.process.once('exit', (exit) => resolve(exit)));
  const output = readFileSync(refused.logFile, 'utf8');
  expect(code, output.slice(-2000)).toBe(1);
  expect(Date.now() - startedAt).toBeLessThan(45_000);
  expect(output).toMatch(/could not start: Kafka at 127\.0\.0\.1:\d+ refused the SASL SCRAM-SHA-256 login: wrong user name or password/);
  expectNoSecret('alert-actions with a wrong password', output);
});
