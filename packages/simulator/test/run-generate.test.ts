import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulation, eventToJsonLine, outcomeToJsonLine, runGenerate } from '../src/index.ts';

const directory = await mkdtemp(join(tmpdir(), 'churnwatch-generate-'));
afterAll(() => rm(directory, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk) => out.push(chunk.toString()));
  stderr.on('data', (chunk) => err.push(chunk.toString()));
  let clock = 0;
  const code = await runGenerate(args, { stdout, stderr, startedAt: '2026-03-01T10:30:00.000Z', nowMs: () => (clock += 10) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('generate command', () => {
  it('writes the events and outcomes files the library produces, and a summary', async () => {
    // Folders that do not exist yet, as `out/` in a fresh clone.
    const events = join(directory, 'out', 'events.jsonl');
    const outcomes = join(directory, 'out', 'outcomes.jsonl');
    const result = await run([
      '--seed',
      '11',
      '--customers',
      '25',
      '--days',
      '120',
      '--start',
      '2025-06-01',
      '--usage-scale',
      '0.2',
      '--out',
      events,
      '--outcomes',
      outcomes,
    ]);
    expect(result.code).toBe(0);
    const simulation = createSimulation({ seed: 11, customers: 25, days: 120, startDate: '2025-06-01', usageScale: 0.2 });
    const expectedEvents = [...simulation.events()].map(eventToJsonLine);
    expect(await readFile(events, 'utf8')).toBe(`${expectedEvents.join('\n')}\n`);
    expect(await readFile(outcomes, 'utf8')).toBe(`${simulation.outcomes.map(outcomeToJsonLine).join('\n')}\n`);
    expect(result.stderr).toContain(`wrote ${expectedEvents.length} events`);
    expect(result.stderr).toMatch(/events\/s/);
    expect(result.stderr).toMatch(/customers: 25/);
    expect(result.stderr).toMatch(/usage\s+\d+/);
  });

  it('starts relative to today with --start now-<n>d, and takes options from a config file', async () => {
    const config = join(directory, 'config.json');
    await writeFile(config, JSON.stringify({ customers: 12, days: 90, usageScale: 0.1, seasonal: { weekendFactor: 0.01 } }));
    const result = await run(['--config', config, '--seed', '5', '--start', 'now-89d', '--outcomes', '-']);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(12);
    expect(result.stderr).toContain('90 days from 2025-12-02');
  });

  it('prints the help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--to-kafka <brokers>');
  });

  it('exits 2 naming the problem for bad options', async () => {
    const result = await run(['--days', '30', '--out', join(directory, 'never.jsonl')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/days: Too small|days: .*90/);
  });

  it('exits 1 naming a path it cannot write', async () => {
    const blocker = join(directory, 'a-file');
    await writeFile(blocker, 'not a folder');
    const result = await run(['--customers', '5', '--out', join(blocker, 'events.jsonl')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot write ${join(blocker, 'events.jsonl')}: `);
  });
});

describe('generate --until', () => {
  it('ends the history at the given instant: the same events up to it, none after', async () => {
    const full = join(directory, 'full.jsonl');
    const cut = join(directory, 'cut.jsonl');
    const common = ['--seed', '4', '--customers', '20', '--days', '91', '--start', 'now-90d', '--usage-scale', '0.3'];
    expect((await run([...common, '--out', full])).code).toBe(0);
    expect((await run([...common, '--until', 'now', '--out', cut])).code).toBe(0);
    const fullLines = (await readFile(full, 'utf8')).trimEnd().split('\n');
    const cutLines = (await readFile(cut, 'utf8')).trimEnd().split('\n');
    const timeOf = (line: string) => Date.parse(JSON.parse(line).eventTime ?? JSON.parse(line).updatedAt);
    const nowMs = Date.parse('2026-03-01T10:30:00.000Z');
    expect(cutLines).toEqual(fullLines.filter((line) => timeOf(line) <= nowMs));
    expect(cutLines.length).toBeLessThan(fullLines.length);
    expect(timeOf(cutLines.at(-1)!)).toBeGreaterThan(nowMs - 86_400_000);
  });
});
