// Hostile and unlucky inputs (issue 13): nothing stops a batch, nothing throws, every offset points into the text,
// links and unreadable folders are reported, two writers share a database, the server checks Host and Origin.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeBytes } from '../src/ingest/decode.js';
import { assignStableIds } from '../src/ingest/event-ids.js';
import { analyse, emptySummary, ingestBuffers, ingestRaw } from '../src/ingest/index.js';
import { expandInputPaths, readFile } from '../src/ingest/read.js';
import { createApp } from '../src/server/app.js';
import { hostPolicy } from '../src/server/origin.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { DossierEvent } from '../src/events/types.js';
import type { Article } from '../src/types.js';
import { newsParagraphs } from './support/generate.js';
import { fixtureStore, readServerFixture } from './fixtures/server/load.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'dossier-hard-'));

/** Every annotation's offsets lie within the text and cut out the text it reports. */
function assertOffsetsInside(article: Article): void {
  const { text } = article;
  for (const entity of article.entities ?? []) {
    for (const mention of entity.mentions) {
      assert.ok(mention.start >= 0 && mention.start < mention.end && mention.end <= text.length, 'mention inside the text');
      assert.equal(text.slice(mention.start, mention.end), mention.text);
    }
  }
  for (const span of [...(article.dates ?? []), ...(article.quotes ?? [])]) {
    assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, 'span inside the text');
    assert.equal(text.slice(span.start, span.end), span.text);
  }
}

const nested = (depth: number, body: string): string => `<html><body>${'<div>'.repeat(depth)}<p>${body}</p>${'</div>'.repeat(depth)}</body></html>`;

describe('defect 1: no document stops a batch', () => {
  const body = newsParagraphs(1, 3).join(' ');

  it('reads a page nested 6,000 divs deep, with a warning, instead of overflowing the stack', () => {
    const article = analyse({ source: 'deep.html', bytes: Buffer.from(nested(6000, body)) });
    assert.equal(article.status, 'ok');
    assert.equal(article.text, body);
    assert.ok(article.messages.some((message) => message.level === 'warn' && /nested 600\d elements deep/.test(message.reason)));
  });

  it('an upload with a deeply nested page beside a good one stores both', async () => {
    const store = new SqliteStore(':memory:');
    const summary = await ingestBuffers(store, [
      { name: 'deep.html', bytes: Buffer.from(nested(6000, body)) },
      { name: 'good.txt', bytes: Buffer.from(newsParagraphs(2, 3).join('\n\n')) },
    ]);
    assert.equal(summary.ok, 2);
    assert.equal(await store.countArticles(), 2);
    await store.close();
  });

  it('a document whose analysis throws is rejected with the reason, and the batch goes on', async () => {
    const store = new SqliteStore(':memory:');
    const summary = emptySummary();
    const good = { source: 'good.txt', bytes: Buffer.from(newsParagraphs(3, 3).join('\n\n')) };
    const bad = { source: 'bad.txt', bytes: Buffer.from('anything') };
    await ingestRaw(store, [bad, good], summary, (raw) => {
      if (raw.source === 'bad.txt') throw new RangeError('Maximum call stack size exceeded');
      return analyse(raw);
    });
    assert.equal(summary.ok, 1);
    assert.deepEqual(summary.rejectedFiles, [{ source: 'bad.txt', reason: 'could not be processed: RangeError: Maximum call stack size exceeded' }]);
    await store.close();
  });

  it('property: arbitrary bytes, nesting and Unicode never throw, and every offset points into the text', () => {
    const tags = ['div', 'p', 'span', 'b', 'section', 'li', 'ul', 'table', 'tr', 'td', 'a', 'blockquote', 'h2', 'script'];
    const markup: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.tuple(fc.constantFrom(...tags), fc.array(tie('node'), { maxLength: 4 })).map(([tag, children]) => `<${tag}>${children.join('')}</${tag}>`),
      ),
    })).node;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ source: 'bytes.bin', bytes: Buffer.from(bytes) })),
          fc.string({ unit: 'binary', maxLength: 400 }).map((text) => ({ source: 'text.txt', bytes: Buffer.from(`${body}\n\n${text}`) })),
          markup.map((html) => ({ source: 'page.html', bytes: Buffer.from(`<html><body><p>${body}</p>${html}</body></html>`) })),
          fc.integer({ min: 1, max: 3000 }).map((depth) => ({ source: 'deep.html', bytes: Buffer.from(nested(depth, body)) })),
        ),
        (raw) => {
          const article = analyse(raw);
          assert.ok(article.status === 'ok' || article.reason);
          if (article.status === 'ok') assertOffsetsInside(article);
        },
      ),
      { numRuns: 60, seed: 13 },
    );
  });
});

