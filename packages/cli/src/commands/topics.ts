import { parseArgs } from 'node:util';
import { parseKafkaSecurity } from '@churnwatch/connection-security';
import type { Command } from '../commands.ts';
import { ensureContractTopics, topicSpecs } from '../topic-setup.ts';

const usage = `usage: ./churnwatch topics --brokers host:port[,host:port] [--partitions 6]

Creates every topic churnwatch reads or writes that does not exist yet (tables compacted, the
rest deleted by age), all with the same partition count so customer-keyed topics are
co-partitioned. Existing topics are left as they are. --list prints the topics without creating.
TLS and SASL come from the same CHURNWATCH_KAFKA_* variables as the services' (see the README).`;

async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { brokers: { type: 'string' }, partitions: { type: 'string', default: '6' }, list: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  const partitions = Number(values.partitions);
  if (values.help || (!values.brokers && !values.list) || !Number.isInteger(partitions) || partitions < 1) {
    (values.help ? process.stdout : process.stderr).write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  if (values.list) {
    for (const spec of topicSpecs({ partitions })) process.stdout.write(`${spec.topic}\t${spec.configEntries[0]?.value}\n`);
    return 0;
  }
  const created = await ensureContractTopics({ brokers: (values.brokers ?? '').split(','), partitions, security: parseKafkaSecurity(process.env) });
  process.stdout.write(created.length ? `created ${created.length} topics: ${created.join(', ')}\n` : 'every topic exists already\n');
  return 0;
}

const topics: Command = { summary: 'create the topics churnwatch reads and writes', run };
export default topics;
