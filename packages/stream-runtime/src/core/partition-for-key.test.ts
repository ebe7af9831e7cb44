import { randomBytes } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { expect, test } from 'vitest';
import { partitionForKey } from './partition-for-key.ts';

test('partitionForKey agrees with kafkajs’ Java-compatible default partitioner', () => {
  const partitioner = Partitioners.DefaultPartitioner();
  for (let i = 0; i < 2000; i++) {
    const key = i % 3 === 0 ? `customer-${i}` : randomBytes(1 + (i % 40)).toString('base64');
    const count = 1 + (i % 17);
    const partitionMetadata = Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 }));
    expect(partitionForKey(key, count)).toBe(partitioner({ topic: 't', partitionMetadata, message: { key, value: null } }));
  }
});