describe('defect 2: two writers on one database', () => {
  it('two `dossier ingest` runs at once both finish, and no article is lost', async () => {
    const dir = tempDir();
    const db = join(dir, 'shared.db');
    for (const batch of ['a', 'b']) {
      mkdirSync(join(dir, batch));
      for (let index = 0; index < 12; index++) {
        const seed = (batch === 'a' ? 100 : 200) + index;
        writeFileSync(join(dir, batch, `${index}.txt`), newsParagraphs(seed, 4).join('\n\n'));
      }
    }
    const run = (folder: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [cli, 'ingest', join(dir, folder), '--db', db, '--json'], { env: { ...process.env, DOSSIER_DB: '' } });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([run('a'), run('b')]);
    for (const result of results) assert.equal(result.code, 0, result.stderr);
    const store = new SqliteStore(db);
    assert.equal(await store.countArticles({ status: 'ok' }), 24);
    await store.close();
  });
});

describe('defects 4 and 6: links and unreadable folders', () => {
  it('self-links, loops and dangling links are reported once each; a linked file is read once', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'story.txt'), 'text');
    symlinkSync('.', join(dir, 'self-a'));
    symlinkSync('.', join(dir, 'self-b'));
    symlinkSync('story.txt', join(dir, 'z-link.txt'));
    symlinkSync('missing.txt', join(dir, 'dangling.txt'));
    symlinkSync('loop-2', join(dir, 'loop-1'));
    symlinkSync('loop-1', join(dir, 'loop-2'));
    const { files, skipped } = expandInputPaths([dir]);
    assert.deepEqual(files, [join(dir, 'story.txt')]);
    const reasons = Object.fromEntries(skipped.map((entry) => [entry.source.slice(dir.length + 1), entry.reason]));
    assert.equal(reasons['dangling.txt'], 'dangling symbolic link (its target does not exist)');
    assert.equal(reasons['loop-1'], 'symbolic link loop');
    assert.equal(reasons['loop-2'], 'symbolic link loop');
    assert.match(reasons['self-a'], /^folder already read as /);
    assert.match(reasons['self-b'], /^folder already read as /);
    assert.match(reasons['z-link.txt'], /^file already read as .*story\.txt/);
  });

  it('an unreadable subfolder is reported and the rest is read', { skip: process.getuid?.() === 0 ? 'root reads every folder' : false }, () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'a.txt'), 'text');
    writeFileSync(join(dir, 'open.txt'), 'text');
    chmodSync(join(dir, 'locked'), 0o000);
    try {
      const { files, skipped } = expandInputPaths([dir]);
      assert.deepEqual(files, [join(dir, 'open.txt')]);
      assert.deepEqual(skipped, [{ source: join(dir, 'locked'), reason: 'cannot read folder: EACCES' }]);
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });

  it('a folder whose listing fails (as for a user without permission) is reported and the rest is read', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'a.txt'), 'text');
    writeFileSync(join(dir, 'open.txt'), 'text');
    const { files, skipped } = expandInputPaths([dir], {
      readFolder: (path) => {
        if (String(path).endsWith('locked')) throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
        return readdirSync(path, { encoding: 'buffer' });
      },
    });
    assert.deepEqual(files, [join(dir, 'open.txt')]);
    assert.deepEqual(skipped, [{ source: join(dir, 'locked'), reason: 'cannot read folder: EACCES' }]);
  });

  it('a file name that is not valid UTF-8 is read, with a warning', () => {
    const dir = tempDir();
    const name = Buffer.concat([Buffer.from(join(dir, 'caf')), Buffer.from([0xe9]), Buffer.from('.txt')]);
    writeFileSync(name, newsParagraphs(4, 3).join('\n\n'));
    const { files } = expandInputPaths([dir]);
    assert.equal(files.length, 1);
    const [article] = readFile(files[0]).map(analyse);
    assert.equal(article.status, 'ok');
    assert.equal(article.source, join(dir, 'caf\ufffd.txt'));
    assert.ok(article.messages.some((message) => message.reason.startsWith('file name is not valid UTF-8')));
  });
});

