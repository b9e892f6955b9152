// The CLI's live-source parts: fetch options shared by `ingest` and `watch`, and the `sources`
// and `watch` commands. Parses arguments, calls the library, prints.
import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_FETCHER_OPTIONS, Fetcher, type FetcherOptions } from '../fetch/fetcher.js';
import { DEFAULT_MAX_ITEMS } from '../ingest/web.js';
import { addSource, findSource, parseInterval, SOURCE_KINDS, SourceInputError } from '../sources/sources.js';
import { watch, type PollReport } from '../sources/watch.js';
import type { Source, SourceKind, Store } from '../store/store.js';

export interface FetchCliOptions {
  allowPrivate?: boolean;
  userAgent?: string;
  delay?: number;
  maxBytes?: number;
  timeout?: number;
  firstByteTimeout?: number;
  retries?: number;
  maxItems?: number;
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of 0 or more');
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function wholeNonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number of 0 or more');
  return n;
}

/** Options for commands that fetch from the web. */
export function withFetchOptions(command: Command): Command {
  const d = DEFAULT_FETCHER_OPTIONS;
  return command
    .option('--allow-private', 'allow loopback, private and link-local addresses (intranets, tests)')
    .option('--user-agent <ua>', `User-Agent sent and matched in robots.txt (default "${d.userAgent}")`)
    .option('--delay <ms>', `minimum milliseconds between requests to one host (default ${d.hostDelayMs})`, nonNegative)
    .option('--max-bytes <n>', `largest response body in bytes (default ${d.maxBodyBytes}; decoded: 5x that)`, positive)
    .option('--timeout <s>', `seconds one request may take in all (default ${d.totalTimeoutMs / 1000})`, positive)
    .option('--first-byte-timeout <s>', `seconds to wait for a response to start (default ${d.firstByteTimeoutMs / 1000})`, positive)
    .option('--retries <n>', `further attempts after a 429 or 5xx (default ${d.retries})`, wholeNonNegative)
    .option('--max-items <n>', `pages taken from one feed or sitemap, newest first (default ${DEFAULT_MAX_ITEMS})`, positive);
}

export function fetcherFrom(options: FetchCliOptions): Fetcher {
  const settings: Partial<FetcherOptions> = { allowPrivate: options.allowPrivate ?? false };
  if (options.userAgent) settings.userAgent = options.userAgent;
  if (options.delay !== undefined) settings.hostDelayMs = options.delay;
  if (options.maxBytes !== undefined) {
    settings.maxBodyBytes = options.maxBytes;
    settings.maxDecodedBytes = options.maxBytes * 5;
  }
  if (options.timeout !== undefined) settings.totalTimeoutMs = options.timeout * 1000;
  if (options.firstByteTimeout !== undefined) settings.firstByteTimeoutMs = options.firstByteTimeout * 1000;
  if (options.retries !== undefined) settings.retries = options.retries;
  return new Fetcher(settings);
}

