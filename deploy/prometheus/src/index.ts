export { LocalPrometheus, type LocalPrometheusOptions, prometheusConfig, type QueryResult, type ScrapeTarget } from './local-prometheus.ts';
