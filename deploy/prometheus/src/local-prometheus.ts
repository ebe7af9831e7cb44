import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnTiedToParent, stopProcess } from '@churnwatch/local-kafka';

export interface ScrapeTarget {
  readonly job: string;
  /** host:port serving /metrics. */
  readonly address: string;
}

export interface LocalPrometheusOptions {
  readonly targets: readonly ScrapeTarget[];
  readonly scrapeIntervalSeconds?: number;
  /** Rule files to load (alerting and recording rules). */
  readonly ruleFiles?: readonly string[];
}

export interface QueryResult {
  readonly metric: Record<string, string>;
  readonly value: number;
}

/** The config file a local Prometheus runs with; exported for `promtool check config` in tests. */
export function prometheusConfig(options: LocalPrometheusOptions): string {
  const interval = options.scrapeIntervalSeconds ?? 1;
  const jobs = [...new Set(options.targets.map((target) => target.job))];
  return [
    'global:',
    `  scrape_interval: ${interval}s`,
    `  evaluation_interval: ${interval}s`,
    ...(options.ruleFiles?.length ? ['rule_files:', ...options.ruleFiles.map((file) => `  - ${JSON.stringify(file)}`)] : []),
    'scrape_configs:',
    ...jobs.flatMap((job) => [
      `  - job_name: ${JSON.stringify(job)}`,
      '    static_configs:',
      `      - targets: [${options.targets
        .filter((target) => target.job === job)
        .map((target) => JSON.stringify(target.address))
        .join(', ')}]`,
    ]),
    '',
  ].join('\n');
}

/**
 * Debian's `prometheus` binary as a child process on a free loopback port, with its own
 * temporary storage; `stop()` ends it and removes the storage.
 */
export class LocalPrometheus {
  readonly url: string;
  private readonly child: ChildProcess;
  private readonly dir: string;

  private constructor(child: ChildProcess, dir: string, url: string) {
    this.child = child;
    this.dir = dir;
    this.url = url;
  }

  static available(): boolean {
    return spawnSync('prometheus', ['--version'], { stdio: 'ignore' }).status === 0;
  }

  static async start(options: LocalPrometheusOptions): Promise<LocalPrometheus> {
    const dir = mkdtempSync(join(tmpdir(), 'churnwatch-prometheus-'));
    const configFile = join(dir, 'prometheus.yml');
    writeFileSync(configFile, prometheusConfig(options));
    const port = await freePort();
    const child = spawnTiedToParent(
      'prometheus',
      [`--config.file=${configFile}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const prometheus = new LocalPrometheus(child, dir, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`prometheus exited during start-up (code ${child.exitCode}):\n${stderr}`);
      const ready = await fetch(`${prometheus.url}/-/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return prometheus;
      if (Date.now() > deadline) {
        await prometheus.stop();
        throw new Error(`prometheus did not become ready on ${prometheus.url}:\n${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** An instant PromQL query; each series with its labels and value. */
  async query(promql: string): Promise<QueryResult[]> {
    const response = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await response.json()) as {
      status: string;
      error?: string;
      data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    if (body.status !== 'success' || !body.data) throw new Error(`query ${promql} failed: ${body.error ?? response.status}`);
    return body.data.result.map((series) => ({ metric: series.metric, value: Number(series.value[1]) }));
  }

  /** Scrape targets and whether their last scrape succeeded. */
  async targetHealth(): Promise<{ job: string; health: string; lastError: string }[]> {
    const body = (await (await fetch(`${this.url}/api/v1/targets`)).json()) as {
      data: { activeTargets: { labels: { job: string }; health: string; lastError: string }[] };
    };
    return body.data.activeTargets.map((target) => ({ job: target.labels.job, health: target.health, lastError: target.lastError }));
  }

  async stop(): Promise<void> {
    await stopProcess(this.child, 10_000);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
