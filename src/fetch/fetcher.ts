// Polite, SSRF-safe HTTP fetching. Every request goes through one undici Agent whose connector
// checks the address it actually connects to (after DNS, on every redirect hop), so a host name
// that resolves to a private address, or starts to (DNS rebinding), is refused. Around it:
// robots.txt, one request at a time per host with a minimum delay, retries with back-off on
// 429 and 5xx (Retry-After honoured), redirects followed by hand (each hop checked again),
// gzip/deflate/brotli decoding and limits on body size, decoded size and time.
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, buildConnector, errors as undiciErrors, request } from 'undici';
import { addressRefusal, ipLiteral } from './address.js';
import { RobotsCache } from './robots.js';

export interface FetchLimits {
  /** Largest body as sent (compressed), in bytes. */
  maxBodyBytes: number;
  /** Largest body after gzip/deflate/brotli decoding, in bytes (a gzip bomb stops here). */
  maxDecodedBytes: number;
  /** Longest wait for the response headers after the request is sent. */
  firstByteTimeoutMs: number;
  /** Longest time for one request, from connecting to the last byte. */
  totalTimeoutMs: number;
}

export interface FetcherOptions extends FetchLimits {
  /** Allow loopback, private, link-local and other non-public addresses (intranets, tests). */
  allowPrivate: boolean;
  userAgent: string;
  /** Minimum time between two requests to one host (robots.txt Crawl-delay raises it). */
  hostDelayMs: number;
  maxRedirects: number;
  /** Further attempts after a 429, a 5xx or a dropped connection. */
  retries: number;
  /** First back-off when the server gives no Retry-After; doubled on each attempt. */
  retryBaseDelayMs: number;
  /** A Retry-After longer than this is not waited for: the fetch fails and says when to come back. */
  maxRetryWaitMs: number;
}

/** Defaults: a 10 MB page is far beyond any article; 30 s covers slow news sites. */
export const DEFAULT_FETCHER_OPTIONS: FetcherOptions = {
  allowPrivate: false,
  userAgent: 'dossier/0.1 (news dossier builder; honours robots.txt)',
  maxBodyBytes: 10 * 1024 * 1024,
  maxDecodedBytes: 50 * 1024 * 1024,
  firstByteTimeoutMs: 15_000,
  totalTimeoutMs: 30_000,
  hostDelayMs: 1_000,
  maxRedirects: 5,
  retries: 3,
  retryBaseDelayMs: 1_000,
  maxRetryWaitMs: 120_000,
};

/** What the caller will do with the body; anything else is refused with the type it had. */
export type Expect = 'html' | 'feed' | 'any-document' | 'robots';

export interface FetchRequest {
  url: string;
  expect: Expect;
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
}

export interface Fetched {
  ok: true;
  notModified: false;
  requested: string;
  /** The URL after redirects. */
  url: string;
  /** Every URL visited, the requested one first. */
  chain: string[];
  status: number;
  /** The media type, lower case, without parameters ('' when the server sent none). */
  mediaType: string;
  charset: string | null;
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
}

export interface NotModified {
  ok: true;
  notModified: true;
  requested: string;
  url: string;
  chain: string[];
  status: 304;
}

export interface FetchFailure {
  ok: false;
  requested: string;
  url: string;
  reason: string;
  /** The HTTP status, when there was a response. */
  status?: number;
  /** Refused by policy (address, scheme, robots.txt, type), not a network or server failure. */
  refused: boolean;
  /** When the server asked to come back later (Retry-After). */
  retryAfterMs?: number;
}

export type FetchResult = Fetched | NotModified | FetchFailure;

/** Raised by the connector: never let the socket through to a refused address. */
export class RefusedAddressError extends Error {
  readonly code = 'DOSSIER_REFUSED_ADDRESS';
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/feed+json',
  'application/json',
  'application/x-gzip',
  'application/gzip',
  'text/plain',
]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const RETRY_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function typeAccepted(expect: Expect, mediaType: string): boolean {
  if (expect === 'robots') return true;
  if (expect === 'html') return HTML_TYPES.has(mediaType);
  if (expect === 'feed') return FEED_TYPES.has(mediaType) || HTML_TYPES.has(mediaType);
  return HTML_TYPES.has(mediaType) || FEED_TYPES.has(mediaType);
}

function describeExpect(expect: Expect): string {
  return expect === 'html' ? 'an HTML page' : expect === 'feed' ? 'a feed or sitemap' : 'an HTML page, feed or sitemap';
}

