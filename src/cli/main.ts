#!/usr/bin/env node
// The `dossier` command: parses arguments, calls the library, prints. No logic of its own.
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { buildBrief } from '../report/brief.js';
import { renderBriefHtml } from '../report/html.js';
import { renderBriefMarkdown } from '../report/markdown.js';
import { emptySummary, refreshEvents, storeArticle, type IngestSummary } from '../ingest/index.js';
import { analyseInOrder, createAnalyser, defaultWorkers } from '../parallel/pool.js';
import type { RawDocument } from '../types.js';
import { displayPath, expandInputPaths, InputPathError, readFile, type InputPath, type SkippedPath } from '../ingest/read.js';
import { openStore as openAnyStore } from '../store/open.js';
import { StoreOpenError } from '../store/sqlite.js';
import { copyStore, CopyTargetNotEmptyError } from '../store/copy.js';
import { isPostgresUrl, redactUrl } from '../store/postgres.js';
import { DEFAULT_RETRY_POLICY, enqueueDocument, jobFromRaw, openQueue } from '../queue/queue.js';
import { queueStatus } from '../queue/status.js';
import { startWorker } from '../queue/worker.js';
import type { Store } from '../store/store.js';
import { toExportArticle, formatArticleText, formatEventLine, toExportEvent } from './format.js';
import { isHttpUrl } from '../fetch/url.js';
import { describeSkips, ingestWarcFile, isWarcPath } from '../ingest/warc.js';
import { ingestTarget } from '../ingest/web.js';
import type { SourceKind } from '../store/store.js';
import { fetcherFrom, registerLiveCommands, withFetchOptions, type FetchCliOptions } from './live.js';

/** Batches at least this long get a progress bar on a terminal. */
const PROGRESS_BAR_MIN_FILES = 20;

class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

function dbPath(option: string | undefined): string {
  return option ?? process.env.DOSSIER_DB ?? 'dossier.db';
}

async function openStore(location: string): Promise<Store> {
  try {
    return await openAnyStore(location);
  } catch (error) {
    if (error instanceof StoreOpenError) throw new CliError(error.message);
    throw error;
  }
}

