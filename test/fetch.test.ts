// The fetcher against a local site: politeness, limits, redirects, retries, and refusing
// non-public addresses before any connection is made.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addressRefusal } from '../src/fetch/address.js';
import { Fetcher, retryAfterMs, type FetchResult } from '../src/fetch/fetcher.js';
import { canonicalUrl } from '../src/fetch/url.js';
import { startNewsSite, type NewsSite } from './support/web-server.js';

const testFetcher = (options: ConstructorParameters<typeof Fetcher>[0] = {}): Fetcher =>
  new Fetcher({ allowPrivate: true, hostDelayMs: 0, retryBaseDelayMs: 10, firstByteTimeoutMs: 500, totalTimeoutMs: 5000, ...options });

function failure(result: FetchResult): { reason: string; refused: boolean; status?: number } {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result.ok ? { url: result.url } : result)}`);
  const { reason, refused, status } = result as Extract<FetchResult, { ok: false }>;
  return status === undefined ? { reason, refused } : { reason, refused, status };
}

describe('addresses a fetch may connect to', () => {
  it('refuses loopback, private, link-local, multicast and reserved ranges, also inside IPv6 forms', () => {
    const refused: [string, RegExp][] = [
      ['127.0.0.1', /loopback/],
      ['10.0.0.8', /private/],
      ['172.20.1.1', /private/],
      ['192.168.0.1', /private/],
      ['169.254.169.254', /link-local/],
      ['100.64.1.1', /carrier-grade NAT/],
      ['0.0.0.0', /unspecified/],
      ['224.0.0.251', /multicast/],
      ['255.255.255.255', /broadcast/],
      ['240.0.0.1', /reserved/],
      ['192.0.2.10', /reserved/],
      ['::1', /loopback/],
      ['::', /unspecified/],
      ['fe80::1', /link-local/],
      ['fd12:3456::1', /unique local/],
      ['ff02::1', /multicast/],
      ['2001:db8::1', /reserved/],
      ['::ffff:127.0.0.1', /embeds 127\.0\.0\.1: .*loopback/],
      ['::ffff:10.1.2.3', /embeds 10\.1\.2\.3: .*private/],
      ['64:ff9b::a9fe:a9fe', /embeds 169\.254\.169\.254: .*link-local/],
      ['2002:c0a8:0101::1', /embeds 192\.168\.1\.1: .*private/],
    ];
    for (const [address, reason] of refused) assert.match(addressRefusal(address) ?? 'allowed', reason, address);
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.215.14']) assert.equal(addressRefusal(address), null, address);
  });
});

describe('canonical URLs', () => {
  it('drops tracking parameters, fragments, default ports and case differences in the host', () => {
    assert.equal(
      canonicalUrl('HTTPS://News.Example:443/world/story/?utm_source=rss&b=2&fbclid=x&a=1#comments'),
      'https://news.example/world/story?a=1&b=2',
    );
    assert.equal(canonicalUrl('https://news.example/story?id=7&gclid=abc'), 'https://news.example/story?id=7');
    assert.equal(canonicalUrl('ftp://news.example/file'), null);
    assert.equal(canonicalUrl('not a url'), null);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    assert.equal(retryAfterMs('120'), 120_000);
    assert.equal(retryAfterMs('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')), 10_000);
    assert.equal(retryAfterMs('soon'), null);
  });
});

describe('the fetcher against a local site', () => {
  let site: NewsSite;
  before(async () => {
    site = await startNewsSite();
  });
  after(async () => {
    await site.close();
  });

  it('refuses a loopback URL without --allow-private before any connection is made', async () => {
    const fetcher = new Fetcher({ hostDelayMs: 0 });
    const before = site.connections();
    assert.deepEqual(failure(await fetcher.get({ url: `${site.url}/news/a`, expect: 'html' })), {
      reason: 'refused: 127.0.0.1 is a loopback address (use --allow-private to allow it)',
      refused: true,
    });
    const port = new URL(site.url).port;
    assert.match(failure(await fetcher.get({ url: `http://[::ffff:127.0.0.1]:${port}/news/a`, expect: 'html' })).reason, /^refused: ::ffff:7f00:1 embeds 127\.0\.0\.1: 127\.0\.0\.1 is a loopback address/);
    // A name is checked on the addresses DNS gives at connect time, not on the name.
    assert.match(failure(await fetcher.get({ url: `http://localhost:${port}/news/a`, expect: 'html' })).reason, /^refused: localhost resolves to (127\.0\.0\.1|::1) is a loopback address/);
    assert.equal(site.connections(), before);
    await fetcher.close();
  });

  it('refuses schemes other than http and https', async () => {
    const fetcher = testFetcher();
    assert.deepEqual(failure(await fetcher.get({ url: 'file:///etc/passwd', expect: 'html' })), {
      reason: 'refused: only http and https URLs are fetched, not file',
      refused: true,
    });
    await fetcher.close();
  });

  it('follows redirects up to the limit, and reports a loop', async () => {
    const fetcher = testFetcher();
    const result = await fetcher.get({ url: `${site.url}/redirect/1`, expect: 'html' });
    assert.ok(result.ok && !result.notModified);
    assert.equal(result.url, `${site.url}/news/b`);
    assert.deepEqual(result.chain, [`${site.url}/redirect/1`, `${site.url}/redirect/2`, `${site.url}/news/b`]);
    assert.deepEqual(failure(await fetcher.get({ url: `${site.url}/loop/1`, expect: 'html' })), {
      reason: `redirect loop: ${site.url}/loop/1 was already visited`,
      refused: false,
    });
    const strict = testFetcher({ maxRedirects: 1 });
    assert.deepEqual(failure(await strict.get({ url: `${site.url}/redirect/1`, expect: 'html' })), { reason: 'more than 1 redirects', refused: false });
    await fetcher.close();
    await strict.close();
  });

  it('honours robots.txt for its own product token, with an identifying User-Agent', async () => {
    const fetcher = testFetcher();
    assert.deepEqual(failure(await fetcher.get({ url: `${site.url}/private/staff-notes`, expect: 'html' })), {
      reason: `refused: robots.txt of ${new URL(site.url).host} disallows /private/staff-notes`,
      refused: true,
    });
    assert.equal(site.hits('/private/staff-notes').length, 0);
    const other = testFetcher({ userAgent: 'otherbot/2.0' });
    assert.match(failure(await other.get({ url: `${site.url}/news/c`, expect: 'html' })).reason, /disallows \/news\/c/);
    const robots = site.hits('/robots.txt');
    assert.ok(robots.length >= 1);
    assert.match(String(robots[0].headers['user-agent']), /^dossier\//);
    await fetcher.close();
    await other.close();
  });

  it('retries a 429 after its Retry-After and a 500 with back-off', async () => {
    const fetcher = testFetcher();
    const limited = await fetcher.get({ url: `${site.url}/limited`, expect: 'html' });
    assert.ok(limited.ok && !limited.notModified && limited.status === 200);
    assert.equal(site.hits('/limited').length, 2);
    const flaky = await fetcher.get({ url: `${site.url}/flaky`, expect: 'html' });
    assert.ok(flaky.ok && !flaky.notModified && flaky.status === 200);
    assert.equal(site.hits('/flaky').length, 2);
    const impatient = testFetcher({ retries: 0 });
    assert.deepEqual(failure(await impatient.get({ url: `${site.url}/status/404`, expect: 'html' })), { reason: 'HTTP 404', refused: false, status: 404 });
    await fetcher.close();
    await impatient.close();
  });

  it('gives up on a Retry-After longer than it waits, and says when to come back', async () => {
    const site2 = await startNewsSite();
    const fetcher = testFetcher({ maxRetryWaitMs: 100 });
    const result = await fetcher.get({ url: `${site2.url}/limited`, expect: 'html' });
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.ok ? null : { reason: result.reason, status: result.status, retryAfterMs: result.retryAfterMs },
      { reason: 'HTTP 429 after 1 attempt (Retry-After 1 s)', status: 429, retryAfterMs: 1000 },
    );
    await fetcher.close();
    await site2.close();
  });

  it('enforces the time to first byte, the body size and the decoded size, and rejects non-HTML types', async () => {
    const fetcher = testFetcher({ maxBodyBytes: 1_000_000, maxDecodedBytes: 5_000_000 });
    assert.deepEqual(failure(await fetcher.get({ url: `${site.url}/slow`, expect: 'html' })), { reason: 'no response within 0.5 s', refused: false });
    assert.deepEqual(failure(await fetcher.get({ url: `${site.url}/big`, expect: 'html' })), {
      reason: 'body over 1000000 bytes',
      refused: true,
      status: 200,
    });
    assert.deepEqual(failure(await fetcher.get({ url: `${site.url}/bomb`, expect: 'html' })), {
      reason: 'decoded body over 5000000 bytes (compression bomb?)',
      refused: true,
      status: 200,
    });
    assert.deepEqual(failure(await fetcher.get({ url: `${site.url}/report.pdf`, expect: 'html' })), {
      reason: 'refused: served as application/pdf, not an HTML page',
      refused: true,
      status: 200,
    });
    await fetcher.close();
  });

  it('decodes brotli and gzip bodies and sends conditional requests', async () => {
    const fetcher = testFetcher();
    const brotli = await fetcher.get({ url: `${site.url}/brotli`, expect: 'html' });
    assert.ok(brotli.ok && !brotli.notModified);
    assert.match(brotli.body.toString('utf8'), /Fishing cooperative reports its best catch/);
    const feed = await fetcher.get({ url: `${site.url}/feeds/rss.xml`, expect: 'feed' });
    assert.ok(feed.ok && !feed.notModified);
    assert.equal(feed.etag, '"rss-v1"');
    const again = await fetcher.get({ url: `${site.url}/feeds/rss.xml`, expect: 'feed', etag: feed.etag });
    assert.equal(again.ok && again.notModified, true);
    assert.equal(site.hits('/feeds/rss.xml').at(-1)?.headers['if-none-match'], '"rss-v1"');
    await fetcher.close();
  });
});
