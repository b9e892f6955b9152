// Feeds, sitemaps and pages from a local site into a store: what is stored, what is refused and why.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Fetcher } from '../src/fetch/fetcher.js';
import { parseListing } from '../src/ingest/feeds.js';
import { emptySummary } from '../src/ingest/index.js';
import { ingestTarget } from '../src/ingest/web.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { SourceKind } from '../src/store/store.js';
import { startNewsSite, type NewsSite } from './support/web-server.js';

const tempDb = (): string => join(mkdtempSync(join(tmpdir(), 'dossier-live-')), 'test.db');

describe('feed and sitemap parsing', () => {
  it('reads RSS 1.0 newest first, and says why a document is not a feed', () => {
    const rdf = parseListing(
      Buffer.from(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Old style</title></channel>
<item><title>Older</title><link>https://news.example/1</link><dc:date>2026-01-01T10:00:00Z</dc:date></item>
<item><title>Newer</title><link>https://news.example/2</link><dc:date>2026-01-02T10:00:00Z</dc:date><dc:creator>A. Writer</dc:creator></item></rdf:RDF>`),
      'https://news.example/rss.rdf',
    );
    assert.deepEqual(rdf, {
      ok: true,
      listing: {
        kind: 'feed',
        format: 'rdf',
        title: 'Old style',
        items: [
          { link: 'https://news.example/2', title: 'Newer', published: '2026-01-02T10:00:00.000Z', author: 'A. Writer' },
          { link: 'https://news.example/1', title: 'Older', published: '2026-01-01T10:00:00.000Z' },
        ],
      },
    });
    assert.deepEqual(parseListing(Buffer.from('<html><body>hello</body></html>'), 'https://news.example/'), {
      ok: false,
      reason: 'not a feed or sitemap: an HTML page',
    });
    assert.deepEqual(parseListing(Buffer.from('<?xml version="1.0"?><catalog><book/></catalog>'), 'https://news.example/'), {
      ok: false,
      reason: 'not a feed or sitemap: the root element is <catalog>',
    });
    assert.deepEqual(parseListing(Buffer.from('<rss><channel><item>'), 'https://news.example/'), {
      ok: false,
      reason: 'not a feed or sitemap: invalid XML (Invalid \'[    "rss",    "channel",    "item"]\' found., line 1)',
    });
    assert.deepEqual(parseListing(Buffer.from('{"items": []}'), 'https://news.example/'), {
      ok: false,
      reason: 'JSON that is not a JSON Feed (no jsonfeed.org version)',
    });
  });
});

describe('ingesting from a local site', () => {
  let site: NewsSite;
  let store: SqliteStore;
  let fetcher: Fetcher;
  before(async () => {
    site = await startNewsSite();
    store = new SqliteStore(tempDb());
    fetcher = new Fetcher({ allowPrivate: true, hostDelayMs: 0, retryBaseDelayMs: 10, firstByteTimeoutMs: 1000 });
  });
  after(async () => {
    await fetcher.close();
    await store.close();
    await site.close();
  });

  const run = async (path: string, kind: SourceKind, validators?: { etag: string | null; lastModified: string | null }) => {
    const summary = emptySummary();
    const outcome = await ingestTarget({ store, fetcher, summary }, `${site.url}${path}`, kind, validators);
    return { outcome, summary };
  };

  it('follows an RSS feed: pages fetched, feed fields as hints, one article for the story under two URLs', async () => {
    const { outcome, summary } = await run('/feeds/rss.xml', 'feed');
    assert.deepEqual(outcome, { ok: true, status: 'ok', error: null, etag: '"rss-v1"', lastModified: null });
    assert.deepEqual({ ok: summary.ok, known: summary.known, rejected: summary.rejected, failed: summary.failed }, { ok: 2, known: 1, rejected: 0, failed: [] });
    const articles = await store.listArticles();
    assert.deepEqual(
      articles.map((a) => ({ source: a.source, url: a.url, title: a.title, published: a.published, byline: a.byline })),
      [
        {
          source: `${site.url}/redirect/1`,
          url: `${site.url}/news/b`,
          title: 'Town council approves new library on the waterfront',
          published: '2026-03-05T18:00:00',
          byline: 'Tomas Berg',
        },
        {
          source: `${site.url}/news/a?utm_source=rss&utm_medium=feed`,
          url: `${site.url}/news/a`,
          title: 'Ferry service across the lake resumes after winter',
          published: '2026-03-02T07:30:00',
          byline: 'Ines Varga',
        },
      ],
    );
    // The AMP copy was fetched, recognised by its canonical link, and is now known by its own URL too.
    assert.equal(site.hits('/news/a/amp').length, 1);
    assert.equal(await store.findArticleByUrl([`${site.url}/news/a/amp`]), articles[1].id);
  });

  it('polls the feed again with If-None-Match and adds nothing', async () => {
    const pagesBefore = site.requests.filter((r) => r.path.startsWith('/news/')).length;
    const { outcome, summary } = await run('/feeds/rss.xml', 'feed', { etag: '"rss-v1"', lastModified: null });
    assert.deepEqual(outcome, { ok: true, status: 'not modified', error: null, etag: '"rss-v1"', lastModified: null });
    assert.equal(site.hits('/feeds/rss.xml').at(-1)?.headers['if-none-match'], '"rss-v1"');
    assert.deepEqual(summary.added, []);
    // Without validators the feed is read again, but every page is known by URL and none is fetched.
    const full = await run('/feeds/rss.xml', 'auto');
    assert.deepEqual({ ok: full.summary.ok, known: full.summary.known }, { ok: 0, known: 3 });
    assert.equal(site.requests.filter((r) => r.path.startsWith('/news/')).length, pagesBefore);
    assert.equal(await store.countArticles(), 2);
  });

  it('reads Atom and JSON feeds, using an item\'s own content when its page is gone', async () => {
    const atom = await run('/feeds/atom.xml', 'auto');
    assert.equal(atom.outcome.status, 'ok');
    assert.equal(atom.summary.ok, 1);
    const json = await run('/feeds/feed.json', 'feed');
    assert.deepEqual({ ok: json.summary.ok, failed: json.summary.failed }, { ok: 2, failed: [] });
    const byUrl = new Map((await store.listArticles()).map((a) => [a.url, a]));
    assert.equal(byUrl.get(`${site.url}/news/c`)?.byline, 'Rut Ahlgren');
    assert.equal(byUrl.get(`${site.url}/news/d`)?.byline, 'Ola Nystrom');
    const fromFeed = byUrl.get(`${site.url}/news/gone`);
    assert.equal(fromFeed?.title, 'Mountain road reopens after rockfall');
    assert.deepEqual(
      fromFeed?.messages.filter((m) => m.stage === 'fetch'),
      [{ level: 'warn', stage: 'fetch', reason: "the page could not be fetched (HTTP 404); the feed's own content is used" }],
    );
  });

  it('walks a sitemap index to a gzip\'d news sitemap, and reports the page robots.txt disallows', async () => {
    const { outcome, summary } = await run('/sitemap-index.xml', 'sitemap');
    assert.equal(outcome.ok, true);
    assert.equal(summary.ok, 1);
    assert.deepEqual(summary.failed, [
      { source: `${site.url}/private/staff-notes`, reason: `refused: robots.txt of ${new URL(site.url).host} disallows /private/staff-notes` },
    ]);
    const harbour = (await store.listArticles()).find((a) => a.url === `${site.url}/news/e`);
    assert.equal(harbour?.title, 'Harbour dredging to begin next month');
    assert.equal(harbour?.published, '2026-03-09T08:00:00');
  });

  it('reports every refusal and failure per URL with its reason, and goes on', async () => {
    const outcomes = [];
    const summary = emptySummary();
    for (const path of ['/report.pdf', '/loop/1', '/status/404', '/slow', '/news/f']) {
      outcomes.push((await ingestTarget({ store, fetcher, summary }, `${site.url}${path}`, 'page')).status);
    }
    assert.deepEqual(outcomes, ['refused', 'failed', 'HTTP 404', 'failed', 'ok']);
    assert.deepEqual(summary.failed.map((f) => f.reason), [
      'refused: served as application/pdf, not an HTML page',
      `redirect loop: ${site.url}/loop/1 was already visited`,
      'HTTP 404',
      'no response within 1 s',
    ]);
    // /news/f has the very bytes the JSON feed carried for the item whose page was gone: the same article.
    assert.deepEqual({ ok: summary.ok, known: summary.known, rejected: summary.rejectedFiles }, { ok: 0, known: 1, rejected: [] });
  });

  it('tells a feed from a page by the response when the kind is auto', async () => {
    const feed = await run('/feeds/atom.xml', 'auto');
    assert.deepEqual({ status: feed.outcome.status, known: feed.summary.known }, { status: 'ok', known: 1 });
    const notFeed = await run('/news/a', 'feed');
    assert.deepEqual(notFeed.outcome, {
      ok: false,
      status: 'not a feed',
      error: 'not a feed or sitemap: an HTML page',
      etag: null,
      lastModified: null,
    });
  });
});
