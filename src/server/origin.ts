// Which requests the server answers. It has no login, so two browser attacks matter: a page on another site
// posting to it (cross-site request forgery into POST /api/ingest), and a page whose DNS name is re-pointed at
// 127.0.0.1 reading the API as if it were that site (DNS rebinding). The first is stopped by refusing
// state-changing requests that a browser marks as cross-site or sends with a foreign Origin; the second by
// answering only requests whose Host is the address the server is bound to or a name the user allowed.
import { isIP } from 'node:net';

export interface HostPolicy {
  /** Host names (lower case, no port) requests may name. */
  names: Set<string>;
  /** Bound to every interface: any IP address is the server's own. */
  anyAddress: boolean;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** The policy for a server bound to `bound`, with the extra names given by `--allowed-host`. */
export function hostPolicy(bound: string, allowed: string[] = []): HostPolicy {
  const host = unbracket(bound.toLowerCase());
  const anyAddress = host === '0.0.0.0' || host === '::' || host === '';
  const loopback = host === 'localhost' || host === '::1' || host.startsWith('127.');
  const names = new Set([host, ...(loopback || anyAddress ? LOOPBACK_NAMES : []), ...allowed.map((name) => unbracket(name.toLowerCase()))]);
  return { names, anyAddress };
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** The host name of a Host header or URL authority, without port or IPv6 brackets. */
export function hostName(authority: string): string {
  const lower = authority.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(1, lower.indexOf(']'));
  const colon = lower.lastIndexOf(':');
  return colon >= 0 && lower.indexOf(':') === colon ? lower.slice(0, colon) : lower;
}

/** Why a request naming this Host is refused, or null when it is answered. */
export function refusedHost(policy: HostPolicy, host: string | undefined): string | null {
  if (!host) return null; // HTTP/1.0 clients without Host: no browser sends such a request.
  const name = hostName(host);
  if (policy.names.has(name) || (policy.anyAddress && isIP(name) !== 0)) return null;
  return `host ${JSON.stringify(name)} is not served here: start the server with --allowed-host ${name} to allow it`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why a state-changing request is refused as cross-site, or null. Non-browser clients send neither header. */
export function refusedOrigin(method: string, host: string | undefined, origin: string | undefined, fetchSite: string | undefined): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return `cross-site ${method} refused (Sec-Fetch-Site: ${fetchSite})`;
  if (origin === undefined) return null;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `${method} with an unreadable Origin refused`;
  }
  if (!host || originHost.toLowerCase() !== host.trim().toLowerCase()) return `cross-origin ${method} from ${origin} refused`;
  return null;
}
