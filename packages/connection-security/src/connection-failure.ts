import { ChurnwatchError } from '@churnwatch/errors';
import type { KafkaSecurity } from './kafka-security.ts';

/** Why a connection to Kafka failed, in the terms a person fixes it in. */
export type ConnectionFailureKind =
  | 'authentication-failed'
  | 'certificate-untrusted'
  | 'certificate-expired'
  | 'certificate-wrong-host'
  | 'client-certificate-rejected'
  | 'tls-handshake-failed'
  | 'plaintext-to-tls-listener'
  | 'unreachable';

/** A failure that trying again will not mend: wrong credentials or a TLS mismatch. The service stops. */
export class KafkaConnectionRefusedError extends ChurnwatchError {
  readonly kind: ConnectionFailureKind;

  constructor(kind: ConnectionFailureKind, message: string, cause: unknown) {
    super(`KAFKA_${kind.toUpperCase().replaceAll('-', '_')}`, message, { cause, retriable: false, context: { kind } });
    this.kind = kind;
  }
}

interface Facts {
  readonly names: string[];
  readonly codes: string[];
  readonly messages: string[];
}

/** Names, codes and messages along the error's chain: kafkajs wraps the socket's error (`originalError`, `cause`) and keeps its code. */
function factsOf(error: unknown): Facts {
  const facts: Facts = { names: [], codes: [], messages: [] };
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof e.name === 'string') facts.names.push(e.name);
    if (typeof e.code === 'string') facts.codes.push(e.code);
    if (typeof e.message === 'string') facts.messages.push(e.message);
    current = e.originalError ?? e.cause;
  }
  return facts;
}

const untrusted = [
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
];
const expired = ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'];

/**
 * Tells what went wrong when a Kafka client could not connect, from the error kafkajs gave
 * (and the socket error it wraps), and says what to check. Only `unreachable` is worth retrying.
 */
export function classifyConnectionFailure(
  error: unknown,
  security: KafkaSecurity,
  brokers: readonly string[],
): { kind: ConnectionFailureKind; message: string } {
  const { names, codes, messages } = factsOf(error);
  const text = messages.join(' | ');
  const where = brokers.join(',');
  const tls = security.protocol === 'SSL' || security.protocol === 'SASL_SSL';
  const caSource = security.tls?.caFile
    ? `the CA file ${security.tls.caFile} (CHURNWATCH_KAFKA_SSL_CA_FILE)`
    : 'the system CAs (set CHURNWATCH_KAFKA_SSL_CA_FILE)';

  if (names.includes('KafkaJSSASLAuthenticationError') || /SASL .*authentication failed|Authentication failed/i.test(text)) {
    return {
      kind: 'authentication-failed',
      message: `Kafka at ${where} refused the SASL ${security.sasl?.mechanism ?? ''} login: wrong user name or password (CHURNWATCH_KAFKA_SASL_USERNAME, CHURNWATCH_KAFKA_SASL_PASSWORD), or the user does not exist for this mechanism`,
    };
  }
  if (codes.some((code) => expired.includes(code))) {
    return {
      kind: 'certificate-expired',
      message: `the TLS certificate of Kafka at ${where} has expired or is not yet valid (${codes.find((c) => expired.includes(c))}): the broker needs a current certificate`,
    };
  }
  if (codes.some((code) => untrusted.includes(code))) {
    return {
      kind: 'certificate-untrusted',
      message: `the TLS certificate of Kafka at ${where} is not signed by a CA in ${caSource} (${codes.find((c) => untrusted.includes(c))})`,
    };
  }
  if (codes.includes('ERR_TLS_CERT_ALTNAME_INVALID')) {
    return {
      kind: 'certificate-wrong-host',
      message: `the TLS certificate of Kafka at ${where} is not issued for that host name; connect by a name it lists, or set CHURNWATCH_KAFKA_SSL_SERVER_NAME`,
    };
  }
  if (tls && /alert (bad certificate|certificate required|certificate expired|unknown ca|certificate unknown)|alert number (42|45|46|48|116)/i.test(text)) {
    return {
      kind: 'client-certificate-rejected',
      message: `Kafka at ${where} rejected the client certificate (CHURNWATCH_KAFKA_SSL_CERTIFICATE_FILE): ${messages.at(-1)}`,
    };
  }
  if (tls && /secure TLS connection|wrong version number|packet length too long|EPROTO|unexpected eof/i.test(`${text} ${codes.join(' ')}`)) {
    return {
      kind: 'tls-handshake-failed',
      message: `no TLS handshake with Kafka at ${where}: the port may be a plaintext listener (CHURNWATCH_KAFKA_SECURITY_PROTOCOL is ${security.protocol}): ${messages.at(-1)}`,
    };
  }
  if (
    !tls &&
    (names.includes('KafkaJSConnectionClosedError') ||
      /Closed connection|ECONNRESET|socket hang up|Request .* timed out|EPIPE/i.test(`${text} ${codes.join(' ')}`))
  ) {
    return {
      kind: 'plaintext-to-tls-listener',
      message: `Kafka at ${where} closed the connection without answering: the listener probably expects TLS; set CHURNWATCH_KAFKA_SECURITY_PROTOCOL=SSL or SASL_SSL (it is ${security.protocol})`,
    };
  }
  return { kind: 'unreachable', message: `Kafka at ${where} is not reachable: ${messages.at(-1) ?? String(error)}` };
}
