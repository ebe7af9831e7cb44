import { ConfigError } from '@churnwatch/errors';
import { parseEnv } from '@churnwatch/stream-runtime';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configureService } from './configure.ts';
import { createHealthBoard } from './health-board.ts';
import { createStopList } from './stop-list.ts';

describe('service shell', () => {
  it('names the bad shell settings and the service’s own together, each once', () => {
    const own = z.object({ databaseUrl: z.url(), metricsPort: z.coerce.number().int().min(0) });
    let error: unknown;
    try {
      configureService('svc', { CHURNWATCH_DATABASE_URL: 'nope', CHURNWATCH_LOG_LEVEL: 'loud', CHURNWATCH_METRICS_PORT: '-3' }, (env) => parseEnv(own, env));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.filter((issue) => issue.startsWith('CHURNWATCH_LOG_LEVEL'))).toHaveLength(1);
    expect(issues.some((issue) => issue.startsWith('CHURNWATCH_DATABASE_URL'))).toBe(true);
    expect(issues.filter((issue) => issue.startsWith('CHURNWATCH_METRICS_PORT'))).toHaveLength(1);
  });

  it('is ready only when every part is, alive while every part is', () => {
    const board = createHealthBoard();
    expect(board.ready()).toBe(false);
    let dbReady = false;
    board.add('consumer', { alive: () => true, ready: () => true });
    board.add('database', { alive: () => true, ready: () => dbReady });
    expect(board.ready()).toBe(false);
    dbReady = true;
    expect(board.ready()).toBe(true);
    board.add('crashed', { alive: () => false, ready: () => false });
    expect(board.alive()).toBe(false);
    expect(board.describe()).toEqual({
      consumer: { alive: true, ready: true },
      database: { alive: true, ready: true },
      crashed: { alive: false, ready: false },
    });
  });

  it('stops the parts last-started first and goes on past a failing step', async () => {
    const stops = createStopList();
    const order: string[] = [];
    const failures: string[] = [];
    stops.add('database', () => void order.push('database'));
    stops.add('consumer', () => {
      order.push('consumer');
      throw new Error('boom');
    });
    stops.add('http', async () => void order.push('http'));
    await stops.run((name) => failures.push(name));
    expect(order).toEqual(['http', 'consumer', 'database']);
    expect(failures).toEqual(['consumer']);
  });
});