describe('defect 9: bytes and characters', () => {
  it('one invalid byte in UTF-8 text is replaced and reported, not read as windows-1252', () => {
    const sentence = 'Café owners in São Paulo said the rules would cost them “thousands”. ';
    const bytes = Buffer.concat([Buffer.from(sentence), Buffer.from([0xff]), Buffer.from(` ${sentence}`)]);
    const decoded = decodeBytes(bytes);
    assert.ok(decoded.ok);
    assert.equal(decoded.encoding, 'utf-8');
    assert.equal(decoded.text, `${sentence}\ufffd ${sentence}`);
    assert.deepEqual(decoded.warnings, ['1 invalid UTF-8 byte sequence replaced with U+FFFD']);
  });

  it('legacy text with no valid UTF-8 character is still windows-1252', () => {
    const decoded = decodeBytes(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x6f, 0x6b, 0x94]));
    assert.ok(decoded.ok);
    assert.equal(decoded.encoding, 'windows-1252');
    assert.equal(decoded.text, 'Café “ok”');
  });

  it('NUL characters are removed from the stored text, with a warning', () => {
    const text = newsParagraphs(5, 3).join('\n\n');
    const article = analyse({ source: 'nul.txt', bytes: Buffer.from(`${text.slice(0, 40)}\u0000${text.slice(40)}`) });
    assert.equal(article.status, 'ok');
    assert.ok(!article.text.includes('\u0000'));
    assert.ok(article.messages.some((message) => message.reason === '1 NUL character removed'));
  });

  it('a tag with 200,000 attributes is read without them, with a warning, and its text kept', () => {
    const body = newsParagraphs(8, 2).join(' ');
    const attributes = Array.from({ length: 200_000 }, (_, index) => `a${index}="${index}"`).join(' ');
    const article = analyse({ source: 'attrs.html', bytes: Buffer.from(`<html><body><p ${attributes}>${body}</p></body></html>`) });
    assert.equal(article.status, 'ok');
    assert.equal(article.text, body);
    assert.ok(article.messages.some((message) => message.reason === '1 start tag over 100,000 characters read without its attributes'));
  });

  it('a known file is not analysed again: the content hash is looked up first', async () => {
    const store = new SqliteStore(':memory:');
    const raw = { source: 'a.txt', bytes: Buffer.from(newsParagraphs(6, 3).join('\n\n')) };
    await ingestRaw(store, [raw], emptySummary());
    const summary = emptySummary();
    let analysed = 0;
    await ingestRaw(store, [raw], summary, (document) => {
      analysed++;
      return analyse(document);
    });
    assert.equal(analysed, 0);
    assert.equal(summary.known, 1);
    await store.close();
  });
});