function parseKind(value: string): SourceKind {
  if (!(SOURCE_KINDS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${SOURCE_KINDS.join(', ')}`);
  return value as SourceKind;
}

function parseEvery(value: string): number {
  try {
    return parseInterval(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function formatSource(source: Source): string {
  const state = source.lastStatus ?? 'not polled yet';
  const success = source.lastSuccessAt ? `last success ${source.lastSuccessAt}` : 'no success yet';
  const errors = source.errorCount > 0 ? `, ${source.errorCount} failed in a row (${source.lastError})` : '';
  return `${source.id}  ${source.kind.padEnd(7)} every ${source.intervalSeconds}s  ${source.url}\n    ${state}; ${success}; ${source.articlesAdded} articles added; next ${source.nextFetchAt}${errors}`;
}

function formatPoll(report: PollReport): string {
  const { summary, outcome, source } = report;
  const counts = `${summary.ok} new, ${summary.rejected} rejected, ${summary.known} already known, ${summary.failed.length} failed`;
  const head = outcome.ok ? `${source.url}: ${outcome.status}; ${counts}` : `${source.url}: ${outcome.error}`;
  const failures = outcome.ok ? summary.failed.map((f) => `\n    failed ${f.source}: ${f.reason}`).join('') : '';
  return `${new Date().toISOString()} ${head}; next poll ${report.nextFetchAt}${failures}`;
}

export interface CliHelpers {
  openStore(options: { db?: string }): Promise<Store>;
  fail(message: string): never;
  dbOption: [string, string];
}

export function registerLiveCommands(program: Command, helpers: CliHelpers): void {
  const sources = program.command('sources').description('the feeds, sitemaps and pages that "dossier watch" polls');

  sources
    .command('add')
    .description('add a source (a feed, sitemap or page URL)')
    .argument('<url>', 'http or https URL')
    .option(...helpers.dbOption)
    .addOption(program.createOption('--kind <kind>', `${SOURCE_KINDS.join(', ')} (auto tells by the response)`).argParser(parseKind).default('auto'))
    .option('--every <interval>', 'time between polls: seconds, or 30s, 15m, 2h, 1d', parseEvery, 15 * 60)
    .option('--json', 'print the source as JSON')
    .action(async (url: string, options: { db?: string; kind: SourceKind; every: number; json?: boolean }) => {
      const store = await helpers.openStore(options);
      try {
        const { source, created } = await addSource(store, { url, kind: options.kind, intervalSeconds: options.every });
        if (options.json) process.stdout.write(`${JSON.stringify({ source, created })}\n`);
        else process.stdout.write(`${created ? 'added' : 'already there'}: ${formatSource(source)}\n`);
      } catch (error) {
        if (error instanceof SourceInputError) helpers.fail(error.message);
        throw error;
      } finally {
        await store.close();
      }
    });

  sources
    .command('list')
    .description('list sources with their status, last success and articles added')
    .option(...helpers.dbOption)
    .option('--json', 'print sources as JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      const store = await helpers.openStore(options);
      try {
        const list = await store.listSources();
        if (options.json) process.stdout.write(`${JSON.stringify({ sources: list }, null, 2)}\n`);
        else if (list.length === 0) process.stdout.write('no sources: add one with "dossier sources add URL"\n');
        else for (const source of list) process.stdout.write(`${formatSource(source)}\n`);
      } finally {
        await store.close();
      }
    });

  sources
    .command('remove')
    .description('remove a source (its articles stay)')
    .argument('<source>', 'source id, id prefix or URL')
    .option(...helpers.dbOption)
    .action(async (key: string, options: { db?: string }) => {
      const store = await helpers.openStore(options);
      try {
        const source = await findSource(store, key);
        if (!source) helpers.fail(`no source ${key}: run "dossier sources list" to see them`);
        await store.removeSource(source.id);
        process.stdout.write(`removed ${source.id} ${source.url}\n`);
      } finally {
        await store.close();
      }
    });

  withFetchOptions(
    program
      .command('watch')
      .description('poll the sources when due, until stopped (Ctrl-C); every article is committed as it is stored')
      .option(...helpers.dbOption)
      .option('--once', 'poll the sources that are due, then exit')
      .option('--json', 'print each poll as a JSON line'),
  ).action(async (options: FetchCliOptions & { db?: string; once?: boolean; json?: boolean }) => {
    const store = await helpers.openStore(options);
    const fetcher = fetcherFrom(options);
    const stop = new AbortController();
    const onSignal = (): void => {
      if (!options.json) process.stderr.write('stopping: the poll in progress is dropped and done again next time\n');
      stop.abort(new Error('stopped'));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      if ((await store.listSources()).length === 0) helpers.fail('no sources to watch: add one with "dossier sources add URL"');
      await watch(
        { store, fetcher, maxItems: options.maxItems, signal: stop.signal },
        {
          once: options.once,
          onPoll: (report) => {
            if (options.json) {
              const { outcome, summary } = report;
              const line = {
                source: report.source.id,
                url: report.source.url,
                ok: outcome.ok,
                status: outcome.status,
                error: outcome.error,
                etag: outcome.etag,
                lastModified: outcome.lastModified,
                added: summary.ok,
                rejected: summary.rejected,
                known: summary.known,
                failed: summary.failed,
                nextFetchAt: report.nextFetchAt,
              };
              process.stdout.write(`${JSON.stringify(line)}\n`);
            } else process.stdout.write(`${formatPoll(report)}\n`);
          },
          onEvents: (events) => {
            if (!options.json) process.stdout.write(`${events} events\n`);
          },
        },
      );
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await fetcher.close();
      await store.close();
    }
    if (stop.signal.aborted) process.exitCode = 130;
  });
}
