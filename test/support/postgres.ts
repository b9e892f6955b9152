// PostgreSQL for tests: the server named by DOSSIER_TEST_PG (a URL whose role may create databases).
// Without it, the PostgreSQL tests skip with a printed line; `.ci/run` starts a server and sets it.
import { after } from 'node:test';
import pg from 'pg';

export const PG_URL = process.env.DOSSIER_TEST_PG ?? null;

/** Why PostgreSQL tests are skipped here, or false when they run (and a line is printed once). */
export function pgSkipReason(): string | false {
  if (PG_URL) return false;
  const reason = 'DOSSIER_TEST_PG is not set: PostgreSQL tests skipped';
  console.log(`# ${reason}`);
  return reason;
}

const created: string[] = [];

/** URL of the test server with its database replaced by `name`. */
export function urlFor(name: string): string {
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty database for one test and returns its URL; all are dropped when the test file ends. */
export async function freshDatabase(): Promise<string> {
  const name = `dossier_t_${process.pid}_${created.length}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_URL! });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  created.push(name);
  return urlFor(name);
}

after(async () => {
  if (!PG_URL || created.length === 0) return;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
});
