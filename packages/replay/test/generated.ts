import { parseDetectionConfig } from '@churnwatch/detection';
import { createSimulation, eventToJsonLine, type SimulationOptionsInput } from '@churnwatch/simulator';
import type { EmittedOutput, LocalRecord } from '@churnwatch/stream-runtime';
import { createReplayEngine, decodeEventLine, detectionProcessorList, replayedOutputs } from '../src/index.ts';

/** The lines of a generated events file (the simulator's JSON Lines format). */
export function generatedLines(options: SimulationOptionsInput): string[] {
  return [...createSimulation(options).events()].map(eventToJsonLine);
}

/** Decodes lines that must all be valid. */
export function recordsOf(lines: readonly string[]): LocalRecord[] {
  return lines.map((line, i) => {
    const decoded = decodeEventLine(line);
    if (!decoded.ok) throw new Error(`line ${i + 1}: ${decoded.message}`);
    return decoded.record;
  });
}

/** Replays records with the default detection configuration; every output in release order. */
export function replayRecords(records: Iterable<LocalRecord>, partitions: number, endMs?: number): EmittedOutput[] {
  const engine = createReplayEngine({ processors: detectionProcessorList(parseDetectionConfig({})), partitions, outputs: replayedOutputs });
  const outputs: EmittedOutput[] = [];
  for (const record of records) outputs.push(...engine.feed(record));
  outputs.push(...engine.finish(endMs));
  return outputs;
}

/** The bytes a replay writes for these outputs: one JSON value a line, alerts and health interleaved as released. */
export function serialise(outputs: readonly EmittedOutput[]): string {
  return outputs.map((output) => `${output.output} ${JSON.stringify(output.value)}\n`).join('');
}
