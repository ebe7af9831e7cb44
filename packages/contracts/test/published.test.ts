import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { topicContracts } from '../src/index.ts';
import { publishedDir } from '../src/publish/generate-cli.ts';
import { publishedFiles } from '../src/publish/published-files.ts';

const files = publishedFiles();

describe('published contracts', () => {
  it('match the committed files (run `pnpm --filter @churnwatch/contracts generate` after changing a contract)', () => {
    const drifted = [...files].filter(([path, content]) => {
      try {
        return readFileSync(join(publishedDir, path), 'utf8') !== content;
      } catch {
        return true;
      }
    });
    expect(drifted.map(([path]) => path)).toEqual([]);
  });

  it('include a JSON Schema and an Avro schema for every topic and version', () => {
    for (const contract of Object.values(topicContracts)) {
      for (const version of Object.keys(contract.versions)) {
        expect(files.has(`json-schema/${contract.defaultTopic}.v${version}.schema.json`)).toBe(true);
        expect(files.has(`avro/${contract.defaultTopic}.v${version}.avsc`)).toBe(true);
      }
    }
  });

  it('form a valid AsyncAPI 3 document describing every topic, its key and the compacted tables', async () => {
    const source = files.get('asyncapi.yaml')!;
    const { document, diagnostics } = await new Parser().parse(source);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
    expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');

    const raw = parse(source) as { channels: Record<string, { address: string; bindings: { kafka: { topicConfiguration: { 'cleanup.policy': string[] } } } }> };
    for (const [name, contract] of Object.entries(topicContracts)) {
      const channel = raw.channels[name];
      expect(channel?.address).toBe(contract.defaultTopic);
      expect(channel?.bindings.kafka.topicConfiguration['cleanup.policy']).toEqual([contract.shape === 'table' ? 'compact' : 'delete']);
    }
    const addresses = document!
      .channels()
      .all()
      .map((channel) => channel.address());
    expect(addresses.sort()).toEqual(
      Object.values(topicContracts)
        .map((contract) => contract.defaultTopic)
        .sort(),
    );
    for (const message of document!.messages().all()) {
      expect(message.bindings().get('kafka')?.value().key, message.id()).toMatchObject({ type: 'string' });
      expect(message.examples().all().length, message.id()).toBeGreaterThan(0);
    }
  }, 60_000);
});
