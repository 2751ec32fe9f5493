import { isIP } from 'node:net';

/**
 * Which IP addresses a webhook may be sent to: public unicast only. Everything a server could
 * reach on the inside is refused: loopback, private (RFC 1918), CGNAT, link-local (and with it the
 * cloud metadata address 169.254.169.254), "this network", benchmarking, documentation, multicast
 * and reserved ranges; for IPv6 the unspecified and loopback addresses, unique-local (fc00::/7, with
 * AWS's fd00:ec2::254), link-local, site-local, multicast, documentation, and the IPv4 inside
 * IPv4-mapped, IPv4-compatible, NAT64 and 6to4 addresses is judged as IPv4.
 */
type Range = [bytes: number[], bits: number];

const V4_BLOCKED: Range[] = [
  [[0, 0, 0, 0], 8],
  [[10, 0, 0, 0], 8],
  [[100, 64, 0, 0], 10],
  [[127, 0, 0, 0], 8],
  [[169, 254, 0, 0], 16],
  [[172, 16, 0, 0], 12],
  [[192, 0, 0, 0], 24],
  [[192, 0, 2, 0], 24],
  [[192, 88, 99, 0], 24],
  [[192, 168, 0, 0], 16],
  [[198, 18, 0, 0], 15],
  [[198, 51, 100, 0], 24],
  [[203, 0, 113, 0], 24],
  [[224, 0, 0, 0], 4],
  [[240, 0, 0, 0], 4],
];
const V4_LOOPBACK: Range = [[127, 0, 0, 0], 8];

const V6_BLOCKED: Range[] = [
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64], // discard-only 100::/64
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0xfc], 7], // unique local (fd00:ec2::254, AWS metadata, is in here)
  [[0xfe, 0x80], 10], // link-local
  [[0xfe, 0xc0], 10], // site-local (deprecated)
  [[0xff], 8], // multicast
];

function inRange(addr: number[], [net, bits]: Range): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((addr[byte] ?? 0) & mask) !== ((net[byte] ?? 0) & mask)) return false;
  }
  return true;
}

function v4Bytes(ip: string): number[] {
  return ip.split('.').map(Number);
}

/** 16 bytes of an IPv6 address (with or without an embedded dotted IPv4 tail, zone id dropped). */
function v6Bytes(ip: string): number[] {
  let s = ip.replace(/%.*$/, '');
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const b = v4Bytes(dotted[1]!);
    s = `${s.slice(0, -dotted[1]!.length)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head, rest] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const r = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const groups = rest === undefined ? h : [...h, ...Array(8 - h.length - r.length).fill('0'), ...r];
  for (const g of groups) {
    const n = parseInt(g, 16);
    tail.push(n >> 8, n & 0xff);
  }
  return tail;
}

export type AddressVerdict = 'public' | 'loopback' | 'blocked';

function judgeV4(b: number[]): AddressVerdict {
  if (inRange(b, V4_LOOPBACK)) return 'loopback';
  return V4_BLOCKED.some((r) => inRange(b, r)) ? 'blocked' : 'public';
}

/** Judges one IP address (v4 or v6 text); anything that is not an IP address is blocked. */
export function judgeAddress(ip: string): AddressVerdict {
  const bare = ip.replace(/^\[|\]$/g, '');
  const kind = isIP(bare.replace(/%.*$/, ''));
  if (kind === 4) return judgeV4(v4Bytes(bare));
  if (kind !== 6) return 'blocked';
  const b = v6Bytes(bare);
  const zeros = (n: number) => b.slice(0, n).every((x) => x === 0);
  if (zeros(15) && b[15] === 1) return 'loopback'; // ::1
  if (zeros(16)) return 'blocked'; // ::
  if (zeros(10) && b[10] === 0xff && b[11] === 0xff) return judgeV4(b.slice(12)); // ::ffff:a.b.c.d
  if (zeros(12)) return judgeV4(b.slice(12)); // ::a.b.c.d (IPv4-compatible)
  if (inRange(b, [[0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96]))
    return judgeV4(b.slice(12)); // NAT64
  if (b[0] === 0x20 && b[1] === 0x02) return judgeV4(b.slice(2, 6)); // 6to4
  return V6_BLOCKED.some((r) => inRange(b, r)) ? 'blocked' : 'public';
}

export function isAllowedAddress(ip: string, opts: { allowLoopback: boolean }): boolean {
  const v = judgeAddress(ip);
  return v === 'public' || (v === 'loopback' && opts.allowLoopback);
}
