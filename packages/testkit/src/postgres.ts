import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test PostgreSQL: 127.0.0.1:5432, trust authentication, user postgres (CHURNWATCH_TEST_POSTGRES_URL overrides). */
export function testPostgresUrl(database = 'postgres'): string {
  const base = new URL(process.env.CHURNWATCH_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/${database}`;
  return base.toString();
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database, ending whatever sessions are still connected to it. */
  drop(): Promise<void>;
}

async function asAdmin<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database `churnwatch_test_<random>` for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `churnwatch_test_${randomBytes(5).toString('hex')}`;
  await asAdmin((client) => client.query(`create database ${name}`));
  return {
    name,
    url: testPostgresUrl(name),
    drop: () => asAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
