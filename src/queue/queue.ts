// The job queue that spreads ingestion over worker processes on any number of machines: pg-boss
// (10.x, the last major that supports Node 20) in its own schema of the dossier PostgreSQL database.
// Every document is one job whose id is derived from its content id, so enqueuing the same document
// twice queues it once. A job that fails is retried with exponential back-off; after its last retry it
// moves to a dead-letter queue with its reason. A job whose worker died (SIGKILL, lost machine) stays
// active until its timeout, then counts as a failure and is retried like any other.
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import { contentId } from '../pipeline.js';
import type { RawDocument } from '../types.js';

export const QUEUE_SCHEMA = 'dossier_queue';
/** One job per document to ingest. */
export const INGEST_QUEUE = 'dossier-ingest';
/** Documents whose job failed on every try, with the reason of the last failure. */
export const DEAD_LETTER_QUEUE = 'dossier-ingest-failed';
/** Event grouping. Stately: at most one job waiting and one running, so grouping has one writer at a
 *  time and a document stored while a grouping runs is picked up by the one waiting behind it. */
export const GROUP_QUEUE = 'dossier-group-events';

export interface RetryPolicy {
  /** Tries after the first. */
  retries: number;
  /** Seconds before the first retry; doubled for each further one. */
  retryDelay: number;
  /** Seconds a job may run before it counts as failed (its worker is presumed dead). */
  jobTimeout: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, retryDelay: 10, jobTimeout: 300 };

/** A document as a job carries it: a raw document (bytes as base64), or a URL for the worker to fetch. */
export type DocumentJob =
  | { kind: 'raw'; source: string; bytes?: string; record?: RawDocument['record']; error?: string }
  | { kind: 'url'; url: string };

export interface QueueConnection {
  boss: PgBoss;
  close(): Promise<void>;
}

export interface QueueOptions {
  /** Seconds between checks for timed-out jobs (each worker runs them; one at a time does the work). */
  maintenanceInterval?: number;
  /** Whether this process looks for timed-out jobs at all (workers do; enqueue and status do not). */
  supervise?: boolean;
}

/** Connects to the queue, creating its schema and queues on first use. */
export async function openQueue(url: string, options: QueueOptions = {}): Promise<QueueConnection> {
  const boss = new PgBoss({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    max: 4,
    supervise: options.supervise ?? false,
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceInterval ?? 30,
    // Finished jobs stay visible to `dossier status` for a day, then move to the archive.
    archiveCompletedAfterSeconds: 86_400,
  });
  // Connection errors (a restarting server) are reported here and retried by pg-boss; they must not crash the process.
  boss.on('error', (error) => process.stderr.write(`dossier: queue: ${error.message}\n`));
  await boss.start();
  if (!(await boss.getQueue(DEAD_LETTER_QUEUE))) await boss.createQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE });
  if (!(await boss.getQueue(INGEST_QUEUE))) await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, deadLetter: DEAD_LETTER_QUEUE });
  if (!(await boss.getQueue(GROUP_QUEUE))) await boss.createQueue(GROUP_QUEUE, { name: GROUP_QUEUE, policy: 'stately' });
  return { boss, close: () => boss.stop({ graceful: true, wait: true, close: true }) };
}

/** A UUID (the form pg-boss job ids take) derived from a document's content id: the same document, the same job. */
export function jobIdFor(job: DocumentJob, raw?: RawDocument): string {
  const key = job.kind === 'url' ? `url:${job.url}` : `content:${contentId(raw ?? rawFromJob(job))}`;
  const hex = createHash('sha256').update(`dossier-job:${key}`).digest('hex');
  // Version 8 (custom) and the RFC 4122 variant, so that the id is a well-formed UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function jobFromRaw(raw: RawDocument): DocumentJob {
  return { kind: 'raw', source: raw.source, bytes: raw.bytes?.toString('base64'), record: raw.record, error: raw.error };
}

export function rawFromJob(job: Extract<DocumentJob, { kind: 'raw' }>): RawDocument {
  const raw: RawDocument = { source: job.source };
  if (job.bytes !== undefined) raw.bytes = Buffer.from(job.bytes, 'base64');
  if (job.record) raw.record = job.record;
  if (job.error !== undefined) raw.error = job.error;
  return raw;
}

/** Puts one document on the queue; false when a job for the same content (or URL) is already there. */
export async function enqueueDocument(boss: PgBoss, job: DocumentJob, policy: RetryPolicy, raw?: RawDocument): Promise<boolean> {
  const id = await boss.send(INGEST_QUEUE, job, {
    id: jobIdFor(job, raw),
    retryLimit: policy.retries,
    retryDelay: policy.retryDelay,
    retryBackoff: true,
    expireInSeconds: policy.jobTimeout,
  });
  return id !== null;
}
