// The public door of @churnwatch/account-store: the schema and how rows are written, for the
// account page and for tests that populate a database.

export { accountStoreService } from './account-store-service.ts';
export { type AccountStoreConfig, accountStoreTopicDefaults, loadAccountStoreConfig } from './config.ts';
export { createDatabasePool } from './database.ts';
export { type Migration, migrate, migrationsDir, readMigrations } from './migrate.ts';
export { type AccountInput, accountInputs, type RowChange, rowChangeOf } from './row-change.ts';
export { writeRows } from './write-rows.ts';
