// PostgreSQL for tests: the server named by DOSSIER_TEST_PG (a URL whose role may create databases).
// Without it, the PostgreSQL tests skip with a printed line; `.ci/run` starts a server and sets it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** A PostgreSQL server of the test's own, on a free port, that a test may restart without disturbing others. */
export interface PrivateCluster {
  url: string;
  restart(): void;
  stop(): void;
}

/** The directory of the installed server programs (initdb, pg_ctl), or null. */
function serverBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

/** Why a private cluster cannot be started here, or false. */
export function privateClusterSkipReason(): string | false {
  const reason = pgSkipReason() || (serverBin() ? false : 'no PostgreSQL server programs (initdb) installed: restart test skipped');
  if (reason && PG_URL) console.log(`# ${reason}`);
  return reason;
}

/** initdb + pg_ctl start in a temporary directory, as the postgres user when running as root. */
export function startPrivateCluster(port: number): PrivateCluster {
  const bin = serverBin()!;
  const dir = mkdtempSync(join(tmpdir(), 'dossier-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const run = (program: string, args: string[]): void => {
    const command = [join(bin, program), ...args].map((part) => `'${part}'`).join(' ');
    if (asRoot) execFileSync('su', ['postgres', '-c', command], { stdio: 'ignore' });
    else execFileSync('sh', ['-c', command], { stdio: 'ignore' });
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-m', 'fast', '-w', 'restart']),
    stop: () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
  };
}
