// robots.txt per origin (RFC 9309), parsed by robots-parser and kept for a while. A missing
// robots.txt (4xx) allows everything; one that cannot be fetched (5xx, network failure)
// disallows everything for now, as the RFC asks, and is tried again later.
import robotsParserModule from 'robots-parser';
import type { FetchResult } from './fetcher.js';

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// The package's typings declare an ambient module that ESM resolution cannot call; its export is this function.
const robotsParser = robotsParserModule as unknown as (url: string, robotstxt: string) => Robots;

/** How long a robots.txt is trusted before it is fetched again (RFC 9309 suggests at most a day). */
export const ROBOTS_TTL_MS = 6 * 60 * 60 * 1000;
/** How long an unreachable robots.txt keeps its host closed before another try. */
const ROBOTS_RETRY_MS = 5 * 60 * 1000;
/** Crawl-delay values above this are capped: a site asking for an hour between pages would never be read. */
const MAX_CRAWL_DELAY_MS = 30_000;
/** RFC 9309: crawlers must parse at least 500 KiB. */
const MAX_ROBOTS_BYTES = 500 * 1024;

export interface RobotsVerdict {
  allowed: boolean;
  reason: string;
  crawlDelayMs: number | null;
}

type Rules =
  | { kind: 'parsed'; robots: Robots }
  | { kind: 'allow-all' }
  | { kind: 'unreachable'; reason: string };

export class RobotsCache {
  private readonly entries = new Map<string, { rules: Promise<Rules>; expires: number }>();
  /** The product token robots.txt groups are matched against: the first word of the User-Agent. */
  private readonly agentToken: string;

  constructor(
    private readonly userAgent: string,
    private readonly fetchRobots: (url: string, signal?: AbortSignal) => Promise<FetchResult>,
  ) {
    this.agentToken = userAgent.split(/[\s/]/)[0] || userAgent;
  }

  async check(url: URL, signal?: AbortSignal): Promise<RobotsVerdict> {
    const rules = await this.rulesFor(url.origin, signal);
    if (rules.kind === 'allow-all') return { allowed: true, reason: 'no robots.txt', crawlDelayMs: null };
    if (rules.kind === 'unreachable') return { allowed: false, reason: rules.reason, crawlDelayMs: null };
    const allowed = rules.robots.isAllowed(url.href, this.agentToken) !== false;
    const delay = rules.robots.getCrawlDelay(this.agentToken);
    return {
      allowed,
      reason: allowed ? 'allowed by robots.txt' : `robots.txt of ${url.host} disallows ${url.pathname}`,
      crawlDelayMs: typeof delay === 'number' && delay > 0 ? Math.min(delay * 1000, MAX_CRAWL_DELAY_MS) : null,
    };
  }

  private rulesFor(origin: string, signal?: AbortSignal): Promise<Rules> {
    const cached = this.entries.get(origin);
    if (cached && cached.expires > Date.now()) return cached.rules;
    const robotsUrl = `${origin}/robots.txt`;
    const rules = this.fetchRobots(robotsUrl, signal).then((result): Rules => {
      if (result.ok && !result.notModified) {
        const text = result.body.subarray(0, MAX_ROBOTS_BYTES).toString('utf8');
        return { kind: 'parsed', robots: robotsParser(robotsUrl, text) };
      }
      if (!result.ok && result.status !== undefined && result.status >= 400 && result.status < 500) return { kind: 'allow-all' };
      if (!result.ok && result.refused) return { kind: 'unreachable', reason: result.reason.replace(/^refused: /, '') };
      const why = result.ok ? 'answered 304 without a request for it' : result.reason;
      return { kind: 'unreachable', reason: `robots.txt of ${new URL(origin).host} cannot be read (${why}), so the site is not crawled for now` };
    });
    const entry = { rules, expires: Date.now() + ROBOTS_TTL_MS };
    this.entries.set(origin, entry);
    void rules.then((settled) => {
      if (settled.kind === 'unreachable') entry.expires = Date.now() + ROBOTS_RETRY_MS;
    }, () => this.entries.delete(origin));
    return rules;
  }
}
