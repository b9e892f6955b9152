// Opens the store a database location names: a postgres:// URL is a PostgreSQL server, anything
// else a SQLite file.
import { isPostgresUrl, PgStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export { isPostgresUrl } from './postgres.js';

/** Throws StoreOpenError (with the location and the reason) when the store cannot be opened. */
export async function openStore(location: string): Promise<Store> {
  return isPostgresUrl(location) ? PgStore.connect(location) : new SqliteStore(location);
}
