// The contract every Store implementation must pass (SQLite now, PostgreSQL later):
// run it with a factory that opens a fresh, empty store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DossierEvent, Participant } from '../../src/events/types.js';
import type { Store } from '../../src/store/store.js';
import { nameIdsOf } from '../../src/store/event-index.js';
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

export function event(id: string, date: string | null, overrides: Partial<DossierEvent> = {}): DossierEvent {
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
    ...overrides,
  };
}

const ROSA: Participant = {
  id: 'person-rosa-ilunga',
  name: 'Rosa Ilunga',
  type: 'person',
  aliases: ['Ilunga'],
  roles: ['Mayor'],
  articles: ['a1'],
};

/** An event with a participant, a quote by her (under an alias), a quote by someone else and a claim. */
function richEvent(id: string, date: string | null, title: string): DossierEvent {
  return event(id, date, {
    title,
    location: 'Kisumu',
    articles: [
      { id: 'a1', title: null, publisher: 'Lake Herald', published: date, independent: true, duplicateOf: null },
      { id: 'a2', title: null, publisher: null, published: date, independent: false, duplicateOf: 'a1' },
    ],
    participants: [ROSA, { ...ROSA, id: 'org-water-board', name: 'Water Board', type: 'organization', aliases: [], roles: [] }],
    quotes: [
      { text: 'The pipes will be ready by June.', speaker: 'Ilunga', articles: ['a1'], variants: [] },
      { text: 'We were never consulted.', speaker: 'Water Board', articles: ['a1'], variants: [] },
    ],
    claims: [{ text: 'Repairs to the reservoir cost 40 million shillings.', status: 'single', articles: ['a1'], evidence: [] }],
  });
}

