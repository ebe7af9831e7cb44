import type { DetectionConfig } from '@churnwatch/detection';
import { createSimulation, eventToJsonLine, type SimulationOptionsInput } from '@churnwatch/simulator';
import { detectionProcessorList } from '../engine/detection-processors.ts';
import { createReplayEngine } from '../engine/replay-engine.ts';
import { decodeEventLine } from '../input/decode-line.ts';
import { replayedOutputs } from '../run/replay-run.ts';
import type { HistoryShape } from './bench-history.ts';
import { dailyAggregateEvents } from './daily-aggregate.ts';

/**
 * The alerts and health records (as JSON lines, in release order) a replay of a seeded
 * simulation gives, in memory: the same lines as the events file through `./churnwatch replay`.
 */
export function replayOutputLines(simulation: SimulationOptionsInput, shape: HistoryShape, config: DetectionConfig): { alerts: string[]; health: string[] } {
  const generated = createSimulation(simulation).events();
  const events = shape === 'daily' ? dailyAggregateEvents(generated) : generated;
  const engine = createReplayEngine({ processors: detectionProcessorList(config), outputs: replayedOutputs });
  const alerts: string[] = [];
  const health: string[] = [];
  const keep = (outputs: ReturnType<typeof engine.feed>) => {
    for (const output of outputs) (output.output === 'alerts' ? alerts : health).push(JSON.stringify(output.value));
  };
  for (const event of events) {
    const decoded = decodeEventLine(eventToJsonLine(event));
    if (!decoded.ok) throw new TypeError(`the simulator wrote a line its own contract rejects: ${decoded.message}`);
    keep(engine.feed(decoded.record));
  }
  keep(engine.finish());
  return { alerts, health };
}
