#!/usr/bin/env node
// The `dossier` command: parses arguments, calls the library, prints. No logic of its own.
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { buildBrief } from '../report/brief.js';
import { renderBriefHtml } from '../report/html.js';
import { renderBriefMarkdown } from '../report/markdown.js';
import { emptySummary, analyse, ingestFile, refreshEvents, type IngestSummary } from '../ingest/index.js';
import { expandInputPaths, InputPathError, readFile, type InputPath, type SkippedPath } from '../ingest/read.js';
import { SqliteStore, StoreOpenError } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { toExportArticle, formatArticleText, formatEventLine, toExportEvent } from './format.js';

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

function openStore(file: string): Store {
  try {
    return new SqliteStore(file);
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

interface IngestOptions {
  db?: string;
  json?: boolean;
  strict?: boolean;
  filesFrom?: string;
}

async function ingestCommand(paths: string[], options: IngestOptions): Promise<void> {
  const given = [...paths, ...(options.filesFrom ? readFileList(options.filesFrom) : [])];
  if (given.length === 0) throw new CliError('nothing to ingest: give files or folders (or --files-from FILE)');
  const { files, skipped } = expand(given);
  const store = openStore(dbPath(options.db));
  const summary = emptySummary();
  summary.skipped.push(...skipped);
  let interrupted = false;
  const onInterrupt = (): void => {
    interrupted = true;
  };
  process.on('SIGINT', onInterrupt);
  const bar =
    process.stderr.isTTY && !options.json && files.length >= PROGRESS_BAR_MIN_FILES
      ? new cliProgress.SingleBar({ stream: process.stderr, format: 'ingest [{bar}] {value}/{total} files' }, cliProgress.Presets.shades_classic)
      : null;
  bar?.start(files.length, 0);
  try {
    for (const file of files) {
      // Let a pending Ctrl-C be seen between files; each article is already committed.
      await new Promise((resolve) => setImmediate(resolve));
      if (interrupted) break;
      await ingestFile(store, file, summary);
      bar?.increment();
      if (!bar && process.stderr.isTTY && !options.json) process.stderr.write(`\r${summary.files}/${files.length} files`);
    }
    bar?.stop();
    if (!bar && process.stderr.isTTY && !options.json) process.stderr.write('\n');
    const events = interrupted ? null : await refreshEvents(store, summary.added);
    printSummary(summary, events, options.json ?? false, interrupted);
  } finally {
    process.off('SIGINT', onInterrupt);
    await store.close();
  }
  if (interrupted) process.exitCode = 130;
  else if (options.strict && summary.rejectedFiles.length > 0) process.exitCode = 1;
}

function printSummary(summary: IngestSummary, events: number | null, json: boolean, interrupted: boolean): void {
  if (json) {
    const { added: _added, ...rest } = summary;
    process.stdout.write(`${JSON.stringify({ ...rest, events, interrupted })}\n`);
    return;
  }
  for (const skipped of summary.skipped) process.stdout.write(`skipped ${skipped.source}: ${skipped.reason}\n`);
  for (const rejected of summary.rejectedFiles) process.stdout.write(`rejected ${rejected.source}: ${rejected.reason}\n`);
  const tail = interrupted ? ' (interrupted: everything listed is stored)' : '';
  process.stdout.write(
    `${summary.files} files: ${summary.ok} ok, ${summary.rejected} rejected, ${summary.known} already known${events === null ? '' : `; ${events} events`}${tail}\n`,
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

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

async function extractCommand(paths: string[], options: { format: 'json' | 'jsonl' | 'text' }): Promise<void> {
  const { files, skipped } = expand(paths);
  for (const entry of skipped) process.stderr.write(`dossier: skipped ${entry.source}: ${entry.reason}\n`);
  const articles = files.flatMap((file) => readFile(file).map(analyse)).map(toExportArticle);
  if (options.format === 'json') process.stdout.write(`${JSON.stringify(articles.length === 1 ? articles[0] : { articles }, null, 2)}\n`);
  else if (options.format === 'jsonl') for (const article of articles) process.stdout.write(`${JSON.stringify(article)}\n`);
  else process.stdout.write(articles.map(formatArticleText).join('\n\n'));
}

async function exportCommand(options: { db?: string; format: 'json' | 'jsonl' }): Promise<void> {
  const store = openStore(dbPath(options.db));
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
  const store = openStore(dbPath(options.db));
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
  const store = openStore(dbPath(options.db));
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
  const store = openStore(dbPath(options.db));
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

async function serveCommand(options: { db?: string; port: number; host: string; allowIngest?: boolean; allowedHost: string[] }): Promise<void> {
  const { serve } = await import('../server/serve.js');
  const server = await serve({
    db: dbPath(options.db),
    port: options.port,
    host: options.host,
    allowIngest: options.allowIngest ?? false,
    allowedHosts: options.allowedHost,
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
  const dbOption = '--db <file>';
  const dbHelp = 'SQLite database file (default: $DOSSIER_DB or ./dossier.db)';

  program
    .command('ingest')
    .description('ingest files and folders (text, HTML, .gz, JSONL) into the database')
    .argument('[paths...]', 'files or folders (recursive)')
    .option(dbOption, dbHelp)
    .option('--json', 'print the summary as JSON')
    .option('--strict', 'exit 1 when any file is rejected')
    .option('--files-from <file>', 'read more paths from a file, one per line ("-" for standard input)')
    .action(ingestCommand);

  program
    .command('extract')
    .description('run the pipeline on files without a database and print the articles')
    .argument('<paths...>', 'files or folders')
    .addOption(program.createOption('--format <format>', 'json, jsonl or text').argParser(parseFormat(['json', 'jsonl', 'text'] as const)).default('json'))
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
    .command('serve')
    .description('serve the web UI and HTTP API')
    .option(dbOption, dbHelp)
    .option('--port <n>', 'port', parsePositive, 8080)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--allow-ingest', 'allow uploading files over HTTP')
    .option('--allowed-host <name>', 'also answer requests for this host name (repeatable; default: the bound address only)', (name: string, names: string[]) => [...names, name], [] as string[])
    .action(serveCommand);
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
