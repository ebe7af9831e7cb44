// The alerting and recording rules, checked and unit-tested by Prometheus's own promtool.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const rulesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'rules');

function promtool(args: string[]): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, { cwd: rulesDir, encoding: 'utf8' });
  if (result.error) throw new Error(`promtool could not run (install Debian's prometheus package): ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const files = readdirSync(rulesDir);
const ruleFiles = files.filter((file) => file.endsWith('.rules.yml'));
const testFiles = files.filter((file) => file.endsWith('.rules.test.yml'));

test('every rule file is valid and has a promtool test file', () => {
  expect(ruleFiles.length).toBeGreaterThan(0);
  for (const file of ruleFiles) {
    const check = promtool(['check', 'rules', file]);
    expect(check.status, check.output).toBe(0);
    expect(testFiles).toContain(file.replace(/\.rules\.yml$/, '.rules.test.yml'));
  }
});

test.each(testFiles)('promtool test rules %s', (file) => {
  const run = promtool(['test', 'rules', file]);
  expect(run.output).toContain('SUCCESS');
  expect(run.status, run.output).toBe(0);
});
