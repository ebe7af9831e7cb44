// The newcomer's first command, as the README gives it: `./churnwatch demo` starts its own broker
// and the services, prints alerts, and on Ctrl-C (SIGINT to the terminal's whole process group)
// stops everything it started and exits 0.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePortRun } from '@churnwatch/local-kafka';
import { waitFor } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let demo: ChildProcess | undefined;

afterEach(() => {
  if (demo?.exitCode === null && demo.pid) process.kill(-demo.pid, 'SIGKILL');
});

/** Every process below `pid`, from `ps`. */
function descendants(pid: number): number[] {
  const rows = spawnSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of rows) {
      if (ppid === parent) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

const alive = (pid: number) => spawnSync('kill', ['-0', String(pid)]).status === 0;

test('the demo prints alerts, and Ctrl-C (twice) stops the services and the broker and exits 0', { timeout: 300_000 }, async () => {
  const metricsPort = await freePortRun(6);
  // Its own process group, like a shell job: the SIGINT below goes to the group, as Ctrl-C does.
  demo = spawn('./churnwatch', ['demo', '--metrics-port', String(metricsPort), '--customers', '30', '--days', '90', '--locale', 'de'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => demo?.once('exit', (code) => resolve(code)));

  const firstAlert = () => {
    if (demo?.exitCode !== null) throw new Error(`the demo exited (code ${demo?.exitCode}) before its first alert`);
    // In German, the customer named as "name (id)" (nine in ten generated customers have a profile name).
    return /^(NEU|ESKALIERT|AKTUALISIERT) .+ — .+ \(cust-\d+\)$/m.test(output) ? true : undefined;
  };
  await waitFor(firstAlert, 'the first alert', 120_000, 200).catch((error) => {
    throw new Error(`${error}\n${output.slice(-3000)}`);
  });
  expect(output).toMatch(/^ {4}.+ · Schwere (Info|Warnung|kritisch) · seit \d{2}\.\d{2}\.\d{4} · Alarm /m);
  const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then((response) => response.text());
  expect(metrics).toContain('churnwatch_records_processed_total');

  const started = descendants(demo.pid!);
  const commands = started.map((pid) => spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout);
  expect(commands.some((command) => command.includes('kafka.Kafka'))).toBe(true);
  expect(commands.filter((command) => command.includes('/services/')).length).toBe(6);

  process.kill(-demo.pid!, 'SIGINT');
  // An impatient second Ctrl-C must not cut the orderly stop short and orphan the services.
  await new Promise((resolve) => setTimeout(resolve, 300));
  process.kill(-demo.pid!, 'SIGINT');
  expect(await exited).toBe(0);
  expect(output).toContain('[demo] stopped; nothing left running.');
  expect(started.filter(alive)).toEqual([]);
});
