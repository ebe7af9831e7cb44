export { type ConnectionFailureKind, classifyConnectionFailure, KafkaConnectionRefusedError } from './connection-failure.ts';
export { kafkaClientSecurity } from './kafka-client-options.ts';
export {
  describeKafkaSecurity,
  type KafkaSasl,
  type KafkaSecurity,
  type KafkaTls,
  kafkaSecurityVariables,
  parseKafkaSecurity,
  plaintext,
  type SaslMechanism,
  type SecurityProtocol,
  saslMechanisms,
  securityProtocols,
} from './kafka-security.ts';
export { parseRegistrySecurity, type RegistrySecurity, registrySecurityVariables } from './registry-security.ts';
export { lookupSecret } from './secret-source.ts';
export { verifyKafkaConnection } from './verify-connection.ts';
