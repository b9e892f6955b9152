// A queue worker (`dossier worker`): takes document jobs, runs the pipeline, stores the article, and
// asks for an event grouping. Grouping is its own job on a stately queue (one waiting, one running),
// run under an advisory lock, so several workers never group at once and none of their articles is
// left out: an article stored while a grouping runs is in the store's ungrouped list, and the grouping
// job waiting behind the running one takes it.
import { analyse } from '../ingest/index.js';
import { refreshEvents } from '../ingest/refresh.js';
import { MAX_FILE_BYTES } from '../ingest/read.js';
import { PgStore } from '../store/postgres.js';
import type { RawDocument } from '../types.js';
import { GROUP_QUEUE, INGEST_QUEUE, openQueue, rawFromJob, type DocumentJob } from './queue.js';

/** Advisory lock key held while events are regrouped. */
export const EVENTS_LOCK = 7_345_002;
/** Seconds a fetch of a queued URL may take. */
const FETCH_TIMEOUT_S = 30;

export interface WorkerOptions {
  /** Seconds between polls of an empty queue. */
  poll: number;
  /** Seconds a grouping waits after it is asked for, so that one grouping takes a whole burst of articles. */
  groupAfter: number;
  /** Seconds a grouping may run before it counts as failed (its worker presumed dead) and is retried. */
  groupTimeout: number;
  /** Seconds between checks for jobs whose worker died. */
  maintenanceInterval: number;
  /** One line per job started, stored or failed. */
  log?: (line: string) => void;
}

export interface RunningWorker {
  /** Finishes the jobs in hand, then disconnects. */
  stop(): Promise<void>;
}

/** The raw document a job names; a queued URL is fetched here, and a failed fetch fails the job (it is retried). */
async function documentOf(job: DocumentJob): Promise<RawDocument> {
  if (job.kind === 'raw') return rawFromJob(job);
  const response = await fetch(job.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_S * 1000), redirect: 'follow' });
  if (!response.ok) throw new Error(`fetching ${job.url}: HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_FILE_BYTES) return { source: job.url, error: `file too large: ${(bytes.length / 1048576).toFixed(1)} MB` };
  return { source: job.url, bytes };
}

/**
 * pg-boss 10 records a job's result (complete or fail) without awaiting it, so when the server goes away
 * at that moment (a restart) the rejection is unhandled and would end the process. The job is still
 * active in the queue and is retried when its timeout passes (storing is idempotent), so such a rejection
 * is reported and the worker goes on; any other unhandled rejection still ends the process.
 */
function survivePgBossRecordingFailures(): void {
  process.on('unhandledRejection', (reason) => {
    const error = reason instanceof Error ? reason : new Error(String(reason));
    if (/[/\\]pg-boss[/\\]src[/\\]manager\.js/.test(error.stack ?? '')) {
      process.stderr.write(`dossier: queue: could not record a job's result (${error.message}); it is retried after its timeout\n`);
      return;
    }
    throw error;
  });
}

export async function startWorker(url: string, options: WorkerOptions): Promise<RunningWorker> {
  const log = options.log ?? (() => {});
  survivePgBossRecordingFailures();
  const store = await PgStore.connect(url);
  const queue = await openQueue(url, { supervise: true, maintenanceInterval: options.maintenanceInterval });
  const { boss } = queue;
  // pg-boss waits a whole polling interval after each job, even with more waiting; a worker that has just
  // finished one asks for the next at once, and polls at the interval only when the queue is empty.
  let ingestWorker: string | null = null;
  ingestWorker = await boss.work<DocumentJob>(INGEST_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.poll }, async ([job]) => {
    if (ingestWorker) boss.notifyWorker(ingestWorker);
    log(`start ${job.id}`);
    try {
      const article = analyse(await documentOf(job.data));
      const result = await store.putArticle(article);
      // Also for a known article: a worker that died between storing it and this line left it ungrouped.
      // Dropped by the stately queue when a grouping is already waiting: that one will see this article.
      if (article.status === 'ok') {
        await boss.send(GROUP_QUEUE, {}, { startAfter: options.groupAfter, retryLimit: 10, retryDelay: 1, retryBackoff: true, expireInSeconds: options.groupTimeout });
      }
      log(`${result} ${job.id} ${article.id} ${article.status}${article.reason ? ` (${article.reason})` : ''}`);
      return { article: article.id, status: article.status, result };
    } catch (error) {
      log(`failed ${job.id}: ${(error as Error).message}`);
      throw error;
    }
  });
  await boss.work(GROUP_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.poll }, async () => {
    // A full regrouping, not an incremental one: articles reach the grouping job in whatever order the
    // workers store them, and regrouping everything makes the events the same as one process ingesting the
    // whole batch (the incremental refresh can differ with arrival order). Grouping jobs are coalesced
    // (one waiting at most), so this runs once per lull, not once per document.
    const events = await store.exclusive(EVENTS_LOCK, () => refreshEvents(store));
    log(`grouped ${events} events`);
    return { events };
  });
  return {
    async stop() {
      await queue.close();
      await store.close();
    },
  };
}
