// WARC files (`.warc`, `.warc.gz`: Common Crawl's news crawl, Heritrix, wget, browsertrix) into
// raw documents. warcio reads the records as a stream; only HTML `response` records with a 2xx
// status become documents, each with its target URI as URL and its WARC-Date as a date hint.
// Revisits, requests, metadata and non-HTML responses are counted and skipped; a record cut
// short (by the crawler, or a file that ends mid-record) is reported with its offset.
import { createReadStream, statSync } from 'node:fs';
import { AsyncIterReader, StatusAndHeadersParser, WARCParser, type WARCRecord } from 'warcio';
import { canonicalUrl } from '../fetch/url.js';
import type { Store } from '../store/store.js';
import type { RawDocument } from '../types.js';
import { ingestRaw, type IngestSummary } from './index.js';
import { storePage } from './pages.js';
import { MAX_FILE_BYTES } from './read.js';

export function isWarcPath(path: string): boolean {
  return /\.warc(\.gz)?$/i.test(path);
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export interface WarcSkips {
  /** Records that are not responses (warcinfo, request, metadata, revisit, ...), by WARC-Type. */
  byType: Record<string, number>;
  /** Responses that are not HTML, by media type. */
  nonHtml: Record<string, number>;
  /** Responses with a status other than 2xx (redirects, errors), by status. */
  byStatus: Record<string, number>;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function mediaTypeOf(value: string | null): { mediaType: string; charset: string | undefined } {
  if (!value) return { mediaType: '', charset: undefined };
  const [type, ...params] = value.split(';');
  const charset = params.map((p) => p.trim().match(/^charset\s*=\s*"?([^";\s]+)"?$/i)?.[1]).find(Boolean);
  return { mediaType: type.trim().toLowerCase(), charset };
}

/** Splits an HTTP response block (status line, headers, body) and undoes chunking and content encoding. */
async function readHttpResponse(block: Uint8Array): Promise<{ status: number; headers: Headers; body: Buffer } | { error: string }> {
  const reader = new AsyncIterReader([block], null);
  const parsed = await new StatusAndHeadersParser().parse(reader, { headersClass: Headers });
  if (!parsed) return { error: 'the response record has no HTTP headers' };
  const status = Number(parsed.statusline.split(' ')[1]);
  const headers = parsed.headers as Headers;
  const encoding = headers.get('content-encoding');
  const chunked = (headers.get('transfer-encoding') ?? '').toLowerCase().includes('chunked');
  const decoding = new AsyncIterReader(reader, encoding && /^(gzip|x-gzip|deflate|br)$/i.test(encoding) ? encoding.toLowerCase().replace('x-gzip', 'gzip') : null, chunked);
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of decoding) {
      size += chunk.length;
      if (size > MAX_FILE_BYTES) return { error: `decoded page over ${MAX_FILE_BYTES / 1048576} MB` };
      chunks.push(Buffer.from(chunk));
    }
    return { status, headers, body: Buffer.concat(chunks) };
  } catch (error) {
    return { error: `the page cannot be decoded (${(error as Error).message})` };
  }
}

async function documentFromRecord(record: WARCRecord, source: string, skips: WarcSkips): Promise<RawDocument | null> {
  const type = record.warcType;
  if (type !== 'response') {
    bump(skips.byType, type ?? 'untyped');
    return null;
  }
  const block = await record.readFully(false);
  const declared = record.warcContentLength;
  if (block.length < declared) return { source, error: `truncated WARC record: ${block.length} of ${declared} bytes (the file ends inside it)` };
  const truncated = record.warcHeader('WARC-Truncated');
  if (truncated) return { source, error: `truncated WARC record: the crawler cut it short (WARC-Truncated: ${truncated})` };
  const response = await readHttpResponse(block);
  if ('error' in response) return { source, error: response.error };
  if (response.status < 200 || response.status >= 300) {
    bump(skips.byStatus, String(response.status));
    return null;
  }
  const { mediaType, charset } = mediaTypeOf(response.headers.get('content-type'));
  if (!HTML_TYPES.has(mediaType)) {
    bump(skips.nonHtml, mediaType || 'no type');
    return null;
  }
  const target = record.warcTargetURI ?? undefined;
  return {
    source,
    bytes: response.body,
    hints: {
      url: (target && canonicalUrl(target)) ?? target,
      published: record.warcDate ?? undefined,
      kind: 'html',
      charset,
    },
  };
}

/**
 * Reads a WARC file record by record; `onDocument` is called for each HTML page (and each
 * unreadable record, as a document with an error) before the next record is read, so memory
 * stays flat however large the file is. Sources are `path#offset` (the record's byte offset).
 */
export async function readWarc(path: string, onDocument: (raw: RawDocument) => Promise<void>): Promise<WarcSkips> {
  const skips: WarcSkips = { byType: {}, nonHtml: {}, byStatus: {} };
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    await onDocument({ source: path, error: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    return skips;
  }
  // Records are parsed without their HTTP part so that a short record can be measured against its Content-Length.
  const parser = new WARCParser(createReadStream(path), { parseHttp: false });
  let end = 0;
  let records = 0;
  try {
    for await (const record of parser) {
      records++;
      const offset = parser.offset;
      const raw = await documentFromRecord(record, `${path}#${offset}`, skips);
      end = parser.offset + parser.recordLength;
      if (raw) await onDocument(raw);
    }
  } catch (error) {
    await onDocument({ source: `${path}#${end}`, error: `unreadable WARC data at byte ${end}: ${(error as Error).message}` });
    return skips;
  }
  if (records === 0) {
    await onDocument({ source: path, error: 'not a WARC file: no WARC record found' });
  } else if (end < size) {
    // A gzip member cut short ends the record stream early, without an error.
    await onDocument({ source: `${path}#${end}`, error: `truncated WARC record at byte ${end}: the file ends inside it (${size - end} bytes left unread)` });
  }
  return skips;
}

/** A one-line account of what a WARC file held besides its pages. */
export function describeSkips(skips: WarcSkips): string {
  const parts: string[] = [];
  const list = (counts: Record<string, number>, label: (key: string) => string): void => {
    for (const [key, count] of Object.entries(counts).sort()) parts.push(`${count} ${label(key)}`);
  };
  list(skips.byType, (type) => `${type}`);
  list(skips.nonHtml, (type) => `non-HTML (${type})`);
  list(skips.byStatus, (status) => `HTTP ${status}`);
  return parts.length > 0 ? `skipped ${parts.join(', ')}` : 'nothing skipped';
}

/** Ingests every HTML page of a WARC file, one committed article at a time; returns what was skipped. */
export async function ingestWarcFile(store: Store, path: string, summary: IngestSummary, signal?: AbortSignal): Promise<WarcSkips> {
  summary.files++;
  return readWarc(path, async (raw) => {
    signal?.throwIfAborted();
    if (raw.error || !raw.bytes) {
      await ingestRaw(store, [raw], summary);
      return;
    }
    const url = raw.hints?.url;
    await storePage(
      store,
      { source: raw.source, url: url ?? '', alsoAt: [], body: raw.bytes, charset: raw.hints?.charset, hints: { published: raw.hints?.published } },
      summary,
    );
  });
}
