// CIDR parsing and matching for the insight IP lists, IPv4 and IPv6. Matching uses Node's own
// net.BlockList (maintained with Node core; handles IPv4-mapped IPv6 such as ::ffff:10.1.2.3), so no
// extra dependency is needed; parsing is ours only to say exactly what is wrong with a bad entry.
import net from "node:net";

export type IpFamily = "ipv4" | "ipv6";

export interface Cidr {
  /** Canonical "network/prefix": lower-case, compressed IPv6, host bits zero. */
  cidr: string;
  network: string;
  prefix: number;
  family: IpFamily;
}

export type CidrParse = { ok: true; value: Cidr } | { ok: false; error: string };

function v4Bytes(ip: string): number[] {
  return ip.split(".").map(Number);
}

function v6Bytes(ip: string): number[] {
  let text = ip.toLowerCase();
  // A trailing dotted quad (::ffff:1.2.3.4) becomes two hex groups.
  const quad = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (quad) {
    const b = v4Bytes(quad[1]);
    text = text.slice(0, -quad[1].length) + `${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return groups.flatMap((g) => {
    const v = parseInt(g, 16);
    return [v >> 8, v & 0xff];
  });
}

function v6Text(bytes: number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  // Compress the longest run (of two or more) of zero groups, as RFC 5952 says.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}

function maskBytes(bytes: number[], prefix: number): number[] {
  return bytes.map((b, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    return bits === 8 ? b : b & ((0xff << (8 - bits)) & 0xff);
  });
}

/**
 * Parses "a.b.c.d/n", "x::y/n" or a bare address (a single host: /32 or /128). Host bits must be zero
 * ("10.0.0.1/8" is refused with the network it probably meant), so a list never holds two spellings
 * of one network.
 */
export function parseCidr(input: string): CidrParse {
  const text = input.trim();
  if (!text) return { ok: false, error: "Enter an IP address or a CIDR block, e.g. 203.0.113.0/24 or 2001:db8::/32." };
  if (text.length > 64) return { ok: false, error: "That is too long to be an IP address or CIDR block." };
  const slash = text.indexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  if (address.includes("%")) return { ok: false, error: `"${address}" has a zone index (%…); enter the address without it.` };
  const version = net.isIP(address);
  if (version === 0) {
    const hint = /^\d+(\.\d+){0,3}$/.test(address) ? " (an IPv4 address has four numbers from 0 to 255)" : "";
    return { ok: false, error: `"${address}" is not an IPv4 or IPv6 address${hint}.` };
  }
  const family: IpFamily = version === 4 ? "ipv4" : "ipv6";
  const max = version === 4 ? 32 : 128;
  let prefix = max;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return { ok: false, error: `The prefix length "/${prefixText}" must be a whole number from 0 to ${max}.` };
    prefix = Number(prefixText);
    if (prefix > max) return { ok: false, error: `The prefix length /${prefix} is too long for an ${family === "ipv4" ? "IPv4" : "IPv6"} address: at most /${max}.` };
  }
  const bytes = version === 4 ? v4Bytes(address) : v6Bytes(address);
  const masked = maskBytes(bytes, prefix);
  const network = version === 4 ? masked.join(".") : v6Text(masked);
  if (masked.some((b, i) => b !== bytes[i])) {
    return { ok: false, error: `${text} has host bits set: the network of /${prefix} is ${network}/${prefix}.` };
  }
  return { ok: true, value: { cidr: `${network}/${prefix}`, network, prefix, family } };
}

/** A set of CIDR blocks to test addresses against. Entries that do not parse are ignored. */
export class CidrSet {
  private readonly list = new net.BlockList();
  readonly size: number;

  constructor(cidrs: Iterable<string>) {
    let n = 0;
    for (const c of cidrs) {
      const p = parseCidr(c);
      if (!p.ok) continue;
      this.list.addSubnet(p.value.network, p.value.prefix, p.value.family);
      n++;
    }
    this.size = n;
  }

  /** Whether `ip` (a plain IPv4 or IPv6 address) is in one of the blocks; false for anything else. */
  has(ip: string | null | undefined): boolean {
    if (!ip || this.size === 0) return false;
    const v = net.isIP(ip);
    if (v === 0) return false;
    return this.list.check(ip, v === 4 ? "ipv4" : "ipv6");
  }
}

/** Whether a sourceIpAddress is an IP address at all (service events carry host names there). */
export function isIpAddress(value: string | null | undefined): value is string {
  return !!value && net.isIP(value) !== 0;
}
