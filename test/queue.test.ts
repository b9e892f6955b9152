// The job queue end to end: real `dossier enqueue` and `dossier worker` processes on PostgreSQL.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import pg from 'pg';
import type { DossierEvent } from '../src/events/types.js';
import { emptySummary, ingestRaw, refreshEvents } from '../src/ingest/index.js';
import { readFile } from '../src/ingest/read.js';
import { QUEUE_SCHEMA } from '../src/queue/queue.js';
import { queueStatus } from '../src/queue/status.js';
import { PgStore } from '../src/store/postgres.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { freshDatabase, pgSkipReason, privateClusterSkipReason, startPrivateCluster } from './support/postgres.js';

const skip = pgSkipReason();
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const corpusDirs = [join(root, 'examples', 'seeds'), join(root, 'test', 'fixtures', 'events', 'unseen-corpus')];
const corpus = corpusDirs.flatMap((dir) => readdirSync(dir).sort().map((name) => join(dir, name)));
/** Short timings so that a dead worker's job comes back within seconds. */
const FAST = ['--retry-delay', '1', '--job-timeout', '6'];
const WORKER_FAST = ['--poll', '1', '--group-after', '1', '--maintenance-interval', '1'];
/** A bound on a queue test, far above what it takes on a loaded machine, so that a stuck queue fails instead of hanging. */
const DRAIN_LIMIT_MS = 300_000;

