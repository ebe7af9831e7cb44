// The soak's heap floor rests on forcing a full collection through a process's inspector: a real
// Node process, started as the soak starts the services, reports each major collection it makes.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from '@churnwatch/local-kafka';
import { expect, test } from 'vitest';
import { collectGarbage } from '../src/pipeline/inspector-gc.ts';

const reporter = `
const { PerformanceObserver, constants } = require('node:perf_hooks');
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) console.log('major');
}).observe({ entryTypes: ['gc'] });
console.log('ready');
setInterval(() => {}, 1000);
`;

test('collectGarbage makes the process run a major collection and resolves once it is done', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [`--inspect=127.0.0.1:${port}`, '-e', reporter], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    while (!output.includes('ready')) await once(child.stdout, 'data');
    expect(output).not.toContain('major');
    await collectGarbage(port);
    await collectGarbage(port);
    const deadline = Date.now() + 5_000;
    while ((output.match(/major/g) ?? []).length < 2 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
    expect((output.match(/major/g) ?? []).length).toBeGreaterThanOrEqual(2);
  } finally {
    child.kill('SIGKILL');
  }
}, 30_000);

test('collectGarbage names the port when nothing listens there', async () => {
  const port = await freePort();
  await expect(collectGarbage(port, 2_000)).rejects.toThrow(`no inspector answers on port ${port}`);
});
