import { readFile, writeFile } from 'node:fs/promises';
import { topicContracts, validateAgainst } from '@churnwatch/contracts';
import { createSimulation, eventToJsonLine, outcomeToJsonLine } from '@churnwatch/simulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBacktestCommand, runReplayCommand } from '../src/index.ts';
import { memoryIo } from './memory-io.ts';
import { useTempDir } from './temp-dir.ts';

const temp = useTempDir('commands');
let events: string;
let outcomes: string;
const at = (name: string) => temp.at(name);
const jsonLines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

beforeAll(async () => {
  const simulation = createSimulation({ seed: 9, customers: 40, days: 150, startDate: '2025-01-01', usageScale: 0.3 });
  events = at('events.jsonl');
  outcomes = at('outcomes.jsonl');
  const lines = [...simulation.events()].map(eventToJsonLine);
  lines.splice(100, 0, '{"kind":"usage"');
  await writeFile(events, `${lines.join('\n')}\n`);
  await writeFile(outcomes, `${simulation.outcomes.map(outcomeToJsonLine).join('\n')}\n`);
});

describe('replay command', { timeout: 60_000 }, () => {
  it('writes alerts and health records as topic JSON, rejects with their line, and a summary', async () => {
    const io = memoryIo();
    // The folder of an output file is made: a fresh clone has no out/ yet.
    const code = await runReplayCommand(
      [events, '--alerts', at('new/a.jsonl'), '--health', at('h.jsonl'), '--rejects', at('r.jsonl'), '--partitions', '3'],
      io,
    );
    expect(code).toBe(0);
    const alerts = await jsonLines(at('new/a.jsonl'));
    const health = await jsonLines(at('h.jsonl'));
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((alert) => validateAgainst(topicContracts.alerts, alert).ok)).toBe(true);
    expect(health.every((row) => validateAgainst(topicContracts.customerHealth, row).ok)).toBe(true);
    expect(await jsonLines(at('r.jsonl'))).toEqual([
      { line: 101, reason: 'malformed_json', message: expect.stringMatching(/not JSON/), text: '{"kind":"usage"' },
    ]);
    expect(io.stderr.text).toContain(`${events}:101: rejected (malformed_json)`);
    expect(io.stderr.text).toMatch(/replay: 100% /);
    expect(io.stderr.text).toMatch(new RegExp(`alerts\\s+${alerts.length}\\b`));
    expect(io.stderr.text).toMatch(new RegExp(`health records ${health.length.toLocaleString('en-US')}\\b`));
    expect(io.stdout.text).toBe('');
  });

  it('writes the alerts to standard output when no output file is named, and nothing else there', async () => {
    const io = memoryIo(true);
    expect(await runReplayCommand([events, '--partitions', '8'], io)).toBe(0);
    const written = await (async () => {
      const file = memoryIo();
      await runReplayCommand([events, '--alerts', at('same.jsonl'), '--quiet'], file);
      return readFile(at('same.jsonl'), 'utf8');
    })();
    expect(io.stdout.text).toBe(written);
    expect(io.stderr.text).toContain('\r\u001b[2K');
  });

  it.each([
    [['--partitions', '0'], /--partitions must be a whole number from 1 to 256/],
    [['--until', 'yesterday'], /--until must be a date/],
    [['--format', 'csv'], /--format must be one of events, cdnow/],
    [['--frobnicate'], /Unknown option/],
    [['--alerts', '-', '--health', '-'], /only one of/],
  ])('refuses %j with exit code 2', async (extra, message) => {
    const io = memoryIo();
    expect(await runReplayCommand([events, ...extra], io)).toBe(2);
    expect(io.stderr.text).toMatch(message);
    expect(io.stderr.text).toContain('usage: ./churnwatch replay');
  });

  it('says so when the file is missing (exit code 1) or the configuration is bad (exit code 2)', async () => {
    const missing = memoryIo();
    expect(await runReplayCommand([at('nope.jsonl')], missing)).toBe(1);
    expect(missing.stderr.text).toMatch(/ENOENT.*nope\.jsonl/);
    await writeFile(at('bad-config.json'), JSON.stringify({ usageHistoryDays: 3 }));
    const badConfig = memoryIo();
    expect(await runReplayCommand([events, '--config', at('bad-config.json')], badConfig)).toBe(2);
    expect(badConfig.stderr.text).toMatch(/usageHistoryDays/);
    const unwritable = memoryIo();
    expect(await runReplayCommand([events, '--alerts', `${events}/a.jsonl`], unwritable)).toBe(1);
    expect(unwritable.stderr.text).toContain(`replay: cannot write ${events}/a.jsonl: `);
  });

  it('judges purchase lapses with fitted BG/NBD parameters when given them', async () => {
    // A customer with repeat purchases who stops, and a one-time buyer: their chance of buying within the horizon falls below 0.2.
    const rows = ['00001 19970101 1 10.00', '00001 19970108 1 10.00', '00001 19970115 1 10.00', '00002 19970101 1 10.00'];
    await writeFile(at('few.txt'), `${rows.join('\n')}\n`);
    const parameters = {
      schemaVersion: 1,
      unit: 'weeks',
      fittedOn: 'a test',
      calibrationEnd: '1997-09-30',
      customers: 2,
      bgnbd: { r: 0.25, alpha: 4.8, a: 0.72, b: 2.16, logLikelihood: -1 },
    };
    await writeFile(at('models.json'), JSON.stringify(parameters));
    const io = memoryIo();
    expect(await runReplayCommand([at('few.txt'), '--format', 'cdnow', '--until', '1997-12-31', '--purchase-models', at('models.json'), '--quiet'], io)).toBe(
      0,
    );
    const alerts = io.stdout.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    // Both lapse: the one-time buyer too, its chance of a purchase within 273 days falling as time passes.
    const opened = alerts.filter((alert) => alert.status === 'opened').map((alert) => [alert.customerId, alert.kind]);
    expect(opened.sort()).toEqual([
      ['00001', 'purchase_lapse'],
      ['00002', 'purchase_lapse'],
    ]);
    const modelOf = (customerId: string) => alerts.find((alert) => alert.customerId === customerId).evidence[0].observed.model;
    expect([modelOf('00001'), modelOf('00002')]).toEqual(['bg-nbd+gaps', 'bg-nbd']);

    const unordered = memoryIo();
    const args = [at('few.txt'), '--format', 'cdnow', '--purchase-models', at('models.json'), '--purchase-model-lapse-below', '0.05'];
    expect(await runReplayCommand(args, unordered)).toBe(2);
    expect(unordered.stderr.text).toMatch(/criticalBelowProbability/);
  });
});

