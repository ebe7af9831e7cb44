export { LocalKafka, type LocalKafkaOptions } from './broker.ts';
export { ensureKafkaJars, pinnedKafkaVersion, repoRoot } from './jars.ts';
export { freePort, freePortRun, portIsFree } from './jvm/free-port.ts';
export { spawnTiedToParent, stopProcess } from './jvm/java-process.ts';
export { defaultStartTimeoutMs, JvmServer, type JvmServerSpec } from './jvm/jvm-server.ts';
export { type MavenCacheEntry, resolveWithMaven } from './jvm/maven-cache.ts';
export type { LocalKafkaSecurity, SaslUser, SecuredListener } from './secured-listeners.ts';
export { isKafkaToolName, type KafkaToolName, kafkaTools, runKafkaTool, spawnKafkaTool } from './tools.ts';
