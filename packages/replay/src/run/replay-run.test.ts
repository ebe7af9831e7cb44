import { writeFile } from 'node:fs/promises';
import { parseDetectionConfig } from '@churnwatch/detection';
import type { EmittedOutput } from '@churnwatch/stream-runtime';
import { describe, expect, it } from 'vitest';
import { generatedLines, serialise } from '../../test/generated.ts';
import { useTempDir } from '../../test/temp-dir.ts';
import { detectionProcessorList } from '../engine/detection-processors.ts';
import { type RejectedLine, runReplay } from './replay-run.ts';

const lines = generatedLines({ seed: 5, customers: 30, days: 120, startDate: '2025-03-01', usageScale: 0.3 });
const firstUsage = JSON.parse(lines.find((line) => line.startsWith('{"kind":"usage"'))!);
const { customerId: _dropped, ...withoutCustomer } = firstUsage;

// Bad lines, each with the reason it must be rejected for, put between good ones.
const bad: readonly (readonly [string, string])[] = [
  ['{"kind":"usage","schemaVersion":1,', 'malformed_json'],
  [JSON.stringify({ ...firstUsage, kind: 'invoice' }), 'unknown_kind'],
  [JSON.stringify({ ...firstUsage, kind: undefined }), 'unknown_kind'],
  [JSON.stringify(withoutCustomer), 'schema_violation'],
  [JSON.stringify({ ...firstUsage, schemaVersion: 7 }), 'unknown_version'],
  ['[1,2,3]', 'schema_violation'],
];

const temp = useTempDir('replay');
const replayFile = async (name: string, content: string, untilMs?: number) => {
  const path = temp.at(name);
  await writeFile(path, content);
  const outputs: EmittedOutput[] = [];
  const rejects: RejectedLine[] = [];
  const progress: number[] = [];
  const result = await runReplay(
    { path, format: 'events', processors: detectionProcessorList(parseDetectionConfig({})), partitions: 2, ...(untilMs === undefined ? {} : { untilMs }) },
    {
      onOutputs: (released) => void outputs.push(...released),
      onReject: (rejected) => void rejects.push(rejected),
      onProgress: (done, total) => void progress.push(done / total),
    },
  );
  return { ...result, outputs, rejects, progress };
};

describe('runReplay', { timeout: 60_000 }, () => {
  it('reports each bad line with its line number and reason, and replays the rest as if they were absent', async () => {
    const clean = await replayFile('clean.jsonl', `${lines.join('\n')}\n`);
    const mixed: string[] = [];
    const expected: { line: number; reason: string }[] = [];
    lines.forEach((line, i) => {
      if (i % 997 === 500 && expected.length < bad.length) {
        const [text, reason] = bad[expected.length]!;
        mixed.push(text);
        expected.push({ line: mixed.length, reason });
      }
      mixed.push(line);
    });
    // A blank first line (skipped, but counted in the line numbers), CRLF line ends, no newline at the end.
    const dirty = await replayFile('dirty.jsonl', `\r\n${mixed.join('\r\n')}`);

    expect(dirty.rejects.map(({ lineNumber, reason }) => ({ line: lineNumber - 1, reason }))).toEqual(expected);
    expect(dirty.rejects.every((rejected) => rejected.message.length > 0 && mixed[rejected.lineNumber - 2] === rejected.line)).toBe(true);
    expect(dirty.tally.rejected).toBe(bad.length);
    expect(dirty.tally.rejectedByReason).toEqual({ malformed_json: 1, unknown_kind: 2, schema_violation: 2, unknown_version: 1 });
    expect(dirty.tally.linesRead).toBe(lines.length + bad.length);
    expect(clean.outputs.length).toBeGreaterThan(0);
    expect(serialise(dirty.outputs)).toBe(serialise(clean.outputs));
    expect(dirty.tally.eventsByKind).toEqual(clean.tally.eventsByKind);
  });

  it('counts events per kind and outputs per kind and status, and reports progress up to the whole file', async () => {
    const run = await replayFile('counted.jsonl', `${lines.join('\n')}\n`);
    const kinds = lines.map((line) => JSON.parse(line).kind as string);
    for (const kind of new Set(kinds)) expect(run.tally.eventsByKind[kind]).toBe(kinds.filter((k) => k === kind).length);
    const alerts = run.outputs.filter((output) => output.output === 'alerts').length;
    expect(Object.values(run.tally.alerts).reduce((sum, count) => sum + count, 0)).toBe(alerts);
    expect(run.tally.healthRecords).toBe(run.outputs.length - alerts);
    expect(run.progress.at(-1)).toBe(1);
    expect(run.endMs).toBe(run.tally.lastEventMs);
  });

  it('replays nothing after --until and ends stream time there', async () => {
    const all = lines.map((line) => Date.parse(JSON.parse(line).eventTime ?? JSON.parse(line).updatedAt));
    const untilMs = all[Math.floor(all.length / 2)]!;
    const run = await replayFile('until.jsonl', `${lines.join('\n')}\n`, untilMs);
    expect(run.tally.afterUntil).toBe(all.filter((ms) => ms > untilMs).length);
    expect(run.tally.afterUntil).toBeGreaterThan(0);
    expect(run.endMs).toBe(untilMs);
    expect(run.outputs.every((output) => output.eventTimeMs <= untilMs)).toBe(true);
  });

  it('processes events that arrive out of order as late events, and counts them', async () => {
    const moved = [...lines];
    const index = moved.findIndex((line, i) => i > 2000 && line.startsWith('{"kind":"usage"'));
    const [late] = moved.splice(index, 1);
    moved.splice(index + 400, 0, late!);
    const run = await replayFile('late.jsonl', `${moved.join('\n')}\n`);
    expect(run.tally.lateEvents).toBeGreaterThanOrEqual(1);
    expect(run.tally.rejected).toBe(0);
    expect(run.tally.eventsByKind.usage).toBe(lines.filter((line) => line.startsWith('{"kind":"usage"')).length);
  });
});
