/** Settings of a single-node KRaft cluster: one process is broker and controller, on loopback. */
export interface SingleNodeSettings {
  readonly port: number;
  readonly controllerPort: number;
  readonly logDir: string;
  /** SASL_SSL listeners beside the plaintext one, by name, with their ports. */
  readonly securedListeners?: readonly { readonly name: string; readonly port: number }[];
  readonly extra?: Readonly<Record<string, string | number | boolean>>;
}

export function singleNodeServerProperties(settings: SingleNodeSettings): string {
  const { port, controllerPort, logDir } = settings;
  const secured = settings.securedListeners ?? [];
  const securedAt = secured.map((listener) => `,${listener.name}://127.0.0.1:${listener.port}`).join('');
  const properties: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}${securedAt}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}${securedAt}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': `PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT${secured.map((listener) => `,${listener.name}:SASL_SSL`).join('')}`,
    'log.dirs': logDir,
    // One node: every internal topic has a single replica and needs a single in-sync replica.
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 10,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'min.insync.replicas': 1,
    'default.replication.factor': 1,
    // Groups form at once instead of waiting 3 s for more members.
    'group.initial.rebalance.delay.ms': 0,
    // Topics are created on purpose (by the services' topic setup or the tests), never by a typo.
    'auto.create.topics.enable': false,
    'num.partitions': 3,
    // Compacted changelogs are cleaned soon enough to be observed in tests.
    'log.cleaner.backoff.ms': 1000,
    'transaction.abort.timed.out.transaction.cleanup.interval.ms': 10_000,
    'transaction.remove.expired.transaction.cleanup.interval.ms': 60_000,
    ...settings.extra,
  };
  return `${Object.entries(properties)
    .map(([name, value]) => `${name}=${value}`)
    .join('\n')}\n`;
}
