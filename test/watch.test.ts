// Live sources through the real CLI (dist/cli/main.js) against a local site: ingest of URLs,
// feeds and WARC files, `sources add|list|remove`, and `watch` killed mid-poll and restarted.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { startNewsSite, type NewsSite } from './support/web-server.js';
import { writeSampleWarc } from './support/warc.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'dossier-watch-'));
const FAST = ['--allow-private', '--delay', '0'];

/** Runs the CLI without blocking this process, which serves the site the CLI fetches from. */
function dossier(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, DOSSIER_DB: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function rows<T>(db: string, sql: string): T[] {
  const handle = new Database(db, { readonly: true });
  try {
    return handle.prepare(sql).all() as T[];
  } finally {
    handle.close();
  }
}

describe('dossier ingest with URLs, feeds and WARC files', () => {
  let site: NewsSite;
  before(async () => {
    site = await startNewsSite();
  });
  after(async () => {
    await site.close();
  });

  it('refuses a loopback URL without --allow-private, before connecting, and goes on', async () => {
    const db = join(tempDir(), 'test.db');
    const result = await dossier(['ingest', `${site.url}/news/a`, '--db', db]);
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      `failed ${site.url}/news/a: refused: 127.0.0.1 is a loopback address (use --allow-private to allow it)\n1 files: 0 ok, 0 rejected, 0 already known, 1 failed; 0 events\n`,
    );
    assert.equal(site.connections(), 0);
    assert.equal((await dossier(['ingest', `${site.url}/news/a`, '--db', db, '--strict'])).code, 1);
  });

  it('follows a feed and reads a WARC file in one batch, and a second run adds nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'test.db');
    const warc = join(dir, 'crawl.warc.gz');
    await writeSampleWarc(warc);
    const first = await dossier(['ingest', warc, '--feed', `${site.url}/feeds/rss.xml`, '--db', db, '--json', ...FAST]);
    assert.equal(first.code, 0, first.stderr);
    const summary = JSON.parse(first.stdout);
    assert.deepEqual(
      { files: summary.files, ok: summary.ok, rejected: summary.rejected, known: summary.known, failed: summary.failed },
      { files: 2, ok: 4, rejected: 2, known: 1, failed: [] },
    );
    const again = JSON.parse((await dossier(['ingest', warc, '--feed', `${site.url}/feeds/rss.xml`, '--db', db, '--json', ...FAST])).stdout);
    assert.deepEqual({ ok: again.ok, rejected: again.rejected, known: again.known }, { ok: 0, rejected: 0, known: 7 });
    const urls = rows<{ url: string }>(db, "SELECT json_extract(data, '$.url') AS url FROM articles WHERE status = 'ok' ORDER BY seq").map((r) => r.url);
    assert.deepEqual(urls, ['https://courier.example/port/terminal', 'https://courier.example/rail/reopens', `${site.url}/news/b`, `${site.url}/news/a`]);
  });
});

