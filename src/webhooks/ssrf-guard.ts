import { promises as dns } from 'node:dns';
import { BlockList, isIP, isIPv4, isIPv6 } from 'node:net';

/** Resolves a hostname to all of its addresses (injectable so tests never touch real DNS). */
export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: 4 | 6 }>>;

/** The operating system's resolver: every address, in the order the system returned them. */
export const systemResolver: Resolver = async (hostname) => {
  const addresses = await dns.lookup(hostname, { all: true, verbatim: true });
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/** Where webhooks may go besides public addresses: exact hostnames or IP literals (development and tests only). */
export interface EgressPolicy {
  allowHosts: string[];
}

/** The production policy: public addresses only. */
export const defaultEgressPolicy: EgressPolicy = { allowHosts: [] };

/** A webhook target that must not be contacted; `reason` is a short code ('url', 'scheme', 'userinfo', 'address'). */
export class WebhookTargetRefused extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookTargetRefused';
  }
}

/** A webhook target that passed the guard: connect to `address` only, never re-resolve `url`'s hostname. */
export interface ResolvedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

interface Range {
  network: string;
  prefix: number;
  /** With its article, as in "a private". */
  kind: string;
  matcher: BlockList;
}

function range(type: 'ipv4' | 'ipv6', network: string, prefix: number, kind: string): Range {
  const matcher = new BlockList();
  matcher.addSubnet(network, prefix, type);
  return { network, prefix, kind, matcher };
}

// More specific ranges come first so the reason names the most precise one.
const refusedIpv4Ranges = [
  range('ipv4', '255.255.255.255', 32, 'a broadcast'),
  range('ipv4', '0.0.0.0', 8, 'a "this network"'),
  range('ipv4', '10.0.0.0', 8, 'a private'),
  range('ipv4', '100.64.0.0', 10, 'a shared (carrier-grade NAT)'),
  range('ipv4', '127.0.0.0', 8, 'a loopback'),
  range('ipv4', '169.254.0.0', 16, 'a link-local (cloud metadata)'),
  range('ipv4', '172.16.0.0', 12, 'a private'),
  range('ipv4', '192.0.0.0', 24, 'a protocol-assignment'),
  range('ipv4', '192.168.0.0', 16, 'a private'),
  range('ipv4', '198.18.0.0', 15, 'a benchmarking'),
  range('ipv4', '224.0.0.0', 4, 'a multicast'),
  range('ipv4', '240.0.0.0', 4, 'a reserved'),
];

const refusedIpv6Ranges = [
  range('ipv6', '::', 128, 'an unspecified'),
  range('ipv6', '::1', 128, 'a loopback'),
  range('ipv6', 'fd00:ec2::254', 128, 'a cloud metadata'),
  range('ipv6', 'fc00::', 7, 'a private (unique local)'),
  range('ipv6', 'fe80::', 10, 'a link-local'),
  range('ipv6', 'ff00::', 8, 'a multicast'),
  // Tunnels that carry a packet on to an address the guard cannot see from here.
  range('ipv6', '2002::', 16, 'a 6to4 tunnel'),
  range('ipv6', '2001::', 32, 'a Teredo tunnel'),
];

// IPv6 ranges whose last 32 bits are an IPv4 address the packet really goes to.
const ipv4EmbeddingRanges = [
  range('ipv6', '::ffff:0:0', 96, 'an IPv4-mapped'),
  range('ipv6', '::ffff:0:0:0', 96, 'an IPv4-translated'),
  range('ipv6', '64:ff9b::', 96, 'a NAT64'),
  range('ipv6', '::', 96, 'an IPv4-compatible'),
];

function firstMatch(ranges: Range[], ip: string, type: 'ipv4' | 'ipv6'): Range | undefined {
  return ranges.find((r) => r.matcher.check(ip, type));
}

function described({ network, prefix, kind }: Range): string {
  return `${kind} address (${network}/${prefix})`;
}

/** The IPv4 address in the last 32 bits of a valid IPv6 address (written in hex groups or with a dotted tail). */
function embeddedIpv4(ipv6: string): string {
  const dottedTail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(ipv6);
  if (dottedTail) return dottedTail[1]!;
  // Only the groups after '::' (or all groups when nothing is compressed) can end the address.
  const trailingGroups = (ipv6.split('::').at(-1) ?? '').split(':').filter((group) => group !== '');
  const [high = 0, low = 0] = ['0', '0', ...trailingGroups].slice(-2).map((group) => parseInt(group, 16));
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** Why an IP address must not receive webhooks (private, loopback, link-local, metadata, …), or null when it may. */
export function isRefusedAddress(ip: string): string | null {
  const address = ip.replace(/%.*$/, ''); // a zone id (fe80::1%eth0) does not change the range
  if (isIPv4(address)) {
    const refused = firstMatch(refusedIpv4Ranges, address, 'ipv4');
    return refused ? `${address} is ${described(refused)}` : null;
  }
  if (!isIPv6(address)) return `${ip} is not an IP address`;
  const refused = firstMatch(refusedIpv6Ranges, address, 'ipv6');
  if (refused) return `${address} is ${described(refused)}`;
  const embedding = firstMatch(ipv4EmbeddingRanges, address, 'ipv6');
  if (!embedding) return null;
  const ipv4 = embeddedIpv4(address);
  const refusedIpv4 = firstMatch(refusedIpv4Ranges, ipv4, 'ipv4');
  return refusedIpv4 ? `${address} is ${embedding.kind} form of ${ipv4}, ${described(refusedIpv4)}` : null;
}

/** A hostname or IP literal in the form URL.hostname gives it: lower case, IPv6 compressed and without brackets. */
function canonicalHost(host: string): string {
  const bare = unbracket(host);
  return unbracket(new URL(`http://${isIPv6(bare) ? `[${bare}]` : bare}`).hostname);
}

function unbracket(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1');
}

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new WebhookTargetRefused('url', `refused: ${JSON.stringify(url)} is not a valid URL`);
  }
}

/**
 * Checks a webhook URL and resolves it to the one address to connect to. Refuses non-HTTP(S) schemes, URLs with
 * credentials, and (unless allow-listed) hosts where any resolved address is private, so a DNS answer that
 * mixes public and private addresses cannot slip through (DNS rebinding defence).
 */
export async function resolveTarget(url: string, opts: { resolver: Resolver; policy: EgressPolicy }): Promise<ResolvedTarget> {
  const parsed = parseUrl(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new WebhookTargetRefused('scheme', `refused: scheme ${parsed.protocol} is not allowed (use http: or https:)`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new WebhookTargetRefused('userinfo', `refused: webhook URLs may not contain credentials (host ${parsed.host})`);
  }
  const hostname = unbracket(parsed.hostname);
  const allowListed = opts.policy.allowHosts.some((host) => canonicalHost(host) === hostname);
  const literalFamily = isIP(hostname);
  if (literalFamily === 4 || literalFamily === 6) {
    const reason = allowListed ? null : isRefusedAddress(hostname);
    if (reason) throw new WebhookTargetRefused('address', `refused: ${reason}`);
    return { url: parsed, address: hostname, family: literalFamily };
  }
  const addresses = await opts.resolver(hostname);
  const [first] = addresses;
  if (!first) throw new Error(`${hostname} resolved to no addresses`);
  if (!allowListed) {
    for (const { address } of addresses) {
      const reason = isRefusedAddress(address);
      if (reason) throw new WebhookTargetRefused('address', `refused: ${hostname} has a forbidden address: ${reason}`);
    }
  }
  return { url: parsed, address: first.address, family: first.family };
}