describe('defect 5: Host and Origin', () => {
  const store = new SqliteStore(':memory:');
  const app = createApp(store, { allowIngest: true, hosts: hostPolicy('127.0.0.1', ['news.example']) });
  const upload = () => {
    const form = new FormData();
    form.append('files', new File([newsParagraphs(7, 3).join('\n\n')], 'a.txt'));
    return form;
  };

  it('answers the bound address, localhost and allowed names; refuses any other Host (DNS rebinding)', async () => {
    for (const host of ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080', 'news.example']) {
      assert.equal((await app.request('http://x/api/events', { headers: { Host: host } })).status, 200, host);
    }
    const refused = await app.request('http://x/api/events', { headers: { Host: 'attacker.example:8080' } });
    assert.equal(refused.status, 403);
    assert.match((await refused.json()).error, /host "attacker\.example" is not served here/);
  });

  it('refuses a cross-site upload and accepts a same-origin one', async () => {
    const host = { Host: '127.0.0.1:8080' };
    const crossOrigin = await app.request('http://x/api/ingest', { method: 'POST', body: upload(), headers: { ...host, Origin: 'https://evil.example' } });
    assert.equal(crossOrigin.status, 403);
    const crossSite = await app.request('http://x/api/ingest', { method: 'POST', body: upload(), headers: { ...host, 'Sec-Fetch-Site': 'cross-site' } });
    assert.equal(crossSite.status, 403);
    assert.equal(await store.countArticles(), 0);
    const same = await app.request('http://x/api/ingest', {
      method: 'POST',
      body: upload(),
      headers: { ...host, Origin: 'http://127.0.0.1:8080', 'Sec-Fetch-Site': 'same-origin' },
    });
    assert.equal(same.status, 200);
    assert.equal(await store.countArticles(), 1);
  });

  it('a server bound to every interface answers IP addresses but not unknown names', async () => {
    const open = createApp(store, { hosts: hostPolicy('0.0.0.0') });
    assert.equal((await open.request('http://x/api/events', { headers: { Host: '192.168.1.20:8080' } })).status, 200);
    assert.equal((await open.request('http://x/api/events', { headers: { Host: 'rebind.example' } })).status, 403);
  });
});

describe('defect 7: stable event ids', () => {
  const event = (id: string, articles: string[], related: string[] = []): DossierEvent =>
    ({ id, articles: articles.map((a) => ({ id: a })), related: related.map((r) => ({ id: r, relation: 'series' })) }) as unknown as DossierEvent;

  it('the event keeping most of an earlier one takes its id; the other merged id redirects to it', () => {
    const previous = [
      { id: 'event-a', articles: [{ id: 'a1' }, { id: 'a2' }, { id: 'a3' }] },
      { id: 'event-b', articles: [{ id: 'b1' }] },
    ];
    const { events, redirects } = assignStableIds(previous, [event('event-b1', ['b1', 'a1', 'a2', 'a3', 'n1'])]);
    assert.deepEqual(events.map((e) => e.id), ['event-a']);
    assert.deepEqual(redirects, [{ from: 'event-b', to: 'event-a' }]);
  });

  it('a split keeps the id on the larger part; a new id that is taken gets a suffix; links follow renames', () => {
    const previous = [{ id: 'event-a1', articles: [{ id: 'a1' }, { id: 'a2' }, { id: 'a3' }] }];
    const { events, redirects } = assignStableIds(
      previous,
      [event('event-a1', ['a1'], ['event-a2']), event('event-a2', ['a2', 'a3'], ['event-a1'])],
      new Set(['event-kept']),
    );
    assert.deepEqual(events.map((e) => e.id), ['event-a1-2', 'event-a1']);
    assert.deepEqual(events.map((e) => e.related.map((link) => link.id)), [['event-a1'], ['event-a1-2']]);
    assert.deepEqual(redirects, []);
  });
});

