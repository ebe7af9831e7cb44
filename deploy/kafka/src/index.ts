export { LocalKafka, type LocalKafkaOptions } from './broker.ts';
export { freePort } from './free-port.ts';
export { ensureKafkaJars, pinnedKafkaVersion } from './jars.ts';
export { spawnTiedToParent, stopProcess } from './java-process.ts';
export { isKafkaToolName, type KafkaToolName, kafkaTools, runKafkaTool, spawnKafkaTool } from './tools.ts';
