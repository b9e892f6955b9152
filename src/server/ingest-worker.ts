// Upload ingestion in a worker thread (a piscina pool of one): annotating a large upload takes seconds of CPU,
// and in the server's own thread it would hold every other request (an 800 KB upload froze the events list for
// 26 s). The worker opens the same database (a SQLite file in WAL mode takes one writer and many readers), stores
// the articles and refreshes the events; the server sees the change through the store's events version.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { ingestBuffers, refreshEvents, type IngestSummary } from '../ingest/index.js';
import { openStore } from '../store/open.js';

export interface IngestTask {
  db: string;
  files: { name: string; bytes: Uint8Array }[];
}

/** The worker's task: runs in the pool's thread. */
export default async function ingestTask(task: IngestTask): Promise<IngestSummary> {
  const store = await openStore(task.db);
  try {
    const summary = await ingestBuffers(store, task.files.map((file) => ({ name: file.name, bytes: Buffer.from(file.bytes) })));
    if (summary.added.length > 0) await refreshEvents(store, summary.added);
    return summary;
  } finally {
    await store.close();
  }
}

/** A worker that is idle this long exits, so a server that ingests once holds no thread afterwards. */
const IDLE_MS = 60_000;

export interface IngestPool {
  ingest(files: { name: string; bytes: Buffer }[]): Promise<IngestSummary>;
  close(): Promise<void>;
}

/** One worker thread for a database: uploads are ingested one at a time, as one writer should. */
export function createIngestPool(db: string): IngestPool {
  // Run from the built JavaScript, or from the TypeScript sources under tsx (whose loader the worker inherits).
  const compiled = fileURLToPath(new URL('./ingest-worker.js', import.meta.url));
  const filename = existsSync(compiled) ? compiled : fileURLToPath(new URL('./ingest-worker.ts', import.meta.url));
  const pool = new Piscina<IngestTask, IngestSummary>({ filename, minThreads: 0, maxThreads: 1, idleTimeout: IDLE_MS });
  return {
    ingest: (files) => pool.run({ db, files: files.map((file) => ({ name: file.name, bytes: new Uint8Array(file.bytes) })) }),
    close: () => pool.destroy(),
  };
}
