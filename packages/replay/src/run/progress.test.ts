import { describe, expect, it } from 'vitest';
import { TextSink } from '../../test/memory-io.ts';
import { createProgress } from './progress.ts';

function clock() {
  const time = { ms: 0 };
  return { time, nowMs: () => time.ms };
}

describe('progress', () => {
  it('redraws one bar on a terminal and clears it for a note and at the end', () => {
    const stream = new TextSink();
    const { time, nowMs } = clock();
    const progress = createProgress({ stream, tty: true, nowMs, unit: 'bytes' });
    time.ms = 2000;
    progress.update(5_000_000, 10_000_000, 40_000);
    expect(stream.text).toBe('[###############...............]  50% 5.0 MB of 10.0 MB, 40,000 events, 20,000 events/s');
    time.ms = 2050;
    progress.update(6_000_000, 10_000_000, 50_000); // too soon: not redrawn
    progress.note('line 7: rejected');
    expect(stream.text.endsWith('\r\u001b[2Kline 7: rejected\n')).toBe(true);
    progress.end();
    expect(stream.text.endsWith('rejected\n')).toBe(true);
  });

  it('writes plain lines now and then when standard error is not a terminal, and always the last one', () => {
    const stream = new TextSink();
    const { time, nowMs } = clock();
    const progress = createProgress({ stream, tty: false, nowMs, unit: 'rows', lineIntervalMs: 1000 });
    for (let done = 1; done <= 10; done++) {
      time.ms += 300;
      progress.update(done, 10, done * 100);
    }
    expect(stream.text.split('\n').filter(Boolean)).toEqual([
      'replay:  40% 4 of 10, 400 events, 333 events/s',
      'replay:  80% 8 of 10, 800 events, 333 events/s',
      'replay: 100% 10 of 10, 1,000 events, 333 events/s',
    ]);
    expect(stream.text).not.toContain('\r');
  });
});