function dossier(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DOSSIER_DB: '' } });
  assert.equal(result.status, 0, `dossier ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

interface Worker {
  process: ChildProcess;
  /** Resolves with the first line of output that matches. */
  waitFor(pattern: RegExp): Promise<string>;
  stop(): Promise<void>;
}

function startWorker(url: string): Worker {
  const child = spawn(process.execPath, [cli, 'worker', '--db', url, ...WORKER_FAST], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    for (const wait of waiting.filter((w) => w.pattern.test(line))) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve(line);
    }
  });
  child.stderr!.resume();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    waitFor: (pattern) => new Promise((resolve) => waiting.push({ pattern, resolve })),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** What grouping decides: the articles of each event, its day and its place. */
const outline = (events: DossierEvent[]) =>
  events
    .map((event) => ({ id: event.id, date: event.date, location: event.location, articles: event.articles.map((article) => article.id).sort() }))
    .sort((a, b) => a.id.localeCompare(b.id));

/** The events one process ingesting the corpus into SQLite gives, as `dossier ingest` does. */
async function singleProcessEvents(): Promise<ReturnType<typeof outline>> {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'dossier-queue-')), 'single.db'));
  const summary = emptySummary();
  await ingestRaw(store, corpus.flatMap(readFile), summary);
  await refreshEvents(store, summary.added);
  const events = outline(await store.listEvents());
  await store.close();
  return events;
}

/** Waits until every document is stored and grouped and the queue is idle; fails when it takes minutes. */
async function drained(url: string, documents: number): Promise<void> {
  const store = await PgStore.connect(url);
  const deadline = Date.now() + DRAIN_LIMIT_MS;
  try {
    for (;;) {
      if (Date.now() > deadline) {
        const status = await queueStatus(url).catch((error: Error) => error.message);
        assert.fail(`the queue did not drain in ${DRAIN_LIMIT_MS / 1000} s: ${JSON.stringify(status)}`);
      }
      const status = await queueStatus(url).catch(() => null);
      const ready =
        status !== null &&
        status.waiting + status.active + status.groupingWaiting + status.groupingActive === 0 &&
        (await store.countArticles().catch(() => 0)) === documents &&
        (await store.articlesWithoutEvents().catch(() => ['?'])).length === 0;
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await store.close();
  }
}

async function sources(url: string): Promise<string[]> {
  const store = await PgStore.connect(url);
  const stored = (await store.listArticles()).map((article) => article.source).sort();
  await store.close();
  return stored;
}

async function storedEvents(url: string): Promise<ReturnType<typeof outline>> {
  const store = await PgStore.connect(url);
  const events = outline(await store.listEvents());
  await store.close();
  return events;
}

describe('the job queue', { skip }, () => {
  it('queues a document once, however often it is enqueued', async () => {
    const url = await freshDatabase();
    assert.deepEqual(JSON.parse(dossier(['enqueue', ...corpusDirs, '--db', url, '--json'])), { files: 16, urls: 0, queued: 16, alreadyQueued: 0 });
    assert.deepEqual(JSON.parse(dossier(['enqueue', corpus[0], corpus[1], '--db', url, '--json'])), { files: 2, urls: 0, queued: 0, alreadyQueued: 2 });
    assert.match(dossier(['status', '--db', url]), /^queue: 16 waiting \(0 to retry\), 0 in progress, 0 done, 0 failed for good$/m);
  });

  it('three workers, one killed mid-job, store every document once and group them as one process does', async () => {
    const url = await freshDatabase();
    const expected = await singleProcessEvents();
    dossier(['enqueue', ...corpusDirs, '--db', url, ...FAST]);
    const workers = [startWorker(url), startWorker(url), startWorker(url)];
    try {
      const started = await workers[0].waitFor(/^start /);
      // Stopped first, so that it cannot finish the job it has just started.
      workers[0].process.kill('SIGSTOP');
      workers[0].process.kill('SIGKILL');
      const killedJob = started.split(' ')[1];
      await drained(url, corpus.length);
      assert.deepEqual(await sources(url), corpus.slice().sort());
      assert.deepEqual(await storedEvents(url), expected);
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      const job = (
        await db.query(
          `SELECT state::text AS state, retry_count FROM ${QUEUE_SCHEMA}.job WHERE id = $1 UNION ALL SELECT state::text, retry_count FROM ${QUEUE_SCHEMA}.archive WHERE id = $1`,
          [killedJob],
        )
      ).rows;
      await db.end();
      assert.deepEqual(job, [{ state: 'completed', retry_count: 1 }]);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
  });

  it('retries a failing document with back-off and dead-letters it with its reason', async () => {
    const url = await freshDatabase();
    // Nothing listens on port 9 of this machine: every fetch fails.
    dossier(['enqueue', 'http://127.0.0.1:9/story.html', '--db', url, '--retries', '1', ...FAST]);
    const worker = startWorker(url);
    try {
      await worker.waitFor(/^failed /);
      await worker.waitFor(/^failed /);
      let status = await queueStatus(url);
      while (status!.deadLettered === 0) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        status = await queueStatus(url);
      }
      assert.equal(status!.waiting + status!.active, 0);
      assert.equal(status!.recentFailures.length, 1);
      assert.equal(status!.recentFailures[0].source, 'http://127.0.0.1:9/story.html');
      assert.match(status!.recentFailures[0].reason, /fetch failed/);
      assert.match(dossier(['status', '--db', url]), /^failed http:\/\/127\.0\.0\.1:9\/story\.html: fetch failed/m);
    } finally {
      await worker.stop();
    }
  });
});

const restartSkip = privateClusterSkipReason();

describe('the job queue across a PostgreSQL restart', { skip: restartSkip }, () => {
  it('workers reconnect after the server restarts mid-ingest and nothing is lost', async () => {
    const cluster = startPrivateCluster(55_000 + (process.pid % 5000));
    try {
      const url = cluster.url;
      const expected = await singleProcessEvents();
      dossier(['enqueue', ...corpusDirs, '--db', url, ...FAST]);
      const workers = [startWorker(url), startWorker(url)];
      try {
        await Promise.race(workers.map((worker) => worker.waitFor(/^added /)));
        const db = new pg.Client({ connectionString: url });
        await db.connect();
        const storedBefore = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM articles')).rows[0].n;
        await db.end();
        cluster.restart();
        assert.ok(storedBefore < corpus.length, `the restart came after all ${corpus.length} documents were stored`);
        await drained(url, corpus.length);
        assert.deepEqual(await sources(url), corpus.slice().sort());
        assert.deepEqual(await storedEvents(url), expected);
      } finally {
        await Promise.all(workers.map((worker) => worker.stop()));
      }
    } finally {
      cluster.stop();
    }
  });
});