describe('dossier sources and watch', () => {
  let site: NewsSite;
  before(async () => {
    site = await startNewsSite();
  });
  after(async () => {
    await site.close();
  });

  it('adds, lists and removes sources, and rejects what is not a URL', async () => {
    const db = join(tempDir(), 'test.db');
    const added = await dossier(['sources', 'add', `${site.url}/feeds/atom.xml?utm_campaign=x`, '--kind', 'feed', '--every', '10m', '--db', db, '--json']);
    const { source, created } = JSON.parse(added.stdout);
    assert.equal(created, true);
    assert.deepEqual({ url: source.url, kind: source.kind, intervalSeconds: source.intervalSeconds }, { url: `${site.url}/feeds/atom.xml`, kind: 'feed', intervalSeconds: 600 });
    assert.match((await dossier(['sources', 'add', `${site.url}/feeds/atom.xml`, '--db', db])).stdout, /^already there: /);
    const listed = JSON.parse((await dossier(['sources', 'list', '--db', db, '--json'])).stdout);
    assert.deepEqual(listed.sources.map((s: { id: string }) => s.id), [source.id]);
    const bad = await dossier(['sources', 'add', 'ftp://example.org/feed', '--db', db]);
    assert.deepEqual({ code: bad.code, stderr: bad.stderr }, { code: 2, stderr: 'dossier: not an http or https URL: ftp://example.org/feed\n' });
    assert.equal((await dossier(['sources', 'remove', source.id.slice(0, 6), '--db', db])).stdout, `removed ${source.id} ${site.url}/feeds/atom.xml\n`);
    assert.match((await dossier(['sources', 'list', '--db', db])).stdout, /^no sources/);
  });

  it('survives SIGKILL mid-poll: a restart loses nothing and stores nothing twice, then polls conditionally', async () => {
    const db = join(tempDir(), 'test.db');
    await dossier(['sources', 'add', `${site.url}/feeds/rss.xml`, '--every', '1h', '--db', db]);
    // The feed lists b (newest), a, then the AMP copy of a: hold the last page and kill the watcher while it waits.
    const hold = site.hold('/news/a/amp');
    const watcher = spawn(process.execPath, [cli, 'watch', '--db', db, ...FAST], { cwd: root, stdio: 'ignore' });
    const exited = new Promise((resolve) => watcher.on('exit', (_code, signal) => resolve(signal)));
    await hold.held;
    watcher.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
    hold.release();
    assert.deepEqual(
      rows<{ url: string }>(db, "SELECT json_extract(data, '$.url') AS url FROM articles ORDER BY seq").map((r) => r.url),
      [`${site.url}/news/b`, `${site.url}/news/a`],
    );
    // The interrupted poll left no state: the source is still due, its validators unset.
    assert.deepEqual(rows(db, 'SELECT last_fetch_at, etag, error_count FROM sources'), [{ last_fetch_at: null, etag: null, error_count: 0 }]);

    const feedRequests = site.hits('/feeds/rss.xml').length;
    const restarted = await dossier(['watch', '--once', '--db', db, '--json', ...FAST]);
    assert.equal(restarted.code, 0, restarted.stderr);
    const poll = JSON.parse(restarted.stdout.trim());
    assert.deepEqual(
      { ok: poll.ok, status: poll.status, added: poll.added, known: poll.known, failed: poll.failed, etag: poll.etag },
      { ok: true, status: 'ok', added: 0, known: 3, failed: [], etag: '"rss-v1"' },
    );
    assert.equal(site.hits('/feeds/rss.xml').length, feedRequests + 1);
    assert.equal(site.hits('/feeds/rss.xml').at(-1)?.headers['if-none-match'], undefined);
    assert.equal(rows(db, 'SELECT id FROM articles').length, 2);
    assert.equal(rows(db, 'SELECT DISTINCT article_id FROM article_urls').length, 2);
    const [state] = JSON.parse((await dossier(['sources', 'list', '--db', db, '--json'])).stdout).sources;
    assert.deepEqual(
      { lastStatus: state.lastStatus, etag: state.etag, errorCount: state.errorCount, articlesAdded: state.articlesAdded },
      { lastStatus: 'ok', etag: '"rss-v1"', errorCount: 0, articlesAdded: 2 },
    );
    assert.ok(Date.parse(state.nextFetchAt) - Date.parse(state.lastFetchAt) >= 3600_000 - 5_000);
    // Not due again for an hour: a second --once polls nothing.
    assert.equal((await dossier(['watch', '--once', '--db', db, '--json', ...FAST])).stdout, '');
    // Made due again, the poll is conditional and answered 304.
    const handle = new Database(db);
    handle.prepare("UPDATE sources SET next_fetch_at = '1970-01-01T00:00:00.000Z'").run();
    handle.close();
    const conditional = JSON.parse((await dossier(['watch', '--once', '--db', db, '--json', ...FAST])).stdout.trim());
    assert.equal(conditional.status, 'not modified');
    assert.equal(site.hits('/feeds/rss.xml').at(-1)?.headers['if-none-match'], '"rss-v1"');
    assert.equal(rows(db, 'SELECT id FROM articles').length, 2);
  });

  it('stops on Ctrl-C mid-poll, keeping what was stored and leaving the poll to be done again', async () => {
    const db = join(tempDir(), 'test.db');
    await dossier(['sources', 'add', `${site.url}/feeds/rss.xml`, '--every', '1h', '--db', db]);
    const hold = site.hold('/news/a/amp');
    const watcher = spawn(process.execPath, [cli, 'watch', '--db', db, ...FAST], { cwd: root });
    let stderr = '';
    watcher.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise((resolve) => watcher.on('exit', (code) => resolve(code)));
    await hold.held;
    watcher.kill('SIGINT');
    assert.equal(await exited, 130);
    hold.release();
    assert.equal(stderr, 'stopping: the poll in progress is dropped and done again next time\n');
    assert.equal(rows(db, "SELECT id FROM articles WHERE status = 'ok'").length, 2);
    assert.deepEqual(rows(db, 'SELECT last_fetch_at, etag FROM sources'), [{ last_fetch_at: null, etag: null }]);
  });

  it('backs off after failures and reports them in the source state', async () => {
    const db = join(tempDir(), 'test.db');
    await dossier(['sources', 'add', `${site.url}/feeds/missing.xml`, '--every', '60', '--db', db]);
    const poll = JSON.parse((await dossier(['watch', '--once', '--db', db, '--json', ...FAST])).stdout.trim());
    assert.deepEqual({ ok: poll.ok, status: poll.status, error: poll.error }, { ok: false, status: 'HTTP 404', error: 'HTTP 404' });
    const [state] = JSON.parse((await dossier(['sources', 'list', '--db', db, '--json'])).stdout).sources;
    assert.deepEqual({ errorCount: state.errorCount, lastError: state.lastError, lastSuccessAt: state.lastSuccessAt }, { errorCount: 1, lastError: 'HTTP 404', lastSuccessAt: null });
    // One failure doubles the interval: 120 s instead of 60.
    assert.equal(Math.round((Date.parse(state.nextFetchAt) - Date.parse(state.lastFetchAt)) / 1000 / 10) * 10, 120);
  });
});