describe('backtest command', { timeout: 60_000 }, () => {
  it('prints the table and writes the JSON report and the SVG chart', async () => {
    const io = memoryIo();
    const code = await runBacktestCommand(['--events', events, '--outcomes', outcomes, '--out', at('bt.json'), '--chart', at('charts/bt.svg'), '--quiet'], io);
    expect(code).toBe(0);
    expect(io.stdout.text).toMatch(/^kind\s+alerts\s+alerted\s+TP\s+FP\s+precision\s+recall/m);
    expect(io.stdout.text).toMatch(/^overall\s+\d+/m);
    const report = JSON.parse(await readFile(at('bt.json'), 'utf8'));
    expect(report.customers).toBe(40);
    expect(report.inputs).toMatchObject({ events, outcomes, format: 'events' });
    expect(report.kinds.map((row: { kind: string }) => row.kind)).toContain('usage_stopped');
    expect(report.overall.alertedCustomers).toBeGreaterThan(0);
    expect(await readFile(at('charts/bt.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
  });

  it('stops before the replay when the report cannot be written, naming the path', async () => {
    const io = memoryIo();
    const code = await runBacktestCommand(
      ['--events', events, '--outcomes', outcomes, '--out', `${outcomes}/bt.json`, '--chart', at('unused.svg'), '--quiet'],
      io,
    );
    expect(code).toBe(1);
    expect(io.stderr.text).toContain(`backtest: cannot write ${outcomes}/bt.json: `);
    expect(io.stdout.text).toBe('');
  });

  it('runs the CDNOW proxy backtest on purchases up to the calibration end', async () => {
    const rows = ['00001 19970101 1 10.00', '00002 19970102 1 10.00'];
    for (let week = 1; week < 30; week++)
      rows.push(`00001 ${new Date(Date.UTC(1997, 0, 1 + 7 * week)).toISOString().slice(0, 10).replaceAll('-', '')} 1 10.00`);
    for (let week = 1; week < 70; week++)
      rows.push(`00002 ${new Date(Date.UTC(1997, 0, 2 + 7 * week)).toISOString().slice(0, 10).replaceAll('-', '')} 1 10.00`);
    await writeFile(at('cdnow.txt'), `${rows.join('\n')}\n`);
    const io = memoryIo();
    const code = await runBacktestCommand(
      ['--cdnow', at('cdnow.txt'), '--calibration-end', '1997-09-30', '--out', at('cd.json'), '--chart', at('cd.svg'), '--quiet'],
      io,
    );
    expect(code).toBe(0);
    expect(io.stdout.text).toContain('PROXY outcomes');
    const report = JSON.parse(await readFile(at('cd.json'), 'utf8'));
    expect(report).toMatchObject({ customers: 2, churnedCustomers: 1, inputs: { format: 'cdnow' } });
    // 00001 bought weekly until late July, then stopped: a lapse alert before the calibration end, a true positive.
    expect(report.kinds.find((row: { kind: string }) => row.kind === 'purchase_lapse')).toMatchObject({ truePositives: 1, falsePositives: 0 });
    expect(io.stderr.text).toMatch(/after --until\s+\d+/);
  });

  it('needs both events and outcomes, or --cdnow with a calibration end', async () => {
    const io = memoryIo();
    expect(await runBacktestCommand(['--events', events], io)).toBe(2);
    expect(io.stderr.text).toMatch(/--outcomes/);
    const cdnow = memoryIo();
    expect(await runBacktestCommand(['--cdnow', events], cdnow)).toBe(2);
    expect(cdnow.stderr.text).toMatch(/--calibration-end/);
  });
});
