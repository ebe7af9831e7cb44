import { describe, expect, it } from 'vitest';
import { tallyAlerts } from './alert-tally.ts';
import { tallyHealthTable } from './health-table.ts';
import { renderScenarioTable } from './render-table.ts';

describe('renderScenarioTable', () => {
  const tally = tallyAlerts(
    [
      { headerId: 'a', eventId: 'a', value: '{}' },
      { headerId: 'a', eventId: 'a', value: '{}' },
    ],
    [{ id: 'a', value: '{}' }],
  );
  const result = {
    scenario: 'kill-9',
    delivery: 'at-least-once' as const,
    eventsIn: 12_345,
    tally,
    health: tallyHealthTable(['{"customerId":"c1","score":80}'], new Map([['c1', '{"customerId":"c1","score":80}']])),
    disturbances: ['3.2 s: kill -9 usage-monitor#1; usage-monitor#2 started'],
    extra: [['kill -9', '5']] as const,
    failures: [],
    seconds: 61.25,
  };

  it('lists the counts under the scenario and mode, the disturbances, then the verdict', () => {
    const lines = renderScenarioTable(result).split('\n');
    expect(lines[0]).toBe('kill-9 (at-least-once)');
    expect(lines).toContain('  events in                              12,345');
    expect(lines.find((line) => line.includes('duplicated'))).toMatch(/duplicated\s+1$/);
    expect(lines.find((line) => line.includes('alert set equals'))).toMatch(/yes$/);
    expect(lines.find((line) => line.includes('kill -9 '))).toMatch(/kill -9\s+5$/);
    expect(lines.at(-2)).toBe('  · 3.2 s: kill -9 usage-monitor#1; usage-monitor#2 started');
    expect(lines.at(-1)).toBe('  PASS');
  });

  it('shows how many steps differ from the replay in content, and in which fields', () => {
    const differing = tallyAlerts([{ headerId: 'a', eventId: 'a', value: '{"healthScore":48}' }], [{ id: 'a', value: '{"healthScore":52}' }]);
    const lines = renderScenarioTable({ ...result, tally: differing }).split('\n');
    expect(lines.find((line) => line.includes('other content'))).toMatch(/same id as the replay, other content\s+1$/);
    expect(lines.find((line) => line.includes('alert fields that differ'))).toMatch(/^ {2}alert fields that differ\s+healthScore 1$/);
  });

  it('shows the health table against the replay, and the fields of the rows that differ', () => {
    const health = tallyHealthTable(
      ['{"customerId":"c1","score":80}', '{"customerId":"c2","score":61}'],
      new Map([
        ['c1', '{"customerId":"c1","score":80}'],
        ['c2', '{"customerId":"c2","score":60}'],
        ['c3', '{"customerId":"c3","score":90}'],
      ]),
    );
    const lines = renderScenarioTable({ ...result, health }).split('\n');
    expect(lines.find((line) => line.includes('health table rows'))).toMatch(/health table rows \/ in the replay\s+2 \/ 3$/);
    expect(lines.find((line) => line.includes('health rows other'))).toMatch(/\s1$/);
    expect(lines.find((line) => line.includes('health fields that differ'))).toMatch(/health fields that differ\s+score 1$/);
    expect(renderScenarioTable(result)).not.toContain('health fields that differ');
    expect(renderScenarioTable(result)).not.toContain('other asOf');
    const later = tallyHealthTable(
      ['{"customerId":"c1","asOf":"2026-07-02T00:00:00Z","score":80}'],
      new Map([['c1', '{"customerId":"c1","asOf":"2026-07-01T00:00:00Z","score":80}']]),
    );
    const laterLines = renderScenarioTable({ ...result, health: later }).split('\n');
    expect(laterLines.find((line) => line.includes('other asOf'))).toMatch(/health rows with the replay's state, other asOf\s+1$/);
    expect(laterLines.find((line) => line.includes('health rows other'))).toMatch(/\s0$/);
  });

  it('names every broken promise', () => {
    expect(
      renderScenarioTable({ ...result, failures: ['1 alert(s) lost', 'x'] })
        .split('\n')
        .at(-1),
    ).toBe('  FAIL: 1 alert(s) lost; x');
  });
});
