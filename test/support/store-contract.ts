// The contract every Store implementation must pass (SQLite now, PostgreSQL later):
// run it with a factory that opens a fresh, empty store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DossierEvent } from '../../src/events/types.js';
import type { Store } from '../../src/store/store.js';
import type { Article } from '../../src/types.js';

export function article(id: string, overrides: Partial<Article> = {}): Article {
  return {
    id,
    source: `inbox/${id}.txt`,
    status: 'ok',
    url: null,
    title: `Title ${id}`,
    publisher: null,
    published: '2026-02-02',
    byline: null,
    dateline: null,
    agencies: [],
    language: 'en',
    text: `Body of ${id}.`,
    captions: [],
    comments: [],
    removed: [],
    messages: [],
    ...overrides,
  };
}

function event(id: string, date: string): DossierEvent {
  return {
    id,
    title: `Event ${id}`,
    date,
    location: 'Nairobi',
    articles: [],
    duplicates: [],
    participants: [],
    quotes: [],
    actions: [],
    claims: [],
    discrepancies: [],
    framing: [],
    related: [],
    firstSeen: '2026-02-02T00:00:00.000Z',
    lastUpdated: '2026-02-02T00:00:00.000Z',
  };
}

export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    it('stores an article once and reports the second put as known', async () => {
      const store = await open();
      const a = article('a1');
      assert.equal(await store.putArticle(a), 'added');
      assert.equal(await store.putArticle(a), 'known');
      assert.equal(await store.countArticles(), 1);
      assert.deepEqual(await store.getArticle('a1'), a);
      assert.equal(await store.getArticle('missing'), null);
      await store.close();
    });

    it('lists articles in ingestion order, filtered by status, with limit and offset', async () => {
      const store = await open();
      await store.putArticle(article('b2'));
      await store.putArticle(article('a1', { status: 'rejected', reason: 'empty file', text: '' }));
      await store.putArticle(article('c3'));
      assert.deepEqual((await store.listArticles()).map((a) => a.id), ['b2', 'a1', 'c3']);
      assert.deepEqual((await store.listArticles({ status: 'ok' })).map((a) => a.id), ['b2', 'c3']);
      assert.deepEqual((await store.listArticles({ limit: 1, offset: 1 })).map((a) => a.id), ['a1']);
      assert.equal(await store.countArticles({ status: 'rejected' }), 1);
      await store.close();
    });

    it('searches title and text, ranks title matches first, and highlights terms', async () => {
      const store = await open();
      await store.putArticle(article('x1', { title: 'Drought in the north', text: 'The central bank raised rates. Farmers worry about the drought.' }));
      await store.putArticle(article('x2', { title: 'Central bank raises rates', text: 'The central bank raised its key rate to 11.25%.' }));
      await store.putArticle(article('x3', { title: 'Football', text: 'A late goal decided the match.' }));
      const hits = await store.search('central bank');
      assert.deepEqual(hits.map((hit) => hit.id), ['x2', 'x1']);
      assert.match(hits[0].snippet, /\[central\] \[bank\]/i);
      assert.ok(hits[0].score >= hits[1].score);
      assert.deepEqual(await store.search('"unbalanced AND ('), []);
      assert.deepEqual(await store.search('   '), []);
      await store.close();
    });

    it('does not index rejected articles for search', async () => {
      const store = await open();
      await store.putArticle(article('r1', { status: 'rejected', reason: 'error page', title: 'Page not found', text: 'Page not found' }));
      assert.deepEqual(await store.search('page'), []);
      await store.close();
    });

    it('replaces events as a set and lists them newest first', async () => {
      const store = await open();
      await store.replaceEvents([event('e1', '2025-02-28'), event('e2', '2026-02-01')]);
      assert.deepEqual((await store.listEvents()).map((e) => e.id), ['e2', 'e1']);
      await store.replaceEvents([event('e3', '2024-01-01')]);
      assert.deepEqual((await store.listEvents()).map((e) => e.id), ['e3']);
      assert.equal((await store.getEvent('e3'))?.location, 'Nairobi');
      assert.equal(await store.getEvent('e1'), null);
      await store.close();
    });
  });
}
