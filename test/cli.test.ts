// End-to-end tests through the real CLI (the built `dist/cli/main.js`, as users run it).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const seeds = join(root, 'examples', 'seeds');

function dossier(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    env: { ...process.env, DOSSIER_DB: '', ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'dossier-cli-'));

interface ExportedArticle {
  id: string;
  source: string;
  status: string;
  reason?: string;
  title: string | null;
  published: string | null;
  text: string;
  comments: { author: string; text: string }[];
  captions: string[];
  removed: { text: string; reason: string }[];
  entities: { id: string; name: string; type: string; aliases: string[]; mentions: { start: number; end: number; text: string }[] }[];
  dates: { text: string; value: string | null; start: number; end: number }[];
  quotes: { text: string; speaker: string | null; speakerEntity: string | null; kind: string; start: number; end: number }[];
}

describe('dossier ingest + export on the seeds', () => {
  const dir = tempDir();
  const db = join(dir, 'seeds.db');

  it('ingests the five seeds, then adds nothing on a second run', () => {
    const first = dossier(['ingest', seeds, '--db', db, '--json']);
    assert.equal(first.code, 0, first.stderr);
    const summary = JSON.parse(first.stdout);
    assert.equal(summary.files, 5);
    assert.equal(summary.ok, 5);
    assert.equal(summary.rejected, 0);
    assert.equal(summary.known, 0);
    assert.equal(summary.events, 2);

    const second = dossier(['ingest', seeds, '--db', db]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^5 files: 0 ok, 0 rejected, 5 already known; 2 events$/m);
  });

  it('exports every article with clean text and metadata', () => {
    const result = dossier(['export', '--db', db, '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const { articles, events } = JSON.parse(result.stdout) as { articles: ExportedArticle[]; events: unknown[] };
    assert.equal(articles.length, 5);
    assert.equal(events.length, 2);
    const bySeed = (prefix: string) => articles.find((a) => a.source.includes(`/${prefix}_`)) as ExportedArticle;
    for (const article of articles) {
      assert.equal(article.status, 'ok');
      for (const debris of ['Sorry!!', 'Latest', 'See more on', 'PHOTO: REUTERS', 'Legal Disclaimer', 'No comment', 'Sign up now', 'badge', '403']) {
        assert.ok(!article.text.includes(debris), `${article.source} body has no "${debris}"`);
      }
    }
    assert.equal(bySeed('001').published?.slice(0, 10), '2025-02-28');
    assert.equal(bySeed('004').published, '2026-02-02');
    assert.equal(bySeed('002').comments.length, 6);
    assert.deepEqual(bySeed('002').comments[0], { author: 'Loubianka', text: "The 'one-China principle' is international law. Russia is just stating facts." });
    assert.equal(bySeed('003').captions.length, 2);
    assert.match(bySeed('003').text, /close to brokering a deal to end the conflict in Ukraine\./);
    const repeated = 'Addressing Wang at a Beijing gathering';
    assert.equal(bySeed('004').text.split(repeated).length - 1, 1);
  });

  it('annotates every seed: people under one entity per article, dates, quotes with speakers, exact offsets', () => {
    const { articles } = JSON.parse(dossier(['export', '--db', db]).stdout) as { articles: ExportedArticle[] };
    const bySeed = (prefix: string) => articles.find((a) => a.source.includes(`/${prefix}_`)) as ExportedArticle;
    for (const article of articles) {
      const people = article.entities.filter((e) => e.type === 'person');
      const wang = people.filter((e) => /\bWang\b/.test(e.name));
      const shoigu = people.filter((e) => /^(Serge[iy] )?Sho[iy]gu$/.test(e.name));
      assert.equal(wang.length, 1, `${article.source}: one Wang Yi`);
      assert.equal(shoigu.length, 1, `${article.source}: one Shoigu`);
      for (const entity of article.entities) {
        for (const mention of entity.mentions) assert.equal(article.text.slice(mention.start, mention.end), mention.text);
      }
      for (const date of article.dates) assert.equal(article.text.slice(date.start, date.end), date.text);
      for (const quote of article.quotes) assert.equal(article.text.slice(quote.start, quote.end), quote.text);
    }
    const menafn = bySeed('004');
    assert.deepEqual(menafn.dates.find((d) => d.text === 'Sunday')?.value, '2026-02-01');
    const support = menafn.quotes.find((q) => q.text.includes('consistent and unwavering support'));
    assert.equal(support?.speaker, 'Sergey Shoygu');
    assert.equal(support?.kind, 'direct');
    const readout = bySeed('001');
    const speakers = new Set(readout.quotes.map((q) => q.speaker));
    assert.ok(speakers.has('Wang Yi') && speakers.has('Sergei Shoigu'));
    assert.equal(readout.quotes.find((q) => q.text.startsWith('the two heads of state have charted'))?.speaker, 'Sergei Shoigu');
    assert.equal(readout.quotes.find((q) => q.text.startsWith('China will continue to play a constructive role'))?.speaker, 'Wang Yi');
  });

  it('exports the two meetings as events with participants, actions and a series link', () => {
    const { events } = JSON.parse(dossier(['export', '--db', db]).stdout) as {
      events: { id: string; date: string; location: string; articles: string[]; independentArticles: string[]; participants: { id: string; name: string; aliases: string[] }[]; actions: { type: string }[]; related: { relation: string; id: string | null }[] }[];
    };
    const [latest, earlier] = events;
    assert.deepEqual([latest.date, latest.location, latest.articles.length, latest.independentArticles.length], ['2026-02-01', 'Beijing', 4, 4]);
    assert.deepEqual([earlier.date, earlier.location, earlier.articles.length], ['2025-02-28', 'Beijing', 1]);
    const types = new Set(latest.actions.map((action) => action.type));
    assert.ok(types.has('CONSULT') && types.has('SUPPORT'), [...types].join(', '));
    const shoigu = latest.participants.filter((p) => /Sho[iy]gu/.test(p.name));
    assert.equal(shoigu.length, 1);
    assert.match(shoigu[0].id, /^[a-z0-9-]+$/);
    assert.ok(earlier.participants.some((p) => p.id === shoigu[0].id), 'one id for the person across events');
    assert.ok(latest.related.some((r) => r.relation === 'series' && r.id === earlier.id));
  });

  it('regroups all articles on request and finds the same two events', () => {
    const result = dossier(['events', '--rebuild', '--db', db]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^2026-02-01  Beijing .*\(4 independent sources\)/);
    assert.match(lines[1], /^2025-02-28  Beijing .*\(1 independent source\)/);
  });

  it('finds articles by full-text search with a highlighted snippet', () => {
    const result = dossier(['search', 'unwavering support', '--db', db, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { hits } = JSON.parse(result.stdout);
    assert.ok(hits.length >= 2);
    assert.match(hits[0].snippet, /\[unwavering\] \[support\]/);
  });
});

describe('dossier ingest with bad input', () => {
  const dir = tempDir();
  const inbox = join(dir, 'inbox');
  mkdirSync(join(inbox, 'nested'), { recursive: true });
  cpSync(join(seeds, '000_40f1879e7d2ddba8.txt'), join(inbox, 'good.txt'));
  writeFileSync(join(inbox, 'empty.txt'), '');
  writeFileSync(join(inbox, 'nested', 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0x21, 0x9c]));
  writeFileSync(join(inbox, 'error.html'), '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>Sorry, the page you were looking for does not exist.</p></body></html>');
  writeFileSync(join(inbox, 'broken.html'), `<html><body><div><p>${'Flood waters rose across the delta on Monday as rescue teams reached villages cut off for three days. '.repeat(4)}<p>Officials said more rain was expected<div>`);
  writeFileSync(join(inbox, 'page.html.gz'), gzipSync(Buffer.from(`<html><head><title>Harvest</title></head><body><article><p>${'Farmers in the highlands began the coffee harvest early this year after an unusually warm and dry season. '.repeat(3)}</p></article></body></html>`)));
  writeFileSync(join(inbox, 'corrupt.gz'), Buffer.from('this is not gzip'));
  writeFileSync(
    join(inbox, 'feed.jsonl'),
    [
      JSON.stringify({ url: 'https://example.org/a', title: 'Port strike ends', published: '2025-06-03T10:00:00Z', text: 'Dock workers at the port ended a nine-day strike on Tuesday after the operator agreed to raise wages by 12 percent and to hire 300 more staff, the union said in a statement.' }),
      '{not json',
      JSON.stringify({ title: 'no body' }),
    ].join('\n'),
  );
  const huge = join(inbox, 'huge.txt');
  writeFileSync(huge, '');
  truncateSync(huge, 60 * 1024 * 1024);
  const db = join(dir, 'bad.db');

  it('rejects each bad file with its reason and keeps the rest', () => {
    const result = dossier(['ingest', inbox, '--db', db, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout);
    const reasons = Object.fromEntries(summary.rejectedFiles.map((r: { source: string; reason: string }) => [r.source.replace(`${inbox}/`, ''), r.reason]));
    assert.deepEqual(reasons, {
      'corrupt.gz': 'cannot decompress: not valid gzip data',
      'empty.txt': 'empty file',
      'error.html': reasons['error.html'],
      'feed.jsonl#L2': reasons['feed.jsonl#L2'],
      'feed.jsonl#L3': 'line 3 has neither "text" nor "html"',
      'huge.txt': 'file too large: 60.0 MB (limit 50 MB)',
      'nested/binary.txt': 'not text: ZIP archive',
    });
    assert.match(reasons['error.html'], /^error page/);
    assert.match(reasons['feed.jsonl#L2'], /^invalid JSON on line 2/);
    assert.equal(summary.ok, 4);
    assert.equal(summary.rejected, 7);

    const exported = JSON.parse(dossier(['export', '--db', db]).stdout).articles as ExportedArticle[];
    const jsonl = exported.find((a) => a.source.endsWith('feed.jsonl#L1')) as ExportedArticle & { url: string };
    assert.equal(jsonl.title, 'Port strike ends');
    assert.equal(jsonl.published, '2025-06-03T10:00:00Z');
    assert.equal(jsonl.url, 'https://example.org/a');
    const rejected = exported.filter((a) => a.status === 'rejected');
    assert.equal(rejected.length, 7);
    for (const a of rejected) assert.ok(a.reason);
  });

  it('exits 1 under --strict when a file is rejected (and stores nothing twice)', () => {
    const result = dossier(['ingest', inbox, '--db', db, '--strict']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /0 ok, 0 rejected, 11 already known/);
  });

  it('fails clearly for a missing path, an unreadable file list and an unwritable database', () => {
    const missing = dossier(['ingest', join(dir, 'nope'), '--db', db]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^dossier: no such file or directory: .*nope$/m);
    const list = dossier(['ingest', '--files-from', join(dir, 'no-list.txt'), '--db', db]);
    assert.equal(list.code, 2);
    assert.match(list.stderr, /^dossier: cannot read file list .*no-list\.txt: ENOENT$/m);
    const unwritable = dossier(['ingest', inbox, '--db', join(dir, 'no-such-dir', 'x.db')]);
    assert.equal(unwritable.code, 2);
    assert.match(unwritable.stderr, /^dossier: cannot open database .*x\.db: /m);
  });

  it('extract prints the same article objects without a database', () => {
    const result = dossier(['extract', join(inbox, 'good.txt'), '--format', 'json'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    const article = JSON.parse(result.stdout);
    assert.equal(article.status, 'ok');
    assert.match(article.text, /^On February 1, 2026, Wang Yi/);
    const text = dossier(['extract', join(inbox, 'empty.txt'), '--format', 'text']);
    assert.match(text.stdout, /REJECTED: empty file/);
  });
});

describe('an interrupted ingest', () => {
  it('keeps every article stored before a crash and leaves the database consistent', async () => {
    const dir = tempDir();
    const inbox = join(dir, 'many');
    mkdirSync(inbox);
    const base = readFileSync(join(seeds, '001_b36a5714b1051d85.txt'), 'utf8');
    for (let i = 0; i < 150; i++) writeFileSync(join(inbox, `a${String(i).padStart(3, '0')}.txt`), `${base}\nCopy number ${i} of this report.\n`);
    const db = join(dir, 'crash.db');
    const child = spawn(process.execPath, [cli, 'ingest', inbox, '--db', db], { stdio: 'ignore' });
    // Kill it as soon as some articles are committed.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        try {
          const probe = new Database(db, { readonly: true });
          const { n } = probe.prepare('SELECT count(*) AS n FROM articles').get() as { n: number };
          probe.close();
          if (n >= 3) {
            child.kill('SIGKILL');
            clearInterval(poll);
            resolve();
          }
        } catch {
          // The database may not exist yet.
        }
      }, 20);
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const check = new Database(db);
    assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
    const stored = (check.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    const indexed = (check.prepare('SELECT count(*) AS n FROM articles_fts').get() as { n: number }).n;
    check.close();
    assert.equal(indexed, stored);
    const resumed = JSON.parse(dossier(['ingest', inbox, '--db', db, '--json']).stdout);
    assert.equal(resumed.known, stored);
    assert.equal(resumed.ok, 150 - stored);
  });
});
