// Builds WARC test files with warcio: every test makes the file it reads, so the fixture is the
// code below and not a binary blob in the repository.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer, type WARCRecordOpts } from 'warcio';

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

export interface WarcEntry {
  options: WARCRecordOpts;
  body?: Uint8Array | string;
}

export async function serializeRecord(entry: WarcEntry, gzip: boolean): Promise<Uint8Array> {
  const body = typeof entry.body === 'string' ? new TextEncoder().encode(entry.body) : (entry.body ?? new Uint8Array());
  const record = WARCRecord.create({ warcVersion: 'WARC/1.1', ...entry.options }, once(body));
  return WARCSerializer.serialize(record, { gzip });
}

export function article(title: string, paragraphs: string[]): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article>
<footer>Copyright The Harbour Courier</footer></body></html>`;
}

export const PAGE_ONE = article('Harbour authority opens second container terminal', [
  'The regional harbour authority opened a second container terminal on Tuesday, doubling the number of ships that can unload at the port each week.',
  'Officials said the terminal had been finished three months ahead of schedule and under its budget of 120 million dollars, after two years of construction.',
  'Shipping companies welcomed the opening, saying waiting times outside the breakwater had grown to four days during the busiest season last year.',
]);

export const PAGE_TWO = article('Rail freight line to the port reopens after repairs', [
  'The freight line linking the port with the inland depot reopened on Wednesday after six weeks of repairs to a bridge damaged by spring floods.',
  'Engineers replaced two steel spans and strengthened the piers, the rail operator said in a statement, adding that trains would run at full speed again from Monday.',
  'Hauliers had moved containers by road while the line was closed, and local councils reported heavier traffic on the coastal highway during the repairs.',
]);

/** Chunked transfer coding of a body, as a crawler records it when the server sent it so. */
function chunked(bytes: Uint8Array): Buffer {
  const half = Math.floor(bytes.length / 2);
  const parts = [bytes.subarray(0, half), bytes.subarray(half)];
  return Buffer.concat([...parts.flatMap((part) => [Buffer.from(`${part.length.toString(16)}\r\n`), Buffer.from(part), Buffer.from('\r\n')]), Buffer.from('0\r\n\r\n')]);
}

/**
 * A small crawl: warcinfo, a request, two HTML pages (one gzip'd and chunked as sent), a PNG,
 * a 404, a revisit of the first page, a record the crawler truncated, and a last page cut off
 * mid-record (the file ends early). Returns what a reader should find.
 */
export async function writeSampleWarc(path: string, gzip = true): Promise<{ pages: string[]; truncatedAt: number }> {
  const date = '2026-03-03T08:15:00Z';
  const entries: WarcEntry[] = [
    { options: { type: 'warcinfo', filename: 'sample.warc.gz', warcHeaders: { 'Content-Type': 'application/warc-fields' } }, body: 'software: dossier tests\r\n' },
    { options: { type: 'request', url: 'https://courier.example/port/terminal', date, httpHeaders: { Host: 'courier.example' }, statusline: 'GET /port/terminal HTTP/1.1' } },
    {
      options: { type: 'response', url: 'https://courier.example/port/terminal?utm_source=rss', date, statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } },
      body: PAGE_ONE,
    },
    {
      options: {
        type: 'response',
        url: 'https://courier.example/rail/reopens',
        date: '2026-03-04T09:00:00Z',
        statusline: 'HTTP/1.1 200 OK',
        httpHeaders: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip', 'Transfer-Encoding': 'chunked' },
      },
      body: chunked(gzipSync(Buffer.from(PAGE_TWO))),
    },
    {
      options: { type: 'response', url: 'https://courier.example/logo.png', date, statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'image/png' } },
      body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    },
    {
      options: { type: 'response', url: 'https://courier.example/missing', date, statusline: 'HTTP/1.1 404 Not Found', httpHeaders: { 'Content-Type': 'text/html' } },
      body: '<html><body><h1>Page not found</h1></body></html>',
    },
    {
      options: {
        type: 'revisit',
        url: 'https://courier.example/port/terminal',
        date: '2026-03-05T08:15:00Z',
        refersToUrl: 'https://courier.example/port/terminal',
        refersToDate: date,
        warcHeaders: { 'WARC-Profile': 'http://netpreserve.org/warc/1.1/revisit/identical-payload-digest' },
        statusline: 'HTTP/1.1 200 OK',
        httpHeaders: { 'Content-Type': 'text/html' },
      },
    },
    {
      options: {
        type: 'response',
        url: 'https://courier.example/long-read',
        date,
        statusline: 'HTTP/1.1 200 OK',
        httpHeaders: { 'Content-Type': 'text/html' },
        warcHeaders: { 'WARC-Truncated': 'length' },
      },
      body: PAGE_TWO.slice(0, 300),
    },
  ];
  const records = await Promise.all(entries.map((entry) => serializeRecord(entry, gzip)));
  const last = await serializeRecord(
    {
      options: { type: 'response', url: 'https://courier.example/cut-off', date, statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html' } },
      body: PAGE_ONE.replace('second container terminal', 'third container terminal'),
    },
    gzip,
  );
  const complete = Buffer.concat(records.map((r) => Buffer.from(r)));
  writeFileSync(path, Buffer.concat([complete, Buffer.from(last).subarray(0, Math.floor(last.length / 2))]));
  return { pages: ['https://courier.example/port/terminal', 'https://courier.example/rail/reopens'], truncatedAt: complete.length };
}
