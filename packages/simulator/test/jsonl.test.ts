import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createSimulation, eventToJsonLine, outcomeToJsonLine, writeJsonLines } from '../src/index.ts';

/** A slow sink with a tiny buffer: the writer must wait for 'drain' or lose nothing trying. */
function slowSink(): { sink: Writable; text: () => string; drains: () => number } {
  const chunks: string[] = [];
  let drains = 0;
  const sink = new Writable({
    highWaterMark: 1024,
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      setImmediate(done);
    },
  });
  sink.on('drain', () => drains++);
  return { sink, text: () => chunks.join(''), drains: () => drains };
}

describe('JSON Lines output', () => {
  const simulation = createSimulation({ seed: 3, customers: 30, days: 100, usageScale: 0.3 });

  it('writes one line per event, kind first, that parses back to the event value', async () => {
    const { sink, text, drains } = slowSink();
    const count = await writeJsonLines(simulation.events(), eventToJsonLine, sink);
    const lines = text().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(count);
    expect(drains()).toBeGreaterThan(0);
    const events = [...simulation.events()];
    lines.forEach((line, i) => {
      expect(line.startsWith(`{"kind":"${events[i]!.kind}",`)).toBe(true);
      const { kind, ...value } = JSON.parse(line);
      expect(kind).toBe(events[i]!.kind);
      expect(value).toEqual(events[i]!.value);
    });
  });

  it('writes one outcome line per customer with the documented fields', async () => {
    const { sink, text } = slowSink();
    await writeJsonLines(simulation.outcomes, outcomeToJsonLine, sink);
    const lines = text()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(30);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['customerId', 'cohort', 'churned', 'churnDate', 'problemStart', 'churnReason', 'secondaryCohorts', 'segment']);
      expect(line.churnDate === null || /^\d{4}-\d{2}-\d{2}$/.test(line.churnDate)).toBe(true);
    }
  });

  it('rejects with the stream error when the reader goes away, instead of crashing', async () => {
    const broken = new Writable({
      highWaterMark: 1024,
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    await expect(writeJsonLines(simulation.events(), eventToJsonLine, broken)).rejects.toMatchObject({ code: 'EPIPE' });
  });
});
