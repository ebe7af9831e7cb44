import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatAlertForTerminal, isSupportedLocale } from '@churnwatch/alert-format';
import { churnRiskAlertV1, supportedLocales, topicContracts } from '@churnwatch/contracts';
import { ConfigError } from '@churnwatch/errors';
import { LocalKafka, portIsFree } from '@churnwatch/local-kafka';
import { createSimulation, produceEvents } from '@churnwatch/simulator';
import { type Consumer, Kafka, logLevel } from 'kafkajs';
import type { Command } from '../commands.ts';
import { demoServiceNames, demoServices } from '../demo/demo-services.ts';
import { type RunningService, startService, stopService } from '../demo/service-processes.ts';
import { ensureContractTopics } from '../topic-setup.ts';

const usage = `usage: ./churnwatch demo [--metrics-port 9464] [--customers 80] [--days 120] [--seed 7] [--brokers host:port] [--locale en|de]

Starts a local Kafka broker (or uses --brokers), creates the topics, starts the six detection
services, feeds a generated history of customers ending now, and prints each alert as it arrives.
Metrics: the services listen on consecutive ports from --metrics-port. Alerts are printed in
--locale (en or de; default: each alert owner's language, else English). Ctrl-C stops everything.`;

const dayMs = 86_400_000;
const say = (text: string) => process.stdout.write(`[demo] ${text}\n`);

async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'metrics-port': { type: 'string', default: '9464' },
      customers: { type: 'string', default: '80' },
      days: { type: 'string', default: '120' },
      seed: { type: 'string', default: '7' },
      brokers: { type: 'string' },
      locale: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  // Options are checked before anything starts: a bad --days stops here, with nothing to clean up.
  const days = Number(values.days);
  const simulation = createSimulation({
    seed: Number(values.seed),
    customers: Number(values.customers),
    days,
    startDate: new Date(Date.now() - (days - 1) * dayMs).toISOString().slice(0, 10),
    notAfter: new Date().toISOString(),
  });
  const firstMetricsPort = Number(values['metrics-port']);
  const lastMetricsPort = firstMetricsPort + demoServiceNames.length - 1;
  if (!Number.isInteger(firstMetricsPort) || firstMetricsPort < 1 || lastMetricsPort > 65_535) {
    throw new ConfigError('the demo options', [
      `--metrics-port: expected a port from 1 to ${65_536 - demoServiceNames.length}, got "${values['metrics-port']}"`,
    ]);
  }
  // Checked before the broker starts: a port already taken (say, by a demo still running) would
  // otherwise stop one service a minute in, and the whole demo with it.
  for (let port = firstMetricsPort; port <= lastMetricsPort; port++) {
    if (!(await portIsFree(port))) {
      throw new ConfigError('the demo options', [
        `--metrics-port: the services need ports ${firstMetricsPort} to ${lastMetricsPort}, and ${port} is in use; pick another first port`,
      ]);
    }
  }

  const locale = values.locale;
  if (locale !== undefined && !isSupportedLocale(locale)) {
    throw new ConfigError('the demo options', [`--locale: expected one of ${supportedLocales.join(', ')}, got "${locale}"`]);
  }

  const workDir = mkdtempSync(join(tmpdir(), 'churnwatch-demo-'));
  const running: RunningService[] = [];
  const abortFeed = new AbortController();
  let broker: LocalKafka | undefined;
  let alertReader: Consumer | undefined;
  let stopping = false;

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    abortFeed.abort();
    await alertReader?.disconnect().catch(() => {});
    await Promise.all(running.map((service) => stopService(service)));
    if (broker) await broker.dispose();
    say('stopped; nothing left running.');
    process.exit(exitCode);
  };
  // A second Ctrl-C (or a signal sent to the process and to its group at once) must not cut the
  // orderly stop short and orphan the services: stopping is bounded by stopService's grace period.
  const onSignal = () => {
    if (stopping) say('still stopping (services first, then the broker; at most half a minute)…');
    else void stopAll(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    let brokers: string[];
    if (values.brokers) {
      brokers = values.brokers.split(',');
    } else {
      say('starting a local Apache Kafka broker (the first run downloads it with Maven)…');
      broker = await LocalKafka.start({ dataDir: join(workDir, 'kafka') });
      brokers = [broker.bootstrapServer];
      say(`Kafka ${broker.version} is up on ${broker.bootstrapServer} (started in ${(broker.lastStartupMs / 1000).toFixed(1)} s)`);
    }
    const created = await ensureContractTopics({ brokers, partitions: 3 });
    say(`${created.length} topics created`);

    for (const spec of demoServices(brokers, firstMetricsPort)) {
      const service = startService(spec, workDir);
      running.push(service);
      service.process.once('exit', (code, signal) => {
        if (stopping) return;
        say(`${spec.name} exited unexpectedly (code ${code}, signal ${signal}); its log: ${service.logFile}`);
        void stopAll(1);
      });
      say(`${spec.name.padEnd(17)} metrics on http://127.0.0.1:${spec.metricsPort}/metrics`);
    }
    say(`service logs: ${workDir}`);

    const kafka = new Kafka({ clientId: 'churnwatch-demo', brokers, logLevel: logLevel.NOTHING });
    alertReader = kafka.consumer({ groupId: `churnwatch-demo-printer-${process.pid}` });
    await alertReader.connect();
    await alertReader.subscribe({ topic: topicContracts.alerts.defaultTopic, fromBeginning: true });
    const useColor = process.stdout.isTTY === true;
    await alertReader.run({
      eachMessage: async ({ message }) => {
        const parsed = churnRiskAlertV1.safeParse(JSON.parse(message.value?.toString() ?? 'null'));
        if (parsed.success) process.stdout.write(`\n${formatAlertForTerminal(parsed.data, useColor, locale === undefined ? {} : { locale })}\n`);
      },
    });

    // A generated history that ends now: the services see months of customers' lives in seconds,
    // then live time goes on (silence and renewal timers keep firing on the wall clock).
    say(`feeding ${values.customers} generated customers' last ${days} days (seed ${values.seed})…`);
    const { sent } = await produceEvents({ kafka, events: simulation.stream(), signal: abortFeed.signal });
    say(`${sent} events sent. Alerts appear below as the services reach them; Ctrl-C stops everything.`);
  } catch (error) {
    if (stopping) return new Promise<number>(() => {});
    say(`failed: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll(1);
  }
  return new Promise<number>(() => {});
}

const demo: Command = { summary: 'start a local broker and the services, feed a generated stream, print alerts', run };
export default demo;
