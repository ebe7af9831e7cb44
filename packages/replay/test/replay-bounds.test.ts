import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runReplayCommand } from '../src/index.ts';
import { memoryIo } from './memory-io.ts';
import { useTempDir } from './temp-dir.ts';

const temp = useTempDir('bounds');

const usage = (eventId: string, eventTime: string) =>
  JSON.stringify({ kind: 'usage', schemaVersion: 1, eventId, customerId: 'cust-1', eventTime, metric: 'sessions', quantity: 1 });

describe('replay bounds', () => {
  it('reads a file that opens with a byte-order mark, and rejects an event decades ahead instead of moving stream time', async () => {
    const events = temp.at('events.jsonl');
    const lines = [usage('e-1', '2025-03-01T00:00:00Z'), usage('e-2100', '2100-01-01T00:00:00Z'), usage('e-2', '2025-03-02T00:00:00Z')];
    await writeFile(events, `\uFEFF${lines.join('\n')}\n`);
    const io = memoryIo();
    expect(await runReplayCommand([events, '--alerts', temp.at('alerts.jsonl'), '--rejects', temp.at('rejects.jsonl'), '--quiet'], io)).toBe(0);
    const rejects = (await readFile(temp.at('rejects.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(rejects).toEqual([
      { line: 2, reason: 'event_time_out_of_range', message: expect.stringContaining('2100-01-01T00:00:00.000Z lies more than 168 h ahead'), text: lines[1] },
    ]);
    expect(io.stderr.text).toContain('stream time ended at 2025-03-02T00:00:00.000Z');
  });

  it('takes the bound in days, and refuses one out of range naming the option', async () => {
    const events = temp.at('near.jsonl');
    await writeFile(events, `${[usage('e-1', '2025-03-01T00:00:00Z'), usage('e-2', '2025-03-03T00:00:00Z')].join('\n')}\n`);
    const io = memoryIo();
    expect(
      await runReplayCommand(
        [events, '--alerts', temp.at('near-alerts.jsonl'), '--rejects', temp.at('near-rejects.jsonl'), '--max-ahead-days', '1', '--quiet'],
        io,
      ),
    ).toBe(0);
    expect(await readFile(temp.at('near-rejects.jsonl'), 'utf8')).toContain('"reason":"event_time_out_of_range"');
    const bad = memoryIo();
    expect(await runReplayCommand([events, '--max-ahead-days', '0'], bad)).not.toBe(0);
    expect(bad.stderr.text).toContain('--max-ahead-days');
  });
});
