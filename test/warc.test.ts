// WARC files built here with warcio: HTML responses become articles with the record's URL and
// date; other records are skipped with a count; truncated records are reported with their offset.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { emptySummary } from '../src/ingest/index.js';
import { describeSkips, ingestWarcFile, readWarc } from '../src/ingest/warc.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { RawDocument } from '../src/types.js';
import { writeSampleWarc } from './support/warc.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'dossier-warc-'));

/** Length of the WARC header block of the record at `offset` of an uncompressed file (up to the blank line). */
function headerBytes(path: string, offset: number): number {
  return readFileSync(path).subarray(offset).indexOf('\r\n\r\n') + 4;
}

function declaredLength(path: string, offset: number): number {
  const head = readFileSync(path).subarray(offset, offset + headerBytes(path, offset)).toString('latin1');
  return Number(head.match(/^Content-Length: (\d+)/im)?.[1]);
}

for (const gzip of [true, false]) {
  const name = gzip ? 'sample.warc.gz' : 'sample.warc';
  describe(`reading ${name}`, () => {
    it('yields the HTML responses with URL and date hints, and reports both truncated records', async () => {
      const path = join(tempDir(), name);
      const { truncatedAt } = await writeSampleWarc(path, gzip);
      const documents: RawDocument[] = [];
      const skips = await readWarc(path, async (raw) => {
        documents.push(raw);
      });
      assert.deepEqual(
        documents.map((d) => (d.error ? { error: d.error } : { hints: d.hints, html: d.bytes?.toString('utf8').includes('<article>') })),
        [
          {
            hints: { url: 'https://courier.example/port/terminal', published: '2026-03-03T08:15:00Z', kind: 'html', charset: 'utf-8' },
            html: true,
          },
          { hints: { url: 'https://courier.example/rail/reopens', published: '2026-03-04T09:00:00Z', kind: 'html', charset: undefined }, html: true },
          { error: 'truncated WARC record: the crawler cut it short (WARC-Truncated: length)' },
          {
            // A cut gzip member stops the record stream; an uncompressed record is measured against its Content-Length.
            error: gzip
              ? `truncated WARC record at byte ${truncatedAt}: the file ends inside it (${statSync(path).size - truncatedAt} bytes left unread)`
              : `truncated WARC record: ${statSync(path).size - truncatedAt - headerBytes(path, truncatedAt)} of ${declaredLength(path, truncatedAt)} bytes (the file ends inside it)`,
          },
        ],
      );
      assert.equal(documents.at(-1)?.source, `${path}#${truncatedAt}`);
      assert.deepEqual(skips, { byType: { warcinfo: 1, request: 1, revisit: 1 }, nonHtml: { 'image/png': 1 }, byStatus: { '404': 1 } });
      assert.equal(describeSkips(skips), 'skipped 1 request, 1 revisit, 1 warcinfo, 1 non-HTML (image/png), 1 HTTP 404');
    });
  });
}

describe('ingesting a WARC file', () => {
  it('stores each page once with its URL and crawl date, lists the truncated records, and adds nothing the second time', async () => {
    const dir = tempDir();
    const path = join(dir, 'crawl.warc.gz');
    await writeSampleWarc(path);
    const store = new SqliteStore(join(dir, 'test.db'));
    const first = emptySummary();
    await ingestWarcFile(store, path, first);
    assert.deepEqual({ ok: first.ok, rejected: first.rejected, known: first.known }, { ok: 2, rejected: 2, known: 0 });
    const articles = await store.listArticles({ status: 'ok' });
    assert.deepEqual(
      articles.map((a) => ({ url: a.url, title: a.title, published: a.published })),
      [
        { url: 'https://courier.example/port/terminal', title: 'Harbour authority opens second container terminal', published: '2026-03-03T08:15:00Z' },
        { url: 'https://courier.example/rail/reopens', title: 'Rail freight line to the port reopens after repairs', published: '2026-03-04T09:00:00Z' },
      ],
    );
    assert.match(articles[0].source, /crawl\.warc\.gz#\d+$/);
    assert.deepEqual(
      first.rejectedFiles.map((r) => r.reason.replace(/\d+/g, 'N')),
      ['truncated WARC record: the crawler cut it short (WARC-Truncated: length)', 'truncated WARC record at byte N: the file ends inside it (N bytes left unread)'],
    );
    const second = emptySummary();
    await ingestWarcFile(store, path, second);
    assert.deepEqual(second.added, []);
    assert.equal(second.known, 4);
    assert.equal(await store.countArticles(), 4);
    await store.close();
  });
});
