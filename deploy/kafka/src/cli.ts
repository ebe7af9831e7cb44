import { parseArgs } from 'node:util';
import { LocalKafka } from './broker.ts';
import { securityFromOptions } from './cli-security.ts';
import { isKafkaToolName, kafkaTools, spawnKafkaTool } from './tools.ts';

const [command, ...rest] = process.argv.slice(2);

async function startBroker(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      keystore: { type: 'string' },
      'keystore-password': { type: 'string' },
      user: { type: 'string', multiple: true },
    },
  });
  let security: ReturnType<typeof securityFromOptions>;
  try {
    security = securityFromOptions(values);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const broker = await LocalKafka.start({
    port: values.port === undefined ? undefined : Number(values.port),
    dataDir: values['data-dir'],
    ...(security ? { security } : {}),
  });
  const secured = security ? `, SASL_SSL on ${broker.securedBootstrapServer()}` : '';
  process.stdout.write(
    `Kafka ${broker.version} is up on ${broker.bootstrapServer}${secured} after ${broker.lastStartupMs} ms (data: ${broker.dataDir}). Ctrl-C stops it.\n`,
  );
  const shutdown = async () => {
    process.stdout.write('stopping Kafka…\n');
    await (values['data-dir'] ? broker.stop() : broker.dispose());
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function runTool(tool: string, args: string[]): Promise<void> {
  if (!isKafkaToolName(tool)) {
    process.stderr.write(`unknown command "${tool}". Commands: start, ${Object.keys(kafkaTools).join(', ')}\n`);
    process.exit(2);
  }
  const child = await spawnKafkaTool(tool, args, 'inherit');
  child.on('exit', (code) => process.exit(code ?? 1));
}

if (command === 'start') await startBroker(rest);
else await runTool(command ?? '', rest);
