import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { KafkaSasl, KafkaSecurity, KafkaTls } from './kafka-security.ts';

function tlsOptions(tls: KafkaTls): ConnectionOptions | true {
  const options: ConnectionOptions = {
    // Never turned off: a client that does not check the broker's certificate sends its password to whoever answers.
    rejectUnauthorized: true,
    ...(tls.ca === undefined ? {} : { ca: [tls.ca] }),
    ...(tls.certificate === undefined ? {} : { cert: tls.certificate }),
    ...(tls.key === undefined ? {} : { key: tls.key }),
    ...(tls.keyPassword === undefined ? {} : { passphrase: tls.keyPassword }),
    ...(tls.serverName === undefined ? {} : { servername: tls.serverName }),
  };
  return options;
}

function saslOptions(sasl: KafkaSasl): SASLOptions {
  switch (sasl.mechanism) {
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', username: sasl.username, password: sasl.password };
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', username: sasl.username, password: sasl.password };
    case 'PLAIN':
      return { mechanism: 'plain', username: sasl.username, password: sasl.password };
    case 'OAUTHBEARER':
      return { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: readFileSync(sasl.tokenFile, 'utf8').trim() }) };
  }
}

/**
 * TLS takes a few round trips more than a plain connect, and kafkajs counts the handshake
 * against `connectionTimeout` (1 s by default): too tight for a managed cluster across a WAN or
 * a broker on a busy machine, where the first handshake alone can take longer.
 */
const tlsConnectionTimeoutMs = 10_000;

/** The `ssl` and `sasl` parts of a kafkajs client configuration; empty for PLAINTEXT. Spread into `new Kafka({...})`. */
export function kafkaClientSecurity(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl' | 'connectionTimeout'> {
  if (!security) return {};
  return {
    ...(security.tls ? { ssl: tlsOptions(security.tls), connectionTimeout: tlsConnectionTimeoutMs } : {}),
    ...(security.sasl ? { sasl: saslOptions(security.sasl) } : {}),
  };
}
