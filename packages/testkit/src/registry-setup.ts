import { LocalRegistry } from '@churnwatch/registry';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the Confluent-compatible schema registry API this test run uses. */
    schemaRegistryUrl: string;
  }
}

/**
 * Starts one Apicurio Registry for the whole run, unless SCHEMA_REGISTRY_URL names one already
 * running (its Confluent-compatible base URL). Tests read the URL with `inject('schemaRegistryUrl')`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.SCHEMA_REGISTRY_URL;
  if (external) {
    project.provide('schemaRegistryUrl', external);
    return async () => {};
  }
  const registry = await LocalRegistry.start();
  process.stderr.write(`[testkit] Apicurio Registry ${registry.version} on ${registry.url}, up in ${registry.lastStartupMs} ms\n`);
  project.provide('schemaRegistryUrl', registry.url);
  return () => registry.dispose();
}
