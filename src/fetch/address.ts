// Which network addresses a fetch may connect to. By default only public unicast addresses:
// loopback, private, link-local, carrier-grade NAT, multicast, broadcast and reserved ranges
// (IPv4 and IPv6) are refused, and so are IPv6 forms that embed such an IPv4 address
// (IPv4-mapped `::ffff:127.0.0.1`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`). ipaddr.js knows the ranges.
import ipaddr from 'ipaddr.js';

/** Why an address may not be connected to, or null when it is a public unicast address. */
export function addressRefusal(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return `not an IP address: ${address}`;
  }
  const embedded = embeddedIpv4(parsed);
  if (embedded) {
    const inner = addressRefusal(embedded.toString());
    return inner === null ? null : `${address} embeds ${embedded.toString()}: ${inner}`;
  }
  const range = parsed.range();
  if (range === 'unicast') return null;
  return `${address} is a ${describeRange(range)} address`;
}

/** The IPv4 address inside an IPv6 form that carries one, for the forms a router forwards to it. */
function embeddedIpv4(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | null {
  if (address.kind() !== 'ipv6') return null;
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'ipv4Mapped') return v6.toIPv4Address();
  const parts = v6.parts;
  // NAT64 (RFC 6052, 64:ff9b::/96) and RFC 6145 translated forms keep the IPv4 address in the last 32 bits.
  if (range === 'rfc6052' || range === 'rfc6145') return ipv4FromWords(parts[6], parts[7]);
  // 6to4 (2002::/16) keeps it in bits 16-47.
  if (range === '6to4') return ipv4FromWords(parts[1], parts[2]);
  return null;
}

function ipv4FromWords(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  uniqueLocal: 'private (unique local)',
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade NAT (shared)',
  multicast: 'multicast',
  broadcast: 'broadcast',
  unspecified: 'unspecified',
  reserved: 'reserved',
};

function describeRange(range: string): string {
  return RANGE_NAMES[range] ?? `reserved (${range})`;
}

/** The address itself when a URL host is an IP literal (`127.0.0.1`, `[::1]`), else null. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) && (ipaddr.IPv4.isValidFourPartDecimal(bare) || bare.includes(':')) ? bare : null;
}
