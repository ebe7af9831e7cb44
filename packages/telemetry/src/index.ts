export { type HealthProbe, type ServiceHttpServer, startServiceHttpServer } from './http-server.ts';
export { createLogger, type Logger, type LoggerOptions } from './logger.ts';
export { createMetricsRegistry, metricPrefix } from './metrics.ts';
export { credentialLogPaths, redactionCensor } from './redaction.ts';
