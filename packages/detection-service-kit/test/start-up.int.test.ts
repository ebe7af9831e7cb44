// Every detection service refuses to start on bad configuration: the process exits with
// CONFIG_EXIT_CODE before touching Kafka, and its message names each bad variable and each bad
// field of the detection configuration file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_EXIT_CODE } from '../src/index.ts';

const servicesDir = fileURLToPath(new URL('../../../services/', import.meta.url));
const services = ['usage-monitor', 'contract-monitor', 'complaint-monitor', 'purchase-monitor', 'risk-scorer', 'kpi-aggregator'];

function start(service: string, env: Record<string, string>) {
  const run = spawnSync(process.execPath, [join(servicesDir, service, 'src', 'main.ts')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

function writeJson(name: string, value: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'churnwatch-config-')), name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe('start-up with bad configuration', () => {
  const detectionFile = writeJson('detection.json', {
    usageMetrik: 'sessions',
    segments: { enterprise: { usage: { minRelativeDrop: 2 } } },
  });

  it.each(services)('%s exits naming every bad variable and file field', (service) => {
    const { code, output } = start(service, {
      CHURNWATCH_DELIVERY: 'twice',
      CHURNWATCH_METRICS_PORT: '-1',
      CHURNWATCH_TOPIC_ALERTS: 'not a topic',
      CHURNWATCH_DETECTION_CONFIG_FILE: detectionFile,
    });
    expect(code, output).toBe(CONFIG_EXIT_CODE);
    expect(output).toContain(`${service} will not start: invalid configuration`);
    for (const variable of ['CHURNWATCH_KAFKA_BROKERS', 'CHURNWATCH_DELIVERY', 'CHURNWATCH_METRICS_PORT']) expect(output).toContain(variable);
    // Only the risk scorer writes alerts: a bad name for a topic a service does not use is none of its business.
    expect(output.includes('CHURNWATCH_TOPIC_ALERTS')).toBe(service === 'risk-scorer');
    expect(output).toContain(`${detectionFile}: usageMetrik: unknown field`);
    expect(output).toMatch(new RegExp(`${detectionFile}: segments\\.enterprise\\.usage\\.minRelativeDrop: `));
  });

  it('names thresholds that contradict each other once the merged set is built', () => {
    const contradicting = writeJson('detection.json', { segments: { enterprise: { complaints: { countThreshold: 4, criticalCount: 3 } } } });
    const { code, output } = start('complaint-monitor', { CHURNWATCH_KAFKA_BROKERS: '127.0.0.1:9', CHURNWATCH_DETECTION_CONFIG_FILE: contradicting });
    expect(code, output).toBe(CONFIG_EXIT_CODE);
    expect(output).toMatch(new RegExp(`${contradicting}: segments\\.enterprise\\.complaints\\.criticalCount: must be at least`));
  });

  it('the purchase monitor names the bad fields of its purchase models file', () => {
    const modelsFile = writeJson('models.json', { schemaVersion: 1, unit: 'months', bgnbd: { r: -1 } });
    const { code, output } = start('purchase-monitor', { CHURNWATCH_KAFKA_BROKERS: '127.0.0.1:9', CHURNWATCH_PURCHASE_MODELS_FILE: modelsFile });
    expect(code, output).toBe(CONFIG_EXIT_CODE);
    expect(output).toContain(`invalid configuration in ${modelsFile}`);
    for (const field of ['unit', 'fittedOn', 'bgnbd.r', 'bgnbd.alpha']) expect(output).toMatch(new RegExp(`- ${field.replace('.', '\\.')}: `));
  });
});
