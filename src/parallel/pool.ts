// The per-document pipeline over all cores: a pool of worker threads (piscina), each running `analyse`
// on one document at a time. Documents go in as they are read and results come out in input order, so
// a parallel run stores the same articles in the same order as a single-threaded one (same ids, same
// events), and at most a few documents per thread are in memory at once, whatever the batch size.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { analyse } from '../ingest/index.js';
import type { Article, RawDocument } from '../types.js';

/** Documents in flight per thread: enough to keep every thread busy while results wait their turn. */
const IN_FLIGHT_PER_THREAD = 4;

export function defaultWorkers(): number {
  return availableParallelism();
}

export interface Analyser {
  readonly workers: number;
  analyse(raw: RawDocument): Promise<Article>;
  close(): Promise<void>;
}

/** With one worker the pipeline runs on the calling thread, without a pool. */
export function createAnalyser(workers = defaultWorkers()): Analyser {
  if (workers <= 1) return { workers: 1, analyse: async (raw) => analyse(raw), close: async () => {} };
  // Under tsx (tests, scripts) the worker is the TypeScript source; built, it is the .js beside this file.
  const here = fileURLToPath(import.meta.url);
  const filename = here.replace(/pool\.(ts|js)$/, `analyse-worker.$1`);
  const pool = new Piscina<RawDocument, Article>({ filename, minThreads: workers, maxThreads: workers, idleTimeout: 60_000 });
  return { workers, analyse: (raw) => pool.run(raw), close: () => pool.destroy() };
}

/**
 * Analyses the documents `items` yields (read lazily, one at a time) and yields each with its article, in
 * input order. Stopping early (a `break`) leaves the documents in flight unread.
 */
export async function* analyseInOrder<T extends { raw: RawDocument }>(items: Iterable<T>, analyser: Analyser): AsyncGenerator<[T, Article]> {
  const window = analyser.workers * IN_FLIGHT_PER_THREAD;
  const inFlight: Promise<[T, Article]>[] = [];
  const source = items[Symbol.iterator]();
  let exhausted = false;
  const fill = (): void => {
    while (!exhausted && inFlight.length < window) {
      const next = source.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      const item = next.value;
      const result = analyser.analyse(item.raw).then((article): [T, Article] => [item, article]);
      // Awaited in turn below; this only keeps a failure from being reported as unhandled before then.
      result.catch(() => {});
      inFlight.push(result);
    }
  };
  fill();
  while (inFlight.length > 0) {
    const result = await inFlight.shift()!;
    fill();
    yield result;
  }
}