/** A lookup for net.connect that fails for a name with any non-public address, before a socket is opened. */
function guardedLookup(): LookupFunction {
  return ((hostname: string, options: LookupAllOptions, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      // One non-public record refuses the name: mixing public and private records is a rebinding trick.
      for (const { address } of addresses) {
        const refusal = addressRefusal(address);
        if (refusal) return callback(new RefusedAddressError(`${hostname} resolves to ${refusal}`));
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  }) as unknown as LookupFunction;
}

/** A connector that refuses non-public addresses: IP literals before connecting, names at lookup, and the peer after. */
function guardedConnector(connectTimeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: connectTimeoutMs, lookup: guardedLookup() });
  return (options, callback) => {
    const literal = ipLiteral(options.hostname);
    const literalRefusal = literal ? addressRefusal(literal) : null;
    if (literalRefusal) {
      callback(new RefusedAddressError(literalRefusal), null);
      return;
    }
    connect(options, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('no socket'), null);
        return;
      }
      // The address really connected to: what DNS returned at this moment, whatever it said before.
      const peer = socket.remoteAddress;
      const refusal = peer ? addressRefusal(peer) : 'the connected address is unknown';
      if (refusal) {
        socket.destroy();
        callback(new RefusedAddressError(refusal), null);
        return;
      }
      callback(null, socket);
    });
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value[0] : value;
}

function parseContentType(value: string | null): { mediaType: string; charset: string | null } {
  if (!value) return { mediaType: '', charset: null };
  const [type, ...params] = value.split(';');
  const charset = params.map((p) => p.trim().match(/^charset\s*=\s*"?([^";\s]+)"?$/i)?.[1]).find(Boolean) ?? null;
  return { mediaType: type.trim().toLowerCase(), charset };
}

class BodyLimitError extends Error {}

/** Stops reading a body that will not be used; undici reports the abort as an error nobody needs. */
function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

function decoderFor(encoding: string): Transform | null | 'unsupported' {
  const name = encoding.trim().toLowerCase();
  if (name === '' || name === 'identity') return null;
  if (name === 'gzip' || name === 'x-gzip') return createGunzip();
  if (name === 'deflate') return createInflate();
  if (name === 'br') return createBrotliDecompress();
  return 'unsupported';
}

/** Reads a body within the limits: the bytes as sent and the bytes after decoding are both counted. */
async function readBody(body: Readable, contentEncoding: string | null, limits: FetchLimits): Promise<Buffer> {
  const encodings = (contentEncoding ?? '').split(',').map((e) => e.trim()).filter((e) => e && e.toLowerCase() !== 'identity');
  const decoders: Transform[] = [];
  // Encodings are listed in the order they were applied; undo them last first.
  for (const encoding of encodings.reverse()) {
    const decoder = decoderFor(encoding);
    if (decoder === 'unsupported') throw new BodyLimitError(`unsupported content encoding "${encoding}"`);
    if (decoder) decoders.push(decoder);
  }
  let sent = 0;
  let decoded = 0;
  const chunks: Buffer[] = [];
  // pipeline() tears every stage down when one fails, so a limit hit mid-stream leaves nothing running.
  await pipeline(
    body,
    async function* countSent(source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        sent += chunk.length;
        if (sent > limits.maxBodyBytes) throw new BodyLimitError(`body over ${limits.maxBodyBytes} bytes`);
        yield chunk;
      }
    },
    ...(decoders as unknown as [Transform]),
    async function collect(source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        decoded += chunk.length;
        if (decoded > limits.maxDecodedBytes) throw new BodyLimitError(`decoded body over ${limits.maxDecodedBytes} bytes (compression bomb?)`);
        chunks.push(chunk);
      }
    },
  );
  return Buffer.concat(chunks);
}