function readFileList(file: string): string[] {
  try {
    const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
    return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  } catch (error) {
    throw new CliError(`cannot read file list ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function expand(paths: string[]): { files: InputPath[]; skipped: SkippedPath[] } {
  try {
    return expandInputPaths(paths);
  } catch (error) {
    if (error instanceof InputPathError) throw new CliError(error.message);
    throw error;
  }
}

interface IngestOptions extends FetchCliOptions {
  db?: string;
  workers: number;
  json?: boolean;
  strict?: boolean;
  filesFrom?: string;
  feed: string[];
  sitemap: string[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The documents of the files, read one file at a time, each marked with its file and whether it is the file's last. */
function* documentsOf(files: InputPath[]): Generator<{ raw: RawDocument; file: number; lastOfFile: boolean }> {
  for (const [file, path] of files.entries()) {
    const raws = readFile(path);
    for (const [index, raw] of raws.entries()) yield { raw, file, lastOfFile: index === raws.length - 1 };
  }
}

async function ingestCommand(paths: string[], options: IngestOptions): Promise<void> {
  const given = [...paths, ...(options.filesFrom ? readFileList(options.filesFrom) : [])];
  const targets: { url: string; kind: SourceKind }[] = [
    ...given.filter(isHttpUrl).map((url) => ({ url, kind: 'auto' as const })),
    ...options.feed.map((url) => ({ url, kind: 'feed' as const })),
    ...options.sitemap.map((url) => ({ url, kind: 'sitemap' as const })),
  ];
  for (const target of targets) if (!isHttpUrl(target.url)) throw new CliError(`not an http or https URL: ${target.url}`);
  if (given.length === 0 && targets.length === 0) throw new CliError('nothing to ingest: give files, folders or URLs (or --files-from FILE, --feed URL, --sitemap URL)');
  const { files, skipped } = expand(given.filter((entry) => !isHttpUrl(entry)));
  // WARC files are read record by record in this thread; every other file goes through the pool.
  const warcs = files.filter((file) => isWarcPath(displayPath(file)));
  const plain = files.filter((file) => !isWarcPath(displayPath(file)));
  const store = await openStore(dbPath(options.db));
  const summary = emptySummary();
  summary.skipped.push(...skipped);
  let interrupted = false;
  const stop = new AbortController();
  const onInterrupt = (): void => {
    interrupted = true;
    stop.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onInterrupt);
  const bar =
    process.stderr.isTTY && !options.json && files.length >= PROGRESS_BAR_MIN_FILES
      ? new cliProgress.SingleBar({ stream: process.stderr, format: 'ingest [{bar}] {value}/{total} files' }, cliProgress.Presets.shades_classic)
      : null;
  bar?.start(files.length, 0);
  // A stop inside a WARC file or a fetch surfaces as the abort reason: everything stored so far stays.
  const whenInterrupted = (error: unknown): undefined => {
    if (!interrupted) throw error;
    return undefined;
  };
  const analyser = createAnalyser(Math.min(options.workers, Math.max(1, plain.length)));
  try {
    // Analysed on all cores, stored here in input order: each article is committed as it comes.
    for await (const [document, article] of analyseInOrder(documentsOf(plain), analyser)) {
      if (interrupted) break;
      await storeArticle(store, article, summary);
      if (document.lastOfFile) {
        summary.files = document.file + 1;
        bar?.increment();
        if (!bar && process.stderr.isTTY && !options.json) process.stderr.write(`\r${summary.files}/${files.length} files`);
      }
    }
    // A file with no documents (a JSONL file of blank lines) has no last document to count it by.
    if (!interrupted) summary.files = plain.length;
    for (const file of warcs) {
      if (interrupted) break;
      const skips = await ingestWarcFile(store, displayPath(file), summary, stop.signal).catch(whenInterrupted);
      if (skips && !options.json) process.stderr.write(`${displayPath(file)}: ${describeSkips(skips)}\n`);
      bar?.increment();
    }
    if (targets.length > 0 && !interrupted) {
      const fetcher = fetcherFrom(options);
      try {
        for (const target of targets) {
          if (interrupted) break;
          summary.files++;
          await ingestTarget({ store, fetcher, summary, maxItems: options.maxItems, signal: stop.signal }, target.url, target.kind).catch(whenInterrupted);
        }
      } finally {
        await fetcher.close();
      }
    }
    bar?.stop();
    if (!bar && process.stderr.isTTY && !options.json) process.stderr.write('\n');
    const events = interrupted ? null : await refreshEvents(store, summary.added);
    printSummary(summary, events, options.json ?? false, interrupted);
  } finally {
    process.off('SIGINT', onInterrupt);
    await analyser.close();
    await store.close();
  }
  if (interrupted) process.exitCode = 130;
  else if (options.strict && summary.rejectedFiles.length + summary.failed.length > 0) process.exitCode = 1;
}

function printSummary(summary: IngestSummary, events: number | null, json: boolean, interrupted: boolean): void {
  if (json) {
    const { added: _added, ...rest } = summary;
    process.stdout.write(`${JSON.stringify({ ...rest, events, interrupted })}\n`);
    return;
  }
  for (const skipped of summary.skipped) process.stdout.write(`skipped ${skipped.source}: ${skipped.reason}\n`);
  for (const rejected of summary.rejectedFiles) process.stdout.write(`rejected ${rejected.source}: ${rejected.reason}\n`);
  for (const failed of summary.failed) process.stdout.write(`failed ${failed.source}: ${failed.reason}\n`);
  const tail = interrupted ? ' (interrupted: everything listed is stored)' : '';
  const failed = summary.failed.length > 0 ? `, ${summary.failed.length} failed` : '';
  process.stdout.write(
    `${summary.files} files: ${summary.ok} ok, ${summary.rejected} rejected, ${summary.known} already known${failed}${events === null ? '' : `; ${events} events`}${tail}\n`,
  );
}

function parseFormat<T extends string>(allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
    }
    return value as T;
  };
}

function parseWhole(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** The articles as JSON, written as they come: one article alone as itself, several as `{ articles }`
 *  (the same text as `JSON.stringify(value, null, 2)`, without holding them all). */
async function writeJsonArticles(articles: AsyncIterable<unknown>): Promise<void> {
  const indent = (json: string): string => json.replace(/^/gm, '    ');
  let first: unknown;
  let count = 0;
  for await (const article of articles) {
    count++;
    if (count === 1) first = article;
    else {
      if (count === 2) process.stdout.write(`{\n  "articles": [\n${indent(JSON.stringify(first, null, 2))}`);
      process.stdout.write(`,\n${indent(JSON.stringify(article, null, 2))}`);
    }
  }
  if (count === 0) process.stdout.write('{\n  "articles": []\n}\n');
  else if (count === 1) process.stdout.write(`${JSON.stringify(first, null, 2)}\n`);
  else process.stdout.write('\n  ]\n}\n');
}

async function extractCommand(paths: string[], options: { format: 'json' | 'jsonl' | 'text'; workers: number }): Promise<void> {
  const { files, skipped } = expand(paths);
  for (const entry of skipped) process.stderr.write(`dossier: skipped ${entry.source}: ${entry.reason}\n`);
  const analyser = createAnalyser(Math.min(options.workers, Math.max(1, files.length)));
  async function* exported(): AsyncGenerator<ReturnType<typeof toExportArticle>> {
    for await (const [, article] of analyseInOrder(documentsOf(files), analyser)) yield toExportArticle(article);
  }
  try {
    if (options.format === 'json') await writeJsonArticles(exported());
    else if (options.format === 'jsonl') for await (const article of exported()) process.stdout.write(`${JSON.stringify(article)}\n`);
    else {
      let count = 0;
      for await (const article of exported()) process.stdout.write(`${count++ > 0 ? '\n\n' : ''}${formatArticleText(article)}`);
    }
  } finally {
    await analyser.close();
  }
}

async function exportCommand(options: { db?: string; format: 'json' | 'jsonl' }): Promise<void> {
  const store = await openStore(dbPath(options.db));
  try {
    const articles = (await store.listArticles()).map(toExportArticle);
    const events = (await store.listEvents()).map(toExportEvent);
    if (options.format === 'jsonl') {
      for (const article of articles) process.stdout.write(`${JSON.stringify({ type: 'article', ...article })}\n`);
      for (const event of events) process.stdout.write(`${JSON.stringify({ type: 'event', ...event })}\n`);
    } else {
      process.stdout.write(`${JSON.stringify({ articles, events }, null, 2)}\n`);
    }
  } finally {
    await store.close();
  }
}

async function searchCommand(query: string, options: { db?: string; limit: number; json?: boolean }): Promise<void> {
  const store = await openStore(dbPath(options.db));
  try {
    const hits = await store.search(query, options.limit);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ query, hits }, null, 2)}\n`);
      return;
    }
    if (hits.length === 0) process.stdout.write(`no articles match "${query}"\n`);
    hits.forEach((hit, index) => {
      process.stdout.write(`${index + 1}. ${hit.title ?? '(untitled)'}  [${hit.id}] ${hit.published ?? ''}\n   ${hit.source}\n   ${hit.snippet}\n`);
    });
  } finally {
    await store.close();
  }
}

async function eventsCommand(options: { db?: string; json?: boolean; rebuild?: boolean }): Promise<void> {
  const store = await openStore(dbPath(options.db));
  try {
    // Incremental refreshes after each ingest can differ slightly from grouping everything at once.
    if (options.rebuild) await refreshEvents(store);
    const events = await store.listEvents();
    if (options.json) process.stdout.write(`${JSON.stringify({ events: events.map(toExportEvent) }, null, 2)}\n`);
    else if (events.length === 0) process.stdout.write('no events: ingest some articles first\n');
    else for (const event of events) process.stdout.write(`${formatEventLine(event)}\n`);
  } finally {
    await store.close();
  }
}

async function briefCommand(eventId: string, options: { db?: string; format: 'md' | 'json' | 'html' }): Promise<void> {
  const store = await openStore(dbPath(options.db));
  try {
    const events = await store.listEvents();
    const find = (id: string) => events.find((candidate) => candidate.id === id) ?? events.find((candidate) => candidate.id.startsWith(id));
    let event = find(eventId);
    if (!event) {
      // An id the event had before its articles were regrouped leads to the event it is part of now.
      const movedTo = await store.eventRedirect(eventId);
      event = movedTo ? events.find((candidate) => candidate.id === movedTo) : undefined;
      if (event) process.stderr.write(`dossier: event ${eventId} is now ${event.id}\n`);
    }
    if (!event) throw new CliError(`no event ${eventId}: run "dossier events" to list them`);
    const articles = await Promise.all(event.articles.map((ref) => store.getArticle(ref.id)));
    const brief = buildBrief(event, articles.filter((article) => article !== null));
    if (options.format === 'json') process.stdout.write(`${JSON.stringify(brief, null, 2)}\n`);
    else if (options.format === 'html') process.stdout.write(renderBriefHtml(brief));
    else process.stdout.write(renderBriefMarkdown(brief));
  } finally {
    await store.close();
  }
}

async function migrateCommand(options: { from: string; to: string; json?: boolean }): Promise<void> {
  const from = await openStore(options.from);
  try {
    const to = await openStore(options.to);
    try {
      const progress = process.stderr.isTTY && !options.json;
      const summary = await copyStore(from, to, (done) => {
        if (progress) process.stderr.write(`\r${done.articles} articles, ${done.events} events`);
      }).catch((error: unknown) => {
        throw error instanceof CopyTargetNotEmptyError ? new CliError(`${error.message} (${redactUrl(options.to)})`) : error;
      });
      if (progress) process.stderr.write('\n');
      if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else process.stdout.write(`copied ${summary.articles} articles and ${summary.events} events to ${redactUrl(options.to)}\n`);
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

function requirePostgres(location: string, command: string): string {
  if (!isPostgresUrl(location)) throw new CliError(`${command} needs a PostgreSQL database: give --db postgres://... (or set DOSSIER_DB)`);
  return location;
}

interface EnqueueOptions {
  db?: string;
  json?: boolean;
  filesFrom?: string;
  retries: number;
  retryDelay: number;
  jobTimeout: number;
}

async function enqueueCommand(inputs: string[], options: EnqueueOptions): Promise<void> {
  const url = requirePostgres(dbPath(options.db), 'enqueue');
  const given = [...inputs, ...(options.filesFrom ? readFileList(options.filesFrom) : [])];
  if (given.length === 0) throw new CliError('nothing to enqueue: give files, folders or URLs (or --files-from FILE)');
  const urls = given.filter((input) => /^https?:\/\//i.test(input));
  const { files, skipped } = expand(given.filter((input) => !/^https?:\/\//i.test(input)));
  for (const entry of skipped) process.stderr.write(`dossier: skipped ${entry.source}: ${entry.reason}\n`);
  const queue = await openQueue(url).catch((error: unknown) => {
    throw new CliError(`cannot open the queue at ${redactUrl(url)}: ${(error as Error).message}`);
  });
  const policy = { retries: options.retries, retryDelay: options.retryDelay, jobTimeout: options.jobTimeout };
  const summary = { files: files.length, urls: urls.length, queued: 0, alreadyQueued: 0 };
  const count = (queued: boolean): void => {
    if (queued) summary.queued++;
    else summary.alreadyQueued++;
  };
  try {
    // One file in memory at a time.
    for (const file of files) for (const raw of readFile(file)) count(await enqueueDocument(queue.boss, jobFromRaw(raw), policy, raw));
    for (const address of urls) count(await enqueueDocument(queue.boss, { kind: 'url', url: address }, policy));
  } finally {
    await queue.close();
  }
  if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stdout.write(`${summary.queued} documents queued, ${summary.alreadyQueued} already queued (${summary.files} files, ${summary.urls} URLs)\n`);
}

interface WorkerCommandOptions {
  db?: string;
  poll: number;
  groupAfter: number;
  groupTimeout: number;
  maintenanceInterval: number;
  quiet?: boolean;
}

async function workerCommand(options: WorkerCommandOptions): Promise<void> {
  const url = requirePostgres(dbPath(options.db), 'worker');
  const log = options.quiet ? undefined : (line: string) => process.stdout.write(`${line}\n`);
  const worker = await startWorker(url, { ...options, log }).catch((error: unknown) => {
    throw new CliError(error instanceof StoreOpenError ? error.message : `cannot start a worker on ${redactUrl(url)}: ${(error as Error).message}`);
  });
  process.stdout.write(`dossier worker ${process.pid} is taking jobs from ${redactUrl(url)} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.stdout.write('stopping: finishing the jobs in hand\n');
      void worker.stop().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function statusCommand(options: { db?: string; json?: boolean }): Promise<void> {
  const location = dbPath(options.db);
  const store = await openStore(location);
  let stored;
  try {
    stored = {
      articles: await store.countArticles({ status: 'ok' }),
      rejected: await store.countArticles({ status: 'rejected' }),
      events: (await store.listEventDigests()).length,
      ungrouped: (await store.articlesWithoutEvents()).length,
    };
  } finally {
    await store.close();
  }
  const queue = isPostgresUrl(location) ? await queueStatus(location) : null;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ store: stored, queue }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`store: ${stored.articles} articles (${stored.rejected} rejected), ${stored.events} events, ${stored.ungrouped} articles not yet grouped\n`);
  if (!queue) {
    process.stdout.write(isPostgresUrl(location) ? 'queue: empty (nothing was ever enqueued)\n' : 'queue: none (the job queue needs a PostgreSQL database)\n');
    return;
  }
  process.stdout.write(
    `queue: ${queue.waiting} waiting (${queue.retrying} to retry), ${queue.active} in progress, ${queue.completed} done, ${queue.deadLettered} failed for good\n` +
      `rate: ${queue.perMinute} documents in the last minute, ${queue.perHour} in the last hour\n` +
      `grouping: ${queue.groupingActive} running, ${queue.groupingWaiting} waiting\n`,
  );
  for (const failure of queue.recentFailures) process.stdout.write(`failed ${failure.source}: ${failure.reason} (${failure.at})\n`);
}

async function serveCommand(options: { db?: string; port: number; host: string; allowIngest?: boolean; allowedHost: string[] }): Promise<void> {
  const { serve } = await import('../server/serve.js');
  const server = await serve({
    db: dbPath(options.db),
    port: options.port,
    host: options.host,
    allowIngest: options.allowIngest ?? false,
    allowedHosts: options.allowedHost,
  }).catch((error: unknown) => {
    throw error instanceof StoreOpenError ? new CliError(error.message) : error;
  });
  process.stdout.write(`dossier is serving ${server.url} (Ctrl-C to stop)\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function buildProgram(): Command {
  const program = new Command();
  program.name('dossier').description('Turn raw news documents into clean, cited, event-centric dossiers').showHelpAfterError();
  const dbOption = '--db <file|url>';
  const dbHelp = 'SQLite database file or postgres:// URL (default: $DOSSIER_DB or ./dossier.db)';

  withFetchOptions(
    program
      .command('ingest')
      .description('ingest files and folders (text, HTML, .gz, JSONL, WARC) and web pages, feeds and sitemaps into the database')
      .argument('[inputs...]', 'files or folders (recursive), .warc/.warc.gz files, or http(s) URLs of pages, feeds or sitemaps')
      .option(dbOption, dbHelp)
      .option('--json', 'print the summary as JSON')
      .option('--strict', 'exit 1 when any input is rejected or fails')
      .option('--files-from <file>', 'read more inputs (paths or URLs) from a file, one per line ("-" for standard input)')
      .option('--feed <url>', 'an RSS, Atom or JSON feed whose linked pages to ingest (repeatable)', collect, [])
      .option('--sitemap <url>', 'a sitemap or sitemap index whose pages to ingest (repeatable)', collect, [])
      .option('--workers <n>', 'threads that analyse documents (default: all cores)', parsePositive, defaultWorkers()),
  ).action(ingestCommand);

  program
    .command('extract')
    .description('run the pipeline on files without a database and print the articles')
    .argument('<paths...>', 'files or folders')
    .addOption(program.createOption('--format <format>', 'json, jsonl or text').argParser(parseFormat(['json', 'jsonl', 'text'] as const)).default('json'))
    .option('--workers <n>', 'threads that analyse documents (default: all cores)', parsePositive, defaultWorkers())
    .action(extractCommand);

  program
    .command('export')
    .description('print every stored article and event')
    .option(dbOption, dbHelp)
    .addOption(program.createOption('--format <format>', 'json or jsonl').argParser(parseFormat(['json', 'jsonl'] as const)).default('json'))
    .action(exportCommand);

  program
    .command('search')
    .description('full-text search over stored articles')
    .argument('<query>', 'words to look for')
    .option(dbOption, dbHelp)
    .option('--limit <n>', 'how many results', parsePositive, 10)
    .option('--json', 'print results as JSON')
    .action(searchCommand);

  program
    .command('events')
    .description('list events: date, place, title, independent sources')
    .option(dbOption, dbHelp)
    .option('--json', 'print events as JSON')
    .option('--rebuild', 'regroup every stored article into events first')
    .action(eventsCommand);

  program
    .command('brief')
    .description('write the consolidated, cited brief of one event')
    .argument('<event>', 'event id (or a unique prefix)')
    .option(dbOption, dbHelp)
    .addOption(program.createOption('--format <format>', 'md, json or html').argParser(parseFormat(['md', 'json', 'html'] as const)).default('md'))
    .action(briefCommand);

  program
    .command('enqueue')
    .description('put files, folders or URLs on the PostgreSQL job queue for `dossier worker` processes to ingest')
    .argument('[inputs...]', 'files, folders (recursive) or http(s) URLs')
    .option(dbOption, 'postgres:// URL (default: $DOSSIER_DB)')
    .option('--files-from <file>', 'read more inputs from a file, one per line ("-" for standard input)')
    .option('--retries <n>', 'tries after the first before a document is dead-lettered', parseWhole, DEFAULT_RETRY_POLICY.retries)
    .option('--retry-delay <seconds>', 'wait before the first retry, doubled for each further one', parsePositive, DEFAULT_RETRY_POLICY.retryDelay)
    .option('--job-timeout <seconds>', 'how long one document may take before its worker is presumed dead and it is retried', parsePositive, DEFAULT_RETRY_POLICY.jobTimeout)
    .option('--json', 'print the summary as JSON')
    .action(enqueueCommand);

  program
    .command('worker')
    .description('take documents from the job queue, ingest them and keep the events grouped (run any number, on any machine)')
    .option(dbOption, 'postgres:// URL (default: $DOSSIER_DB)')
    .option('--poll <seconds>', 'how often an idle worker looks for jobs', parsePositive, 1)
    .option('--group-after <seconds>', 'how long a grouping of events waits to take in more articles', parseWhole, 2)
    .option('--group-timeout <seconds>', 'how long one grouping may run before it is presumed dead and retried (a retry waits for the lock, so a slow grouping is never run twice at once)', parsePositive, 120)
    .option('--maintenance-interval <seconds>', 'how often timed-out jobs are looked for', parsePositive, 30)
    .option('--quiet', 'do not print a line per job')
    .action(workerCommand);

  program
    .command('status')
    .description('what the store holds and, on PostgreSQL, the queue: depth, rates and failures')
    .option(dbOption, dbHelp)
    .option('--json', 'print the status as JSON')
    .action(statusCommand);

  program
    .command('migrate')
    .description('copy every article and event of one database into a new, empty one (e.g. SQLite to PostgreSQL)')
    .requiredOption('--from <file|url>', 'the database to copy')
    .requiredOption('--to <file|url>', 'the empty database to fill: a postgres:// URL or a SQLite file')
    .option('--json', 'print the summary as JSON')
    .action(migrateCommand);

  program
    .command('serve')
    .description('serve the web UI and HTTP API')
    .option(dbOption, dbHelp)
    .option('--port <n>', 'port', parsePositive, 8080)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--allow-ingest', 'allow uploading files over HTTP')
    .option('--allowed-host <name>', 'also answer requests for this host name (repeatable; default: the bound address only)', (name: string, names: string[]) => [...names, name], [] as string[])
    .action(serveCommand);
  registerLiveCommands(program, {
    openStore: (options) => openStore(dbPath(options.db)),
    fail: (message) => {
      throw new CliError(message);
    },
    dbOption: [dbOption, dbHelp],
  });
  return program;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`dossier: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    throw error;
  }
}

await main();