describe('defects 7 and 8: redirects and long event pages', () => {
  const big = (): DossierEvent => {
    const base = readServerFixture().events.find((event) => event.id === 'ev-arlenby-strike-2025-06-11')!;
    const articles = Array.from({ length: 25 }, (_, index) => ({
      ...base.articles[0],
      id: (0xa000000000000000n + BigInt(index)).toString(16),
      publisher: `Outlet ${index + 1}`,
      independent: true,
      duplicateOf: null,
    }));
    const claims = Array.from({ length: 40 }, (_, index) => ({ ...base.claims[0], text: `Claim number ${index + 1} about the strike` }));
    return { ...base, id: 'ev-big', articles, claims, duplicates: [] };
  };

  it('shows one page of sources and of claims, with pager links, and serves the same page from its cache', async () => {
    const store = await fixtureStore();
    await store.updateEvents([], [big()]);
    const app = createApp(store);
    const first = await (await app.request('/events/ev-big')).text();
    assert.match(first, /Sources 1–10 of 25\./);
    assert.match(first, /Claims 1–30 of 40;/);
    assert.match(first, /href="\/events\/ev-big\?sources=3"/);
    assert.equal((first.match(/<article class="source"/g) ?? []).length, 10);
    const third = await (await app.request('/events/ev-big?sources=3&claims=2')).text();
    assert.match(third, /Sources 21–25 of 25\./);
    assert.match(third, /Claims 31–40 of 40;/);
    assert.ok(third.includes('Claim number 40 about the strike') && !third.includes('Claim number 1 about the strike<'));
    assert.equal((third.match(/<article class="source"/g) ?? []).length, 5);
    assert.equal(await (await app.request('/events/ev-big?sources=3&claims=2')).text(), third);
    assert.equal((await app.request('/events/ev-big?sources=0')).status, 400);
    await store.close();
  });

  it('a retired event id answers 301 on its page and movedTo in the API', async () => {
    const store = await fixtureStore();
    await store.updateEvents(['ev-arlenby-talks-2025-06-03'], [], undefined, [{ from: 'ev-arlenby-talks-2025-06-03', to: 'ev-arlenby-strike-2025-06-11' }]);
    const app = createApp(store);
    const page = await app.request('/events/ev-arlenby-talks-2025-06-03');
    assert.equal(page.status, 301);
    assert.equal(page.headers.get('location'), '/events/ev-arlenby-strike-2025-06-11');
    const api = await app.request('/api/events/ev-arlenby-talks-2025-06-03');
    assert.equal(api.status, 301);
    assert.deepEqual(await api.json(), { movedTo: 'ev-arlenby-strike-2025-06-11' });
    assert.equal((await app.request('/api/events/never-was')).status, 404);
    await store.close();
  });
});

describe('defect 9: a repeated syndicated lead', () => {
  it('a later repeat of a first paragraph that opens with a credit is collapsed', () => {
    const [lead, second, third] = newsParagraphs(3, 3);
    const article = analyse({ source: 'copy.txt', bytes: Buffer.from(['A headline for the copy', `(MENAFN) ${lead}`, second, lead, third].join('\n\n')) });
    assert.equal(article.text, [lead, second, third].join('\n\n'));
    assert.ok(article.removed.some((removal) => removal.reason === 'repeated paragraph' && removal.text === lead));
  });
});

describe('defect 3: uploads are ingested off the request thread', () => {
  it('the worker pool stores an upload and refreshes the events of the same database', async () => {
    const { createIngestPool } = await import('../src/server/ingest-worker.js');
    const db = join(tempDir(), 'worker.db');
    await new SqliteStore(db).close();
    const pool = createIngestPool(db);
    try {
      const summary = await pool.ingest([
        { name: 'a.txt', bytes: Buffer.from(newsParagraphs(21, 4).join('\n\n')) },
        { name: 'deep.html', bytes: Buffer.from(nested(6000, newsParagraphs(22, 1)[0])) },
      ]);
      assert.equal(summary.ok, 2);
      assert.equal(summary.added.length, 2);
    } finally {
      await pool.close();
    }
    const store = new SqliteStore(db);
    assert.equal(await store.countArticles({ status: 'ok' }), 2);
    assert.ok((await store.listEvents()).length >= 1);
    await store.close();
  });
});