function describeError(error: unknown, options: FetcherOptions): { reason: string; refused: boolean; retryable: boolean } {
  let current = error as (Error & { code?: string; cause?: unknown }) | undefined;
  // undici wraps connection errors; the interesting one is the innermost with a code.
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof RefusedAddressError) return { reason: `refused: ${current.message} (use --allow-private to allow it)`, refused: true, retryable: false };
    if (current instanceof BodyLimitError) return { reason: current.message, refused: true, retryable: false };
    if (current instanceof undiciErrors.HeadersTimeoutError) {
      return { reason: `no response within ${options.firstByteTimeoutMs / 1000} s`, refused: false, retryable: false };
    }
    if (current instanceof undiciErrors.BodyTimeoutError) {
      return { reason: `the body stalled for ${options.totalTimeoutMs / 1000} s`, refused: false, retryable: false };
    }
    if (current.name === 'TimeoutError') return { reason: `took longer than ${options.totalTimeoutMs / 1000} s in total`, refused: false, retryable: false };
    if (current.code === 'ENOTFOUND' || current.code === 'EAI_AGAIN') return { reason: `host not found (${current.code})`, refused: false, retryable: current.code === 'EAI_AGAIN' };
    if (current.code === 'ECONNREFUSED') return { reason: 'connection refused', refused: false, retryable: false };
    if (current.code && RETRY_ERRORS.has(current.code)) return { reason: `connection failed (${current.code})`, refused: false, retryable: true };
    if (current.code === 'Z_DATA_ERROR' || current.code === 'Z_BUF_ERROR' || current.code === 'ERR__ERROR_FORMAT_PADDING_1') {
      return { reason: 'the body is not valid compressed data', refused: false, retryable: false };
    }
    if (!current.cause) break;
    current = current.cause as Error & { code?: string; cause?: unknown };
  }
  const message = error instanceof Error ? `${error.message}${(error as { code?: string }).code ? ` (${(error as { code?: string }).code})` : ''}` : String(error);
  return { reason: message, refused: false, retryable: false };
}

/** One request at a time per host, with a minimum delay between them. */
class HostGate {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly lastDone = new Map<string, number>();

  async run<T>(host: string, delayMs: number, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.queues.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const queued = previous.then(() => mine);
    this.queues.set(host, queued);
    try {
      await previous;
      const wait = (this.lastDone.get(host) ?? -Infinity) + delayMs - Date.now();
      if (wait > 0) await sleep(wait, signal);
      return await task();
    } finally {
      this.lastDone.set(host, Date.now());
      release();
      if (this.queues.get(host) === queued) this.queues.delete(host);
    }
  }
}

export class Fetcher {
  readonly options: FetcherOptions;
  private readonly agent: Agent;
  private readonly gate = new HostGate();
  private readonly robots: RobotsCache;

  constructor(options: Partial<FetcherOptions> = {}) {
    this.options = { ...DEFAULT_FETCHER_OPTIONS, ...options };
    this.agent = new Agent({
      connect: this.options.allowPrivate ? { timeout: this.options.firstByteTimeoutMs } : guardedConnector(this.options.firstByteTimeoutMs),
      headersTimeout: this.options.firstByteTimeoutMs,
      bodyTimeout: this.options.totalTimeoutMs,
      connections: 1,
    });
    this.robots = new RobotsCache(this.options.userAgent, (url, signal) => this.fetch({ url, expect: 'robots', signal }, false));
  }

  /** Fetches a URL politely, following redirects. Never throws for a network or server failure; throws the signal's reason when aborted. */
  async get(req: FetchRequest): Promise<FetchResult> {
    return this.fetch(req, true);
  }

  private async fetch(req: FetchRequest, checkRobots: boolean): Promise<FetchResult> {
    const chain: string[] = [];
    let url = req.url;
    const fail = (reason: string, extra: Partial<FetchFailure> = {}): FetchFailure => ({
      ok: false,
      requested: req.url,
      url,
      reason,
      refused: false,
      ...extra,
    });
    for (let hop = 0; ; hop++) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return fail(`not a valid URL: ${url}`, { refused: true });
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        return fail(`refused: only http and https URLs are fetched, not ${parsed.protocol.replace(/:$/, '')}`, { refused: true });
      }
      if (parsed.username || parsed.password) return fail('refused: URLs with a user name or password are not fetched', { refused: true });
      if (!this.options.allowPrivate) {
        // An IP literal is refused here, before robots.txt or any connection.
        const literal = ipLiteral(parsed.hostname);
        const refusal = literal ? addressRefusal(literal) : null;
        if (refusal) return fail(`refused: ${refusal} (use --allow-private to allow it)`, { refused: true });
      }
      if (chain.includes(parsed.href)) return fail(`redirect loop: ${parsed.href} was already visited`);
      chain.push(parsed.href);
      if (hop > this.options.maxRedirects) return fail(`more than ${this.options.maxRedirects} redirects`);

