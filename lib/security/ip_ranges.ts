/**
 * Address classification for the fetch guard: which IPv4/IPv6 addresses are not on the public
 * internet (loopback, private, link-local incl. cloud metadata at 169.254.169.254, unique-local,
 * CGNAT, multicast, documentation and reserved ranges), and CIDR matching for allowlists.
 */

/** Parses dotted IPv4 into a 32-bit number; null when not IPv4. */
export function parseIpv4(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

/** Parses IPv6 (with `::` and an embedded IPv4 tail) into 8 groups; null when not IPv6. */
export function parseIpv6(ip: string): number[] | null {
  let s = ip.toLowerCase().replace(/^\[|\]$/g, "");
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(":") || !/^[0-9a-f:.]+$/.test(s)) return null;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    const v4 = parseIpv4(tail[1]);
    if (v4 === null) return null;
    s = s.slice(0, -tail[1].length) + `${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const toGroups = (h: string) => (h ? h.split(":") : []);
  const left = toGroups(halves[0]);
  const right = halves.length === 2 ? toGroups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...right];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

const V4_BLOCKED: [string, number][] = [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];

function inV4(ip: number, base: string, bits: number): boolean {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((ip & mask) >>> 0) === ((parseIpv4(base)! & mask) >>> 0);
}

function inV6(groups: number[], base: number[], bits: number): boolean {
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((groups[i] & mask) !== (base[i] & mask)) return false;
  }
  return true;
}

const V6_BLOCKED: [string, number][] = [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["2001::", 23], // IETF protocol assignments (Teredo, ORCHID...)
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
];

/** The IPv4 address an IPv6 one embeds (mapped, NAT64, 6to4, IPv4-compatible), if any. */
function embeddedV4(g: number[]): string | null {
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) {
    return g[5] === 0 && g[6] === 0 ? null : v4(g[6], g[7]);
  }
  if (g[0] === 0x64 && g[1] === 0xff9b) return v4(g[6], g[7]);
  if (g[0] === 0x2002) return v4(g[1], g[2]);
  return null;
}

/** True when `ip` (v4 or v6) is not a public internet address. Unparseable counts as private. */
export function isNonPublicIp(ip: string): boolean {
  const v4 = parseIpv4(ip);
  if (v4 !== null) return V4_BLOCKED.some(([b, bits]) => inV4(v4, b, bits));
  const v6 = parseIpv6(ip);
  if (!v6) return true;
  const inner = embeddedV4(v6);
  if (inner) return isNonPublicIp(inner);
  return V6_BLOCKED.some(([b, bits]) => inV6(v6, parseIpv6(b)!, bits));
}

/** True when `ip` is inside `cidr` ("10.0.0.0/8", "fd00::/8", or a single address). */
export function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const v4 = parseIpv4(ip);
  const b4 = parseIpv4(base);
  if (v4 !== null && b4 !== null) {
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    return Number.isInteger(bits) && bits >= 0 && bits <= 32 && inV4(v4, base, bits);
  }
  const v6 = parseIpv6(ip);
  const b6 = parseIpv6(base);
  if (v6 && b6) {
    const bits = bitsText === undefined ? 128 : Number(bitsText);
    return Number.isInteger(bits) && bits >= 0 && bits <= 128 && inV6(v6, b6, bits);
  }
  return false;
}
