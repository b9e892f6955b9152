// A news site on 127.0.0.1 for the live-source tests: feeds (RSS, Atom, JSON Feed), a sitemap
// index, pages (one under two URLs with a canonical link), redirects and a loop, conditional
// requests, 404, 429 with Retry-After, 500 then 200, a slow response, a body over the limit,
// a gzip bomb and a robots.txt that disallows one path. Every request is recorded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
}

export function page(title: string, paragraphs: string[], head = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>
<header><a href="/">Lakeside Gazette</a></header>
<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article>
<footer>© Lakeside Gazette</footer></body></html>`;
}

const STORIES: Record<string, { title: string; paragraphs: string[] }> = {
  a: {
    title: 'Ferry service across the lake resumes after winter',
    paragraphs: [
      'The passenger ferry between the two largest towns on the lake resumed its daily crossings on Monday after the ice broke up earlier than usual this year.',
      'The operator said it would run six crossings a day until the end of May and eight during the summer, when tourists double the number of passengers.',
      'Ticket prices remain unchanged from last season, the company added, although a new monthly pass for commuters will be offered from April.',
    ],
  },
  b: {
    title: 'Town council approves new library on the waterfront',
    paragraphs: [
      'The town council voted seven to two on Thursday to build a new public library on the site of the old fish market by the waterfront.',
      'Construction is expected to begin in the autumn and to take about eighteen months, with the building opening to readers early in the following year.',
      'Opponents of the plan argued that the site should be kept for housing, while supporters said the current library had run out of room years ago.',
    ],
  },
  c: {
    title: 'Fishing cooperative reports its best catch in a decade',
    paragraphs: [
      'Members of the lake fishing cooperative landed more whitefish last year than in any year since the cooperative began keeping records a decade ago.',
      'Biologists at the regional fisheries institute credited cleaner water and a ban on fishing during spawning weeks, introduced four years earlier.',
      'The cooperative plans to open a smokehouse near the harbour this spring, creating about a dozen jobs for local residents, its chairwoman said.',
    ],
  },
  d: {
    title: 'Cycling path around the northern shore is finished',
    paragraphs: [
      'A forty kilometre cycling path around the northern shore of the lake opened on Saturday, linking five villages that had no safe route between them.',
      'Hundreds of riders took part in the opening ride, which ended at the old lighthouse where volunteers served soup and bread to the cyclists.',
      'The regional government paid for most of the path, with the villages covering the cost of benches, signs and a repair station at each end.',
    ],
  },
  e: {
    title: 'Harbour dredging to begin next month',
    paragraphs: [
      'Dredging of the main harbour will begin next month so that larger boats can dock there again, the port authority announced on Wednesday.',
      'Silt carried by spring floods has made the harbour too shallow for the lake cruise ships for the past two seasons, costing the town visitors.',
      'The work will take about ten weeks, and the authority said the harbour will stay open to small boats throughout the work on weekdays and weekends.',
    ],
  },
  f: {
    title: 'Mountain road reopens after rockfall',
    paragraphs: [
      'The mountain road above the eastern shore reopened on Friday after crews cleared the rocks that blocked both lanes for nine days this month.',
      'Engineers fixed steel nets to the slope above the road to stop further falls, and the speed limit on the stretch has been lowered for the summer.',
      'Residents of the upper villages had to make a two hour detour through the valley while the road was closed, and the school bus was cancelled.',
    ],
  },
};

export function storyPage(key: string, head = ''): string {
  const story = STORIES[key];
  return page(story.title, story.paragraphs, head);
}

export interface NewsSite {
  url: string;
  requests: RecordedRequest[];
  /** TCP connections accepted so far. */
  connections(): number;
  /** Requests for a path. */
  hits(path: string): RecordedRequest[];
  /** Holds the response to this path until `release` is called; resolves `held` when it arrives. */
  hold(path: string): { held: Promise<void>; release: () => void };
  close(): Promise<void>;
}

export async function startNewsSite(): Promise<NewsSite> {
  const requests: RecordedRequest[] = [];
  const attempts = new Map<string, number>();
  const holds = new Map<string, { arrived: () => void; released: Promise<void> }>();
  let connections = 0;
  let base = '';
  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'Content-Type': type, ...headers });
    res.end(body);
  };
  const html = 'text/html; charset=utf-8';
  const rssEtag = '"rss-v1"';
  const rss = (): string => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Lakeside Gazette</title><link>${base}/</link><atom:link href="${base}/feeds/rss.xml" rel="self"/>
<item><title>Ferry service resumes</title><link>${base}/news/a?utm_source=rss&amp;utm_medium=feed</link><pubDate>Mon, 02 Mar 2026 07:30:00 GMT</pubDate><dc:creator>Ines Varga</dc:creator></item>
<item><title>New library approved</title><link>/redirect/1</link><guid isPermaLink="false">lib-1</guid><pubDate>Thu, 05 Mar 2026 18:00:00 GMT</pubDate><author>desk@gazette.example (Tomas Berg)</author></item>
<item><title>Ferry service resumes (mobile)</title><link>${base}/news/a/amp</link><pubDate>Mon, 02 Mar 2026 07:00:00 GMT</pubDate></item>
</channel></rss>`;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname;
    requests.push({ path: `${path}${url.search}`, headers: req.headers });
    const attempt = (attempts.get(path) ?? 0) + 1;
    attempts.set(path, attempt);
    const respond = (): void => {
      const story = path.match(/^\/news\/([a-f])$/);
      if (story) return send(res, 200, html, storyPage(story[1]));
      switch (path) {
        case '/robots.txt':
          return send(res, 200, 'text/plain', 'User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n');
        case '/feeds/rss.xml':
          if (req.headers['if-none-match'] === rssEtag) {
            res.writeHead(304, { ETag: rssEtag });
            return res.end();
          }
          return send(res, 200, 'application/rss+xml; charset=utf-8', rss(), { ETag: rssEtag });
        case '/feeds/atom.xml':
          return send(
            res,
            200,
            'application/atom+xml',
            `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette (Atom)</title>
<entry><title>Best catch in a decade</title><link rel="alternate" href="${base}/news/c"/><link rel="enclosure" href="${base}/img/c.jpg"/><id>tag:c</id><published>2026-03-06T09:00:00Z</published><author><name>Rut Ahlgren</name></author></entry></feed>`,
          );
        case '/feeds/feed.json':
          // Served as plain JSON: the JSON Feed version tells what it is.
          return send(
            res,
            200,
            'application/json',
            JSON.stringify({
              version: 'https://jsonfeed.org/version/1.1',
              title: 'Gazette (JSON)',
              items: [
                { id: 'd', url: `${base}/news/d`, title: 'Northern cycling path', date_published: '2026-03-07T10:00:00Z', authors: [{ name: 'Ola Nystrom' }] },
                { id: 'gone', url: `${base}/news/gone`, title: 'Mountain road reopens', date_published: '2026-03-08T10:00:00Z', content_html: storyPage('f') },
              ],
            }),
          );
        case '/sitemap-index.xml':
          return send(
            res,
            200,
            'application/xml',
            `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${base}/sitemaps/news.xml.gz</loc></sitemap></sitemapindex>`,
          );
        case '/sitemaps/news.xml.gz':
          return send(
            res,
            200,
            'application/x-gzip',
            gzipSync(
              `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>${base}/news/e</loc><news:news><news:publication><news:name>Lakeside Gazette</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-03-09T08:00:00Z</news:publication_date><news:title>Harbour dredging to begin</news:title></news:news></url>
<url><loc>${base}/private/staff-notes</loc><lastmod>2026-03-01</lastmod></url></urlset>`,
            ),
          );
        case '/news/a/amp':
          // The same story as /news/a under another address, with different markup.
          return send(res, 200, html, storyPage('a', `<link rel="canonical" href="/news/a"><meta name="viewport" content="width=device-width">`));
        case '/redirect/1':
          res.writeHead(302, { Location: '/redirect/2' });
          return res.end();
        case '/redirect/2':
          res.writeHead(301, { Location: `${base}/news/b` });
          return res.end();
        case '/loop/1':
          res.writeHead(302, { Location: '/loop/2' });
          return res.end();
        case '/loop/2':
          res.writeHead(302, { Location: '/loop/1' });
          return res.end();
        case '/limited':
          if (attempt === 1) return send(res, 429, 'text/plain', 'slow down', { 'Retry-After': '1' });
          return send(res, 200, html, storyPage('e'));
        case '/flaky':
          if (attempt === 1) return send(res, 500, 'text/plain', 'oops');
          return send(res, 200, html, storyPage('f'));
        case '/slow':
          setTimeout(() => send(res, 200, html, storyPage('a')), 3000).unref();
          return;
        case '/big':
          return send(res, 200, html, `<html><body>${'<p>padding</p>'.repeat(200_000)}</body></html>`);
        case '/bomb': {
          // 64 MB of spaces in 64 KB of gzip.
          const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
          return send(res, 200, html, bomb, { 'Content-Encoding': 'gzip' });
        }
        case '/brotli':
          return send(res, 200, html, brotliCompressSync(Buffer.from(storyPage('c'))), { 'Content-Encoding': 'br' });
        case '/report.pdf':
          return send(res, 200, 'application/pdf', '%PDF-1.7 not a page');
        case '/private/staff-notes':
          return send(res, 200, html, storyPage('b'));
        default:
          return send(res, 404, html, '<html><body><h1>Not found</h1></body></html>');
      }
    };
    const hold = holds.get(path);
    if (hold) {
      hold.arrived();
      void hold.released.then(respond);
    } else respond();
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    connections: () => connections,
    hits: (path) => requests.filter((r) => r.path === path),
    hold(path) {
      let arrived!: () => void;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (arrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.set(path, { arrived, released });
      return {
        held,
        release: () => {
          holds.delete(path);
          release();
        },
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
