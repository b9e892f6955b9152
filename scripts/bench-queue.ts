// Ingest throughput, events included, on Multi-News documents (../shared/eval-data or DOSSIER_EVAL_DATA):
// `dossier ingest` into SQLite with 1 and 2 analysis threads, and `dossier enqueue` + 1 and 2
// `dossier worker` processes on PostgreSQL (timed from the workers' start until every document is
// stored and grouped). PostgreSQL runs are made when --pg names a server URL whose role may create databases.
//
//   npx tsx scripts/bench-queue.ts [--docs 300] [--pg postgres://user:pass@127.0.0.1:5432/postgres]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { queueStatus } from '../src/queue/status.js';
import { PgStore } from '../src/store/postgres.js';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '300' }, pg: { type: 'string' } } });
const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const evalData = process.env.DOSSIER_EVAL_DATA ?? resolve(root, '../shared/eval-data');

// Multi-News documents, one file each (the benchmark convention: one article per document, ~4 KB).
const rows = readFileSync(join(evalData, 'multi-news-sample', 'test.sample250.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { documents: string[] });
const documents = rows.flatMap((row) => row.documents).slice(0, Number(values.docs));
const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-queue-'));
const corpus = join(dir, 'corpus');
spawnSync('mkdir', [corpus]);
documents.forEach((text, index) => writeFileSync(join(corpus, `doc-${String(index).padStart(5, '0')}.txt`), text));
const kb = documents.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / documents.length / 1024;
console.log(`${documents.length} Multi-News documents, ${kb.toFixed(1)} KB on average`);

const results: Record<string, number> = {};
function report(label: string, seconds: number): void {
  const rate = documents.length / seconds;
  results[label] = Number(rate.toFixed(1));
  console.log(`${label.padEnd(34)} ${rate.toFixed(1).padStart(6)} articles/s  (${seconds.toFixed(1)} s)`);
}

for (const workers of [1, 2]) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [cli, 'ingest', corpus, '--db', join(dir, `sqlite-${workers}.db`), '--workers', String(workers), '--json'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  report(`sqlite ingest, ${workers} thread${workers > 1 ? 's' : ''}`, (performance.now() - started) / 1000);
}

/** Waits until the queue is idle and the `stored` distinct documents are all stored and grouped. */
async function drained(url: string, stored: number): Promise<void> {
  const store = await PgStore.connect(url);
  try {
    for (;;) {
      const status = await queueStatus(url);
      if (status && status.waiting + status.active + status.groupingWaiting + status.groupingActive === 0 && (await store.articlesWithoutEvents()).length === 0 && (await store.countArticles()) === stored) return;
      await new Promise((done) => setTimeout(done, 250));
    }
  } finally {
    await store.close();
  }
}

if (values.pg) {
  for (const workers of [1, 2]) {
    const name = `dossier_bench_${process.pid}_${workers}`;
    const admin = new pg.Client({ connectionString: values.pg });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(values.pg);
    url.pathname = `/${name}`;
    const enqueue = spawnSync(process.execPath, [cli, 'enqueue', corpus, '--db', url.toString(), '--json'], { encoding: 'utf8' });
    if (enqueue.status !== 0) throw new Error(enqueue.stderr);
    // The sample repeats some documents word for word: each is queued, and stored, once.
    const { queued } = JSON.parse(enqueue.stdout) as { queued: number };
    const started = performance.now();
    const children = Array.from({ length: workers }, () => spawn(process.execPath, [cli, 'worker', '--db', url.toString(), '--quiet', '--group-after', '1'], { stdio: 'ignore' }));
    await drained(url.toString(), queued);
    report(`postgres, ${workers} worker process${workers > 1 ? 'es' : ''}`, (performance.now() - started) / 1000);
    await Promise.all(children.map((child) => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM')))));
    const cleanup = new pg.Client({ connectionString: values.pg });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await cleanup.end();
  }
}
console.log(JSON.stringify({ dataset: 'multi-news-sample/test', metric: 'articles_per_second', docs: documents.length, ...results }));
