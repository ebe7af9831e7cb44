import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runReplayCommand } from '../src/index.ts';
import { memoryIo } from './memory-io.ts';
import { useTempDir } from './temp-dir.ts';

const temp = useTempDir('bounds');

const usage = (eventId: string, eventTime: string) =>
  JSON.stringify({ kind: 'usage', schemaVersion: 1, eventId, customerId: 'cust-1', eventTime, metric: 'sessions', quantity: 1 });

describe('replay bounds', () => {
  const far = usage('e-2100', '2100-01-01T00:00:00Z');
  const history = [usage('e-1', '2025-03-01T00:00:00Z'), usage('e-2', '2025-03-02T00:00:00Z')];
  it.each([
    { where: 'the first line', lines: [far, ...history], rejectedLine: 1 },
    { where: 'a later line', lines: [history[0]!, far, history[1]!], rejectedLine: 2 },
  ])(
    'reads a file that opens with a byte-order mark, and rejects an event decades ahead on $where instead of moving stream time',
    async ({ where, lines, rejectedLine }) => {
      const events = temp.at(`${where}.jsonl`);
      await writeFile(events, `\uFEFF${lines.join('\n')}\n`);
      const io = memoryIo();
      const rejectsFile = temp.at(`${where}-rejects.jsonl`);
      expect(await runReplayCommand([events, '--alerts', temp.at(`${where}-alerts.jsonl`), '--rejects', rejectsFile, '--quiet'], io)).toBe(0);
      const rejects = (await readFile(rejectsFile, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      expect(rejects).toEqual([
        {
          line: rejectedLine,
          reason: 'event_time_out_of_range',
          message: expect.stringContaining('2100-01-01T00:00:00.000Z lies more than 168 h ahead of the wall clock'),
          text: far,
        },
      ]);
      expect(io.stderr.text).toContain('stream time ended at 2025-03-02T00:00:00.000Z');
    },
  );

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
