import type { HealthProbe } from '@churnwatch/telemetry';

/** A named part of a service that has its own liveness and readiness (a consumer, a database pool). */
export interface HealthBoard extends HealthProbe {
  /** Adds a part; the service is alive when every part is, ready when every part is. */
  add(name: string, probe: HealthProbe): void;
  /** Each part's state, for logs and the /readyz body. */
  describe(): Record<string, { alive: boolean; ready: boolean }>;
}

/** A board with no parts is alive but not ready: a service is ready only once a part says so. */
export function createHealthBoard(): HealthBoard {
  const parts = new Map<string, HealthProbe>();
  return {
    add(name, probe) {
      parts.set(name, probe);
    },
    alive: () => [...parts.values()].every((probe) => probe.alive()),
    ready: () => parts.size > 0 && [...parts.values()].every((probe) => probe.ready()),
    // The /readyz body: each part that is not ready, with its own reason where it gives one.
    notReadyReason: () => {
      const waiting = [...parts].filter(([, probe]) => !probe.ready()).map(([name, probe]) => `${name}: ${probe.notReadyReason?.() ?? 'not ready'}`);
      return waiting.length > 0 ? waiting.join('; ') : undefined;
    },
    describe: () => Object.fromEntries([...parts].map(([name, probe]) => [name, { alive: probe.alive(), ready: probe.ready() }])),
  };
}
