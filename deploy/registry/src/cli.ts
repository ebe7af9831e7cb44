import { parseArgs } from 'node:util';
import { LocalRegistry } from './local-registry.ts';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
});

if (positionals[0] !== 'start') {
  process.stderr.write('usage: deploy/registry/registry start [--port N] [--data-dir DIR]\n');
  process.exit(2);
}

const registry = await LocalRegistry.start({
  port: values.port === undefined ? undefined : Number(values.port),
  dataDir: values['data-dir'],
});
process.stdout.write(
  `Apicurio Registry ${registry.version} is up after ${registry.lastStartupMs} ms; Confluent API: ${registry.url} (data: ${registry.dataDir}). Ctrl-C stops it.\n`,
);
const shutdown = async () => {
  process.stdout.write('stopping the registry…\n');
  await (values['data-dir'] ? registry.stop() : registry.dispose());
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
