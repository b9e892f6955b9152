// The sources list over HTTP: JSON and the Sources page for everyone; adding and removing only with --allow-ingest.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createApp } from '../src/server/app.js';
import { SqliteStore } from '../src/store/sqlite.js';

const tempStore = (): SqliteStore => new SqliteStore(join(mkdtempSync(join(tmpdir(), 'dossier-srv-')), 'test.db'));

const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('sources over HTTP', () => {
  it('refuses to add or remove sources unless the server runs with --allow-ingest', async () => {
    const store = tempStore();
    const app = createApp(store, {});
    const added = await app.request('/api/sources', post({ url: 'https://news.example/rss.xml' }));
    assert.equal(added.status, 403);
    assert.deepEqual(await added.json(), { error: 'changing sources is disabled: start the server with --allow-ingest' });
    assert.equal((await app.request('/api/sources/abc', { method: 'DELETE' })).status, 403);
    assert.deepEqual(await (await app.request('/api/sources')).json(), { sources: [] });
    assert.deepEqual(await store.listSources(), []);
    await store.close();
  });

  it('adds a source, lists it in JSON and on the Sources page, validates input and removes it', async () => {
    const store = tempStore();
    const app = createApp(store, { allowIngest: true });
    const response = await app.request('/api/sources', post({ url: 'https://news.example/rss.xml?utm_source=x', kind: 'feed', every: '30m' }));
    assert.equal(response.status, 200);
    const { source, created } = await response.json();
    assert.equal(created, true);
    assert.deepEqual({ url: source.url, kind: source.kind, intervalSeconds: source.intervalSeconds, lastStatus: source.lastStatus }, {
      url: 'https://news.example/rss.xml',
      kind: 'feed',
      intervalSeconds: 1800,
      lastStatus: null,
    });
    await store.recordSourcePoll(source.id, {
      at: '2026-03-01T10:00:00.000Z',
      ok: false,
      status: 'HTTP 503',
      error: 'HTTP 503 after 4 attempts',
      etag: null,
      lastModified: null,
      errorCount: 2,
      nextFetchAt: '2026-03-01T11:00:00.000Z',
    });
    const listed = await (await app.request('/api/sources')).json();
    assert.deepEqual(listed.sources.map((s: { id: string; errorCount: number }) => [s.id, s.errorCount]), [[source.id, 2]]);
    const page = await (await app.request('/sources')).text();
    assert.match(page, /<a href="https:\/\/news\.example\/rss\.xml" rel="noreferrer noopener">https:\/\/news\.example\/rss\.xml<\/a>/);
    assert.match(page, /HTTP 503<br><span class="error-message">2 failures in a row: HTTP 503 after 4 attempts<\/span>/);
    assert.match(page, /<a href="\/sources">Sources<\/a>/);

    const bad = await app.request('/api/sources', post({ url: 'https://news.example/feed', every: 'soon' }));
    assert.deepEqual({ status: bad.status, body: await bad.json() }, { status: 400, body: { error: 'not an interval: "soon" (use seconds or 30s, 15m, 2h, 1d)' } });
    const tooOften = await app.request('/api/sources', post({ url: 'https://news.example/feed', every: '5s' }));
    assert.deepEqual(await tooOften.json(), { error: 'interval too short: 5s (at least 60 s)' });
    const notHttp = await app.request('/api/sources', post({ url: 'file:///etc/passwd' }));
    assert.deepEqual({ status: notHttp.status, body: await notHttp.json() }, { status: 400, body: { error: 'not an http or https URL: file:///etc/passwd' } });

    const removed = await app.request(`/api/sources/${source.id}`, { method: 'DELETE' });
    assert.deepEqual(await removed.json(), { removed: source.id });
    assert.equal((await app.request(`/api/sources/${source.id}`, { method: 'DELETE' })).status, 404);
    assert.match(await (await app.request('/sources')).text(), /No sources yet\./);
    const spec = await (await app.request('/api/openapi.json')).json();
    assert.deepEqual(Object.keys(spec.paths['/api/sources']).sort(), ['get', 'post']);
    await store.close();
  });
});