export function storeContract(name: string, open: () => Promise<Store>, options: { skip?: string | false } = {}): void {
  describe(`Store contract: ${name}`, { skip: options.skip }, () => {
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

    it('keeps a redirect from every retired event id, one step to the live event, until the id is live again', async () => {
      const store = await open();
      await store.replaceEvents([event('a', '2025-01-01'), event('b', '2025-01-02')]);
      assert.equal(await store.eventRedirect('a'), null);
      await store.updateEvents(['a', 'b'], [event('a', '2025-01-01')], undefined, [{ from: 'b', to: 'a' }]);
      assert.equal(await store.eventRedirect('b'), 'a');
      await store.updateEvents(['a'], [event('c', '2025-01-01')], undefined, [{ from: 'a', to: 'c' }]);
      assert.equal(await store.eventRedirect('a'), 'c');
      assert.equal(await store.eventRedirect('b'), 'c', 'an older redirect follows the later move');
      await store.replaceEvents([event('c', '2025-01-01'), event('b', '2025-01-02')]);
      assert.equal(await store.eventRedirect('b'), null, 'an id that is live again no longer redirects');
      assert.equal(await store.eventRedirect('a'), 'c');
      assert.equal(await store.eventRedirect('never'), null);
      await store.close();
    });

    it('lists the ok articles that no event replacement or update has covered yet', async () => {
      const store = await open();
      await store.putArticle(article('p1'));
      await store.putArticle(article('p2', { status: 'rejected', reason: 'empty file', text: '' }));
      await store.putArticle(article('p3'));
      assert.deepEqual(await store.articlesWithoutEvents(), ['p1', 'p3']);
      await store.replaceEvents([event('e1', '2026-01-01')]);
      assert.deepEqual(await store.articlesWithoutEvents(), []);
      await store.putArticle(article('p4'));
      assert.deepEqual(await store.articlesWithoutEvents(), ['p4']);
      await store.updateEvents([], []);
      assert.deepEqual(await store.articlesWithoutEvents(), []);
      await store.close();
    });

    it('keeps articles stored while events were being built among those still to group', async () => {
      const store = await open();
      await store.putArticle(article('g1'));
      await store.putArticle(article('g2'));
      const grouped = await store.articlesWithoutEvents();
      // Another process stores g3 after the events were built from g1 and g2.
      await store.putArticle(article('g3'));
      await store.replaceEvents([event('e1', '2026-01-01')], grouped);
      assert.deepEqual(await store.articlesWithoutEvents(), ['g3']);
      await store.putArticle(article('g4'));
      await store.updateEvents([], [], ['g3']);
      assert.deepEqual(await store.articlesWithoutEvents(), ['g4']);
      await store.updateEvents([], [], ['g4']);
      assert.deepEqual(await store.articlesWithoutEvents(), []);
      await store.close();
    });

    it('updates a subset of events atomically, keeping the others and their indexes', async () => {
      const store = await open();
      await store.replaceEvents([richEvent('r1', '2025-03-01', 'Dam inspection'), event('e2', '2026-01-01'), event('e3', null)]);
      const untouched = await store.getEvent('e2');
      const before = await store.eventsVersion();
      await store.updateEvents(['r1', 'e3', 'never-stored'], [richEvent('r1', '2025-03-02', 'Reservoir reopened'), event('e4', '2024-05-05')]);
      assert.notEqual(await store.eventsVersion(), before);
      assert.deepEqual((await store.listEvents()).map((e) => e.id), ['e2', 'r1', 'e4']);
      assert.deepEqual(await store.getEvent('e2'), untouched);
      assert.equal(await store.getEvent('e3'), null);
      assert.deepEqual(
        (await store.listEventDigests()).map((d) => [d.id, d.title]),
        [['e2', 'Event e2'], ['r1', 'Reservoir reopened'], ['e4', 'Event e4']],
      );
      assert.deepEqual(await store.searchEvents('inspection'), []);
      assert.deepEqual(await store.searchEvents('reopened'), ['r1']);
      assert.deepEqual(
        (await store.participantAppearances('person-rosa-ilunga')).map((appearance) => appearance.event),
        [{ id: 'r1', title: 'Reservoir reopened', date: '2025-03-02', location: 'Kisumu' }],
      );
      await store.updateEvents(['r1'], []);
      assert.deepEqual(await store.participantAppearances('person-rosa-ilunga'), []);
      assert.deepEqual(await store.searchEvents('reopened'), []);
      await store.close();
    });

    it('finds the events an article could join by any name of their people and organisations, or by day', async () => {
      const store = await open();
      await store.replaceEvents([richEvent('r1', '2025-03-01', 'Dam inspection'), event('e2', '2026-01-01'), event('e3', null)]);
      assert.equal(await store.countEvents(), 3);
      // 'Ilunga' is an alias of Rosa Ilunga: an article naming her by surname finds the event.
      assert.deepEqual((await store.eventDigestsFor(nameIdsOf([{ name: 'Ilunga', aliases: [], type: 'person' }]), [])).map((d) => d.id), ['r1']);
      assert.deepEqual((await store.eventDigestsFor([], ['2026-01-01', '2030-01-01'])).map((d) => d.id), ['e2']);
      assert.deepEqual((await store.eventDigestsFor(nameIdsOf([{ name: 'Water Board', aliases: [], type: 'organization' }]), ['2026-01-01'])).map((d) => d.id), ['e2']);
      assert.deepEqual((await store.eventDigestsFor(nameIdsOf([{ name: 'Water Board', aliases: [], type: 'organization' }]), ['2025-03-01'])).map((d) => d.id), ['r1']);
      assert.deepEqual((await store.eventDigestsFor(nameIdsOf([{ name: 'Ilunga', aliases: [], type: 'person' }]), [], 0)).map((d) => d.id), []);
      assert.deepEqual(await store.eventDigestsFor(['person-nobody'], []), []);
      await store.updateEvents(['r1'], []);
      assert.deepEqual(await store.eventDigestsFor(nameIdsOf([{ name: 'Ilunga', aliases: [], type: 'person' }]), []), []);
      assert.equal(await store.countEvents(), 2);
      await store.close();
    });

    it('lists undated events last', async () => {
      const store = await open();
      await store.replaceEvents([event('u1', null), event('d1', '2020-01-01')]);
      assert.deepEqual((await store.listEvents()).map((e) => e.id), ['d1', 'u1']);
      await store.close();
    });

    it('bumps the events version on every replacement of events, and only then', async () => {
      const store = await open();
      const initial = await store.eventsVersion();
      await store.putArticle(article('v1'));
      assert.equal(await store.eventsVersion(), initial);
      await store.replaceEvents([event('e1', '2025-02-28')]);
      const afterFirst = await store.eventsVersion();
      assert.notEqual(afterFirst, initial);
      assert.equal(await store.eventsVersion(), afterFirst);
      await store.replaceEvents([]);
      assert.notEqual(await store.eventsVersion(), afterFirst);
      await store.close();
    });

    it('lists event digests in event order without claims, quotes or evidence', async () => {
      const store = await open();
      await store.replaceEvents([richEvent('r1', '2025-03-01', 'Reservoir repairs'), event('e2', '2026-01-01')]);
      const digests = await store.listEventDigests();
      assert.deepEqual(digests.map((d) => d.id), ['e2', 'r1']);
      assert.deepEqual(digests[1], {
        id: 'r1',
        title: 'Reservoir repairs',
        date: '2025-03-01',
        location: 'Kisumu',
        lastUpdated: '2026-02-02T00:00:00.000Z',
        articles: [
          { id: 'a1', publisher: 'Lake Herald', independent: true },
          { id: 'a2', publisher: null, independent: false },
        ],
        participants: [
          { id: 'person-rosa-ilunga', name: 'Rosa Ilunga', type: 'person', aliases: ['Ilunga'] },
          { id: 'org-water-board', name: 'Water Board', type: 'organization', aliases: [] },
        ],
      });
      await store.close();
    });

    it('gets several events by id, in the order asked, skipping unknown ids', async () => {
      const store = await open();
      await store.replaceEvents([event('e1', '2025-02-28'), event('e2', '2026-02-01')]);
      assert.deepEqual((await store.getEvents(['e1', 'missing', 'e2'])).map((e) => e.id), ['e1', 'e2']);
      assert.deepEqual(await store.getEvents([]), []);
      await store.close();
    });

    it('searches events by words and word beginnings in title, place, names, claims and quotes', async () => {
      const store = await open();
      await store.replaceEvents([richEvent('r1', '2025-03-01', 'Reservoir repairs'), event('e2', '2026-01-01')]);
      const ids = async (query: string) => (await store.searchEvents(query)).sort();
      assert.deepEqual(await ids('reservoir'), ['r1']);
      assert.deepEqual(await ids('KISUM'), ['r1']);
      assert.deepEqual(await ids('ilunga shillings'), ['r1']);
      assert.deepEqual(await ids('consulted'), ['r1']);
      assert.deepEqual(await ids('nairobi'), ['e2']);
      assert.deepEqual(await ids('reservoir nairobi'), []);
      assert.deepEqual(await ids('servoir'), []);
      assert.deepEqual(await ids('"( AND'), []);
      assert.deepEqual(await ids('  '), []);
      await store.replaceEvents([event('e3', '2026-01-01')]);
      assert.deepEqual(await ids('reservoir'), []);
      await store.close();
    });

    it("gathers a participant's appearances with the quotes spoken under any of its names", async () => {
      const store = await open();
      await store.replaceEvents([richEvent('r1', '2025-03-01', 'Reservoir repairs'), richEvent('r2', null, 'Pipes laid')]);
      const appearances = (await store.participantAppearances('person-rosa-ilunga')).sort((a, b) =>
        a.event.id.localeCompare(b.event.id),
      );
      assert.deepEqual(appearances, [
        {
          event: { id: 'r1', title: 'Reservoir repairs', date: '2025-03-01', location: 'Kisumu' },
          participant: ROSA,
          quotes: [{ text: 'The pipes will be ready by June.', speaker: 'Ilunga', articles: ['a1'], variants: [] }],
        },
        {
          event: { id: 'r2', title: 'Pipes laid', date: null, location: 'Kisumu' },
          participant: ROSA,
          quotes: [{ text: 'The pipes will be ready by June.', speaker: 'Ilunga', articles: ['a1'], variants: [] }],
        },
      ]);
      assert.deepEqual(await store.participantAppearances('nobody'), []);
      await store.replaceEvents([]);
      assert.deepEqual(await store.participantAppearances('person-rosa-ilunga'), []);
      await store.close();
    });
  });

  // ---- Live sources: polling state and the URLs of fetched articles ----
  describe(`Store contract: ${name}, live sources`, () => {
    it('adds a source once, lists sources in the order added, and removes one', async () => {
      const store = await open();
      const feed = await store.addSource({ url: 'https://news.example/feed.xml', kind: 'feed', intervalSeconds: 900 }, 'src-feed');
      assert.equal(feed.created, true);
      assert.deepEqual(feed.source, {
        id: 'src-feed',
        url: 'https://news.example/feed.xml',
        kind: 'feed',
        intervalSeconds: 900,
        addedAt: feed.source.addedAt,
        lastFetchAt: null,
        lastSuccessAt: null,
        lastStatus: null,
        lastError: null,
        etag: null,
        lastModified: null,
        errorCount: 0,
        nextFetchAt: new Date(0).toISOString(),
        articlesAdded: 0,
      });
      assert.ok(!Number.isNaN(Date.parse(feed.source.addedAt)));
      const again = await store.addSource({ url: 'https://news.example/feed.xml', kind: 'page', intervalSeconds: 60 }, 'src-feed');
      assert.equal(again.created, false);
      assert.equal(again.source.kind, 'feed');
      await store.addSource({ url: 'https://news.example/sitemap.xml', kind: 'sitemap', intervalSeconds: 3600 }, 'src-map');
      assert.deepEqual((await store.listSources()).map((s) => s.id), ['src-feed', 'src-map']);
      assert.equal(await store.removeSource('src-feed'), true);
      assert.equal(await store.removeSource('src-feed'), false);
      assert.equal(await store.getSource('src-feed'), null);
      assert.deepEqual((await store.listSources()).map((s) => s.id), ['src-map']);
      await store.close();
    });

    it('records polls: validators replaced on success and kept on failure, errors counted', async () => {
      const store = await open();
      await store.addSource({ url: 'https://news.example/feed.xml', kind: 'feed', intervalSeconds: 900 }, 's1');
      await store.recordSourcePoll('s1', {
        at: '2026-03-01T10:00:00.000Z',
        ok: true,
        status: 'ok',
        error: null,
        etag: '"v1"',
        lastModified: 'Sun, 01 Mar 2026 09:00:00 GMT',
        errorCount: 0,
        nextFetchAt: '2026-03-01T10:15:00.000Z',
      });
      await store.recordSourcePoll('s1', {
        at: '2026-03-01T10:15:00.000Z',
        ok: false,
        status: 'HTTP 503',
        error: 'HTTP 503 after 4 attempts',
        etag: null,
        lastModified: null,
        errorCount: 1,
        nextFetchAt: '2026-03-01T10:45:00.000Z',
      });
      const failed = await store.getSource('s1');
      assert.deepEqual(
        failed && {
          lastFetchAt: failed.lastFetchAt,
          lastSuccessAt: failed.lastSuccessAt,
          lastStatus: failed.lastStatus,
          lastError: failed.lastError,
          etag: failed.etag,
          lastModified: failed.lastModified,
          errorCount: failed.errorCount,
          nextFetchAt: failed.nextFetchAt,
        },
        {
          lastFetchAt: '2026-03-01T10:15:00.000Z',
          lastSuccessAt: '2026-03-01T10:00:00.000Z',
          lastStatus: 'HTTP 503',
          lastError: 'HTTP 503 after 4 attempts',
          etag: '"v1"',
          lastModified: 'Sun, 01 Mar 2026 09:00:00 GMT',
          errorCount: 1,
          nextFetchAt: '2026-03-01T10:45:00.000Z',
        },
      );
      await store.recordSourcePoll('s1', {
        at: '2026-03-01T10:45:00.000Z',
        ok: true,
        status: 'not modified',
        error: null,
        etag: '"v1"',
        lastModified: null,
        errorCount: 0,
        nextFetchAt: '2026-03-01T11:00:00.000Z',
      });
      const recovered = await store.getSource('s1');
      assert.equal(recovered?.lastError, null);
      assert.equal(recovered?.errorCount, 0);
      assert.equal(recovered?.lastSuccessAt, '2026-03-01T10:45:00.000Z');
      assert.equal(recovered?.lastModified, null);
      await store.close();
    });

    it('stores a fetched article under its URLs once, whichever URL finds it again, and counts it for its source', async () => {
      const store = await open();
      await store.addSource({ url: 'https://news.example/feed.xml', kind: 'feed', intervalSeconds: 900 }, 's1');
      const story = article('f1', { url: 'https://news.example/story' });
      assert.equal(await store.findArticleByUrl(['https://news.example/story']), null);
      assert.equal(
        await store.putFetchedArticle(story, { urls: ['https://news.example/story', 'https://news.example/story?id=7'], sourceId: 's1' }),
        'added',
      );
      assert.equal(await store.findArticleByUrl(['https://other.example/x', 'https://news.example/story?id=7']), 'f1');
      // The same story under another address, with different bytes (another id): one article.
      const amp = article('f2', { url: 'https://news.example/story' });
      assert.equal(await store.putFetchedArticle(amp, { urls: ['https://news.example/story', 'https://news.example/amp/story'], sourceId: 's1' }), 'known');
      assert.equal(await store.findArticleByUrl(['https://news.example/amp/story']), 'f1');
      assert.equal(await store.getArticle('f2'), null);
      // The same bytes fetched under a new URL: known by id, and the URL now leads to it.
      assert.equal(await store.putFetchedArticle(story, { urls: ['https://mirror.example/story'], sourceId: null }), 'known');
      assert.equal(await store.findArticleByUrl(['https://mirror.example/story']), 'f1');
      assert.equal(await store.countArticles(), 1);
      assert.equal((await store.getSource('s1'))?.articlesAdded, 1);
      assert.deepEqual((await store.search('Body')).map((hit) => hit.id), ['f1']);
      await store.close();
    });
  });
}
