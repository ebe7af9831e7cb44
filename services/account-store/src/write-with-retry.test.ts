import { createLogger } from '@churnwatch/telemetry';
import { describe, expect, it } from 'vitest';
import { BatchAbandonedError, RowsRejectedError } from './errors.ts';
import { writeWithRetry } from './write-with-retry.ts';

const logger = createLogger({ service: 'test', level: 'silent' });

function control(overrides: { stillWanted?: () => boolean } = {}) {
  const states: boolean[] = [];
  const waits: number[] = [];
  let heartbeats = 0;
  return {
    states,
    waits,
    heartbeats: () => heartbeats,
    options: {
      initialMs: 100,
      maxMs: 300,
      heartbeat: async () => {
        heartbeats++;
      },
      stillWanted: overrides.stillWanted ?? (() => true),
      onDatabaseState: (up: boolean) => void states.push(up),
      logger,
      sleep: async (ms: number) => void waits.push(ms),
    },
  };
}

const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

describe('writing with retries', () => {
  it('retries a refused database with doubling waits up to the maximum, heartbeating meanwhile', async () => {
    let attempts = 0;
    const c = control();
    await writeWithRetry(async () => {
      if (++attempts < 4) throw refused;
    }, c.options);
    expect(attempts).toBe(4);
    expect(c.states).toEqual([false, false, false, true]);
    expect(c.heartbeats()).toBeGreaterThanOrEqual(3);
  });

  it('gives the batch up, uncommitted, once it is no longer wanted', async () => {
    let wanted = true;
    const c = control({ stillWanted: () => wanted });
    await expect(
      writeWithRetry(async () => {
        wanted = false;
        throw refused;
      }, c.options),
    ).rejects.toBeInstanceOf(BatchAbandonedError);
  });

  it('does not retry rows the database refuses (data or constraint errors)', async () => {
    let attempts = 0;
    const c = control();
    const notNull = Object.assign(new Error('null value in column "x" violates not-null constraint'), { code: '23502' });
    await expect(
      writeWithRetry(async () => {
        attempts++;
        throw notNull;
      }, c.options),
    ).rejects.toBeInstanceOf(RowsRejectedError);
    expect(attempts).toBe(1);
  });
});