      let delayMs = this.options.hostDelayMs;
      if (checkRobots) {
        const verdict = await this.robots.check(parsed, req.signal);
        if (!verdict.allowed) return fail(`refused: ${verdict.reason}`, { refused: true });
        if (verdict.crawlDelayMs !== null) delayMs = Math.max(delayMs, verdict.crawlDelayMs);
      }
      const response = await this.attempt(parsed, req, delayMs, hop === 0);
      if ('reason' in response) return fail(response.reason, response);
      const { status, headers, body } = response;
      if (REDIRECT_STATUSES.has(status)) {
        body.resume();
        const location = header(headers, 'location');
        if (!location) return fail(`HTTP ${status} without a Location header`, { status });
        url = new URL(location, parsed).href;
        continue;
      }
      if (status === 304) {
        body.resume();
        return { ok: true, notModified: true, requested: req.url, url: parsed.href, chain, status: 304 };
      }
      if (status < 200 || status >= 300) {
        body.resume();
        const after = retryAfterMs(header(headers, 'retry-after'));
        return fail(`HTTP ${status}`, { status, ...(after !== null ? { retryAfterMs: after } : {}) });
      }
      const { mediaType, charset } = parseContentType(header(headers, 'content-type'));
      if (mediaType && !typeAccepted(req.expect, mediaType)) {
        discard(body);
        return fail(`refused: served as ${mediaType}, not ${describeExpect(req.expect)}`, { status, refused: true });
      }
      const declaredLength = Number(header(headers, 'content-length'));
      if (Number.isFinite(declaredLength) && declaredLength > this.options.maxBodyBytes) {
        discard(body);
        return fail(`body of ${declaredLength} bytes is over the limit of ${this.options.maxBodyBytes}`, { status, refused: true });
      }
      try {
        const bytes = await readBody(body, header(headers, 'content-encoding'), this.options);
        return {
          ok: true,
          notModified: false,
          requested: req.url,
          url: parsed.href,
          chain,
          status,
          mediaType,
          charset,
          body: bytes,
          etag: header(headers, 'etag'),
          lastModified: header(headers, 'last-modified'),
        };
      } catch (error) {
        discard(body);
        if (req.signal?.aborted) throw req.signal.reason;
        const described = describeError(error, this.options);
        return fail(described.reason, { status, refused: described.refused });
      }
    }
  }

  /** One request to one URL with retries; returns the response (not yet read) or a failure. */
  private async attempt(
    url: URL,
    req: FetchRequest,
    delayMs: number,
    conditional: boolean,
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Readable } | { reason: string; refused: boolean; status?: number; retryAfterMs?: number }> {
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: req.expect === 'html' ? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' : '*/*',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (conditional && req.etag) headers['if-none-match'] = req.etag;
    if (conditional && req.lastModified) headers['if-modified-since'] = req.lastModified;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.gate.run(
        url.host,
        delayMs,
        async () => {
          const signals = [AbortSignal.timeout(this.options.totalTimeoutMs), ...(req.signal ? [req.signal] : [])];
          try {
            const response = await request(url, {
              method: 'GET',
              headers,
              dispatcher: this.agent,
              signal: AbortSignal.any(signals),
              headersTimeout: this.options.firstByteTimeoutMs,
              bodyTimeout: this.options.totalTimeoutMs,
            });
            return { status: response.statusCode, headers: response.headers, body: response.body as unknown as Readable };
          } catch (error) {
            if (req.signal?.aborted) throw req.signal.reason;
            return { error };
          }
        },
        req.signal,
      );
      const canRetry = attempt < this.options.retries;
      if ('error' in outcome) {
        const described = describeError(outcome.error, this.options);
        if (!described.retryable || !canRetry) return described;
        await sleep(this.options.retryBaseDelayMs * 2 ** attempt, req.signal);
        continue;
      }
      if (!RETRY_STATUSES.has(outcome.status)) return outcome;
      const after = retryAfterMs(header(outcome.headers, 'retry-after'));
      if (!canRetry || (after !== null && after > this.options.maxRetryWaitMs)) {
        outcome.body.resume();
        const wait = after !== null ? ` (Retry-After ${Math.round(after / 1000)} s)` : '';
        return { reason: `HTTP ${outcome.status} after ${attempt + 1} attempt${attempt === 0 ? '' : 's'}${wait}`, refused: false, status: outcome.status, ...(after !== null ? { retryAfterMs: after } : {}) };
      }
      outcome.body.resume();
      await sleep(after ?? this.options.retryBaseDelayMs * 2 ** attempt, req.signal);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
