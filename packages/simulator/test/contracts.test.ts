import { topicContracts, validateAgainst } from '@churnwatch/contracts';
import { describe, expect, it } from 'vitest';
import { createSimulation, type EventKind, eventKinds, eventToJsonLine } from '../src/index.ts';

const contractOf = {
  customer_profile: topicContracts.customerProfiles,
  purchase: topicContracts.purchases,
  complaint: topicContracts.complaints,
  feedback: topicContracts.feedback,
  usage: topicContracts.usage,
} as const;

describe('generated events', () => {
  const simulation = createSimulation({ seed: 5, customers: 150, days: 400, startDate: '2024-11-15', usageScale: 0.15 });
  const events = [...simulation.events()];

  it('are all valid against their topic contract, read back from their JSON line', () => {
    const counts = Object.fromEntries(eventKinds.map((kind) => [kind, 0])) as Record<EventKind, number>;
    const failures: string[] = [];
    for (const event of events) {
      const { kind, ...value } = JSON.parse(eventToJsonLine(event));
      const result = validateAgainst(contractOf[event.kind], value);
      if (kind !== event.kind || !result.ok) failures.push(`${kind} ${JSON.stringify(value)}: ${result.ok ? 'wrong kind' : result.message}`);
      counts[event.kind]++;
    }
    expect(failures.slice(0, 5)).toEqual([]);
    for (const kind of eventKinds) expect(counts[kind]).toBeGreaterThan(0);
  });

  it('are in event-time order, with each customer profile before anything else at the start', () => {
    const outOfOrder = events.findIndex((event, i) => i > 0 && event.timeMs < events[i - 1]!.timeMs);
    expect(outOfOrder).toBe(-1);
    const firstOther = events.findIndex((event) => event.kind !== 'customer_profile');
    expect(firstOther).toBeGreaterThan(0);
    expect(events.slice(firstOther).some((event) => event.kind === 'customer_profile' && event.timeMs === events[0]!.timeMs)).toBe(false);
  });

  it('carry the event time in the value that the merge used', () => {
    const mismatched = events.filter((event) => Date.parse(event.kind === 'customer_profile' ? event.value.updatedAt : event.value.eventTime) !== event.timeMs);
    expect(mismatched).toEqual([]);
  });

  it('have unique event ids, and stay inside the simulated period', () => {
    const ids = events.filter((event) => event.kind !== 'customer_profile').map((event) => (event.value as { eventId: string }).eventId);
    expect(new Set(ids).size).toBe(ids.length);
    const startMs = Date.parse('2024-11-15T00:00:00Z');
    expect(events[0]!.timeMs).toBe(startMs);
    expect(events.at(-1)!.timeMs).toBeLessThan(startMs + 400 * 86_400_000);
  });

  it('keep the life cycle of each complaint in order: opened first, resolved last', () => {
    const steps = new Map<string, string[]>();
    for (const event of events)
      if (event.kind === 'complaint') steps.set(event.value.complaintId, [...(steps.get(event.value.complaintId) ?? []), event.value.status]);
    expect(steps.size).toBeGreaterThan(10);
    for (const statuses of steps.values()) {
      expect(statuses[0]).toBe('opened');
      expect(statuses.filter((status) => status === 'opened')).toHaveLength(1);
      if (statuses.includes('resolved')) expect(statuses.at(-1)).toBe('resolved');
    }
  });
});
