// Polling the stored sources until stopped. Each source is polled when due; a poll's state
// (time, status, validators, error count, next time) is written only when the poll finished,
// and every article is committed as it is stored. So a poll cut short (Ctrl-C, SIGKILL, a
// crash) is simply done again on the next start: the listing is fetched in full (its old
// validators are still the ones stored) and the pages already stored are skipped by URL.
import type { Fetcher } from '../fetch/fetcher.js';
import { emptySummary, refreshEvents, type IngestSummary } from '../ingest/index.js';
import { ingestTarget, type TargetOutcome } from '../ingest/web.js';
import type { Source, Store } from '../store/store.js';

/** The longest back-off after repeated failures: a broken feed is still tried a few times a day. */
export const MAX_BACKOFF_SECONDS = 6 * 60 * 60;
/** A sleeping watcher looks at the stored sources at least this often, to see ones added meanwhile. */
const RESCAN_MS = 30_000;
/** Sources polled at the same time (the fetcher still sends one request at a time per host). */
const PARALLEL_SOURCES = 4;

export interface PollReport {
  source: Source;
  outcome: TargetOutcome;
  summary: IngestSummary;
  nextFetchAt: string;
}

export interface WatchContext {
  store: Store;
  fetcher: Fetcher;
  maxItems?: number;
  signal?: AbortSignal;
  now?: () => number;
}

/** When to poll again: the interval after a success, doubling with each failure in a row, never before Retry-After. */
export function nextPollAt(now: number, source: Pick<Source, 'intervalSeconds'>, errorCount: number, retryAfterMs?: number): number {
  const base = source.intervalSeconds * 1000;
  const backoff = errorCount === 0 ? base : Math.min(base * 2 ** errorCount, Math.max(base, MAX_BACKOFF_SECONDS * 1000));
  return now + Math.max(backoff, retryAfterMs ?? 0);
}

/** Polls one source and records the outcome (the caller refreshes the events). Throws the abort reason when stopped mid-poll (nothing recorded). */
export async function pollSource(context: WatchContext, source: Source): Promise<PollReport> {
  const now = context.now ?? Date.now;
  const summary = emptySummary();
  const started = now();
  const outcome = await ingestTarget(
    { store: context.store, fetcher: context.fetcher, summary, sourceId: source.id, maxItems: context.maxItems, signal: context.signal },
    source.url,
    source.kind,
    { etag: source.etag, lastModified: source.lastModified },
  );
  context.signal?.throwIfAborted();
  const errorCount = outcome.ok ? 0 : source.errorCount + 1;
  const nextFetchAt = new Date(nextPollAt(now(), source, errorCount, outcome.retryAfterMs)).toISOString();
  // Pages that failed are tried again next time: without validators the listing is then read in full, not answered 304.
  const pagesFailed = outcome.ok ? summary.failed.length : 0;
  await context.store.recordSourcePoll(source.id, {
    at: new Date(started).toISOString(),
    ok: outcome.ok,
    status: pagesFailed > 0 ? `${outcome.status}, ${pagesFailed} page${pagesFailed === 1 ? '' : 's'} failed` : outcome.status,
    error: outcome.error,
    etag: pagesFailed > 0 ? null : outcome.etag,
    lastModified: pagesFailed > 0 ? null : outcome.lastModified,
    errorCount,
    nextFetchAt,
  });
  return { source, outcome, summary, nextFetchAt };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Runs tasks with at most `limit` at a time; the first rejection is thrown once all have settled. */
async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]);
  });
  const results = await Promise.allSettled(workers);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * Polls due sources until the signal aborts (or, with `once`, after one round). Returns normally
 * when stopped; `onPoll` hears about every finished poll.
 */
export async function watch(
  context: WatchContext,
  options: { once?: boolean; onPoll?: (report: PollReport) => void; onEvents?: (events: number) => void },
): Promise<void> {
  const now = context.now ?? Date.now;
  for (;;) {
    if (context.signal?.aborted) return;
    const sources = await context.store.listSources();
    const due = sources.filter((source) => Date.parse(source.nextFetchAt) <= now());
    const added: string[] = [];
    try {
      await inParallel(due, PARALLEL_SOURCES, async (source) => {
        const report = await pollSource(context, source);
        added.push(...report.summary.added);
        options.onPoll?.(report);
      });
    } catch (error) {
      if (!context.signal?.aborted) throw error;
    }
    // Once per round, not per source: parallel polls must not regroup events at the same time. After a
    // stop, the articles stored so far are grouped too (an interrupted refresh is made up next time).
    if (added.length > 0) options.onEvents?.(await refreshEvents(context.store, added));
    if (context.signal?.aborted) return;
    if (options.once) return;
    const upcoming = (await context.store.listSources()).map((source) => Date.parse(source.nextFetchAt));
    const wait = upcoming.length > 0 ? Math.min(...upcoming) - now() : RESCAN_MS;
    await sleep(Math.min(Math.max(wait, 0), RESCAN_MS), context.signal);
  }
}
