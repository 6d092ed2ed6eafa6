// The address a request came from, as an audit trail must record it: the TCP peer of the connection,
// which a client cannot choose. X-Forwarded-For and X-Real-IP are believed only when that peer is a proxy
// listed in TRAILKEEPER_TRUSTED_PROXIES (docs/deployment.md). Every place that records or uses an address
// (sign-ins, console changes, API calls, throttles) asks clientIp().
//
// Next.js does not give route handlers the socket, so the web server (scripts/web-server.ts) writes the
// peer into PEER_HEADER on every request, after removing any such header the client sent, together with
// a token made at start in this process (PEER_TOKEN_ENV): a header without the token is not believed.
import net from "node:net";
import { CidrSet, parseCidr } from "@/lib/net/cidr";

export const PEER_HEADER = "x-trailkeeper-peer";
export const PEER_TOKEN_ENV = "TRAILKEEPER_PEER_TOKEN";
export const TRUSTED_PROXIES_ENV = "TRAILKEEPER_TRUSTED_PROXIES";

type HeaderReader = (name: string) => string | null | undefined;

/** `<token> <address>`: what the web server writes into PEER_HEADER. */
export function peerHeaderValue(token: string, address: string | undefined): string {
  return `${token} ${address ?? ""}`;
}

/** An address as recorded: IPv4-mapped IPv6 (::ffff:10.1.2.3) as plain IPv4; null if it is not an IP. */
export function canonicalIp(value: string | null | undefined): string | null {
  if (!value) return null;
  let v = value.trim();
  if (v.startsWith("[") && v.endsWith("]")) v = v.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(v);
  if (mapped) v = mapped[1];
  if (net.isIP(v) === 0) return null;
  return v.toLowerCase();
}

/** The TCP peer the web server vouched for, or null when the request did not come through it. */
export function peerAddress(header: HeaderReader): string | null {
  const token = process.env[PEER_TOKEN_ENV];
  const value = header(PEER_HEADER);
  if (!token || !value) return null;
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space) !== token) return null;
  return canonicalIp(value.slice(space + 1));
}

export type TrustedProxies = { ok: true; set: CidrSet; cidrs: string[] } | { ok: false; error: string };

/** TRAILKEEPER_TRUSTED_PROXIES: comma- or space-separated CIDRs (or single addresses). */
export function parseTrustedProxies(text: string | undefined): TrustedProxies {
  const cidrs: string[] = [];
  for (const entry of (text ?? "").split(/[\s,]+/).filter(Boolean)) {
    // A bare address is a single host; a CIDR must have its host bits zero (parseCidr says which network).
    const p = parseCidr(entry);
    if (!p.ok) return { ok: false, error: `${TRUSTED_PROXIES_ENV}: ${p.error}` };
    cidrs.push(p.value.cidr);
  }
  return { ok: true, set: new CidrSet(cidrs), cidrs };
}

let cached: { text: string | undefined; set: CidrSet } | undefined;

/** The trusted proxies of this process (an unparsable list trusts nobody; the start script refuses it first). */
function trustedProxies(): CidrSet {
  const text = process.env[TRUSTED_PROXIES_ENV];
  if (!cached || cached.text !== text) {
    const parsed = parseTrustedProxies(text);
    cached = { text, set: parsed.ok ? parsed.set : new CidrSet([]) };
  }
  return cached.set;
}

/**
 * The client of a request whose TCP peer is `peer`: the peer itself, unless it is a trusted proxy; then
 * the right-most X-Forwarded-For address that is not a trusted proxy (the left-most when all are), or
 * X-Real-IP when there is no X-Forwarded-For. Hops to the left of an entry that is not an address are
 * not believed: whoever wrote it is not a proxy we know.
 */
export function resolveClientIp(peer: string | null, header: HeaderReader, trusted: CidrSet = trustedProxies()): string | null {
  if (!peer || !trusted.has(peer)) return peer;
  const forwarded = header("x-forwarded-for");
  if (forwarded) {
    let client = peer;
    const hops = forwarded.split(",").slice(-32);
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = canonicalIp(hops[i]);
      if (!hop) break;
      client = hop;
      if (!trusted.has(hop)) break;
    }
    return client;
  }
  return canonicalIp(header("x-real-ip")) ?? peer;
}

/** The client's address as the console records it (see the file comment); null when unknown. */
export function clientIp(header: HeaderReader): string | null {
  return resolveClientIp(peerAddress(header), header);
}

/**
 * Whether the client reached us over HTTPS: a TLS socket is not ours to have (the server speaks HTTP), so
 * this is X-Forwarded-Proto, believed only from a trusted proxy.
 */
export function isHttpsRequest(header: HeaderReader): boolean {
  const peer = peerAddress(header);
  if (!peer || !trustedProxies().has(peer)) return false;
  const proto = header("x-forwarded-proto");
  // A chain of proxies appends: the first value is what the client used.
  return (proto ?? "").split(",")[0].trim().toLowerCase() === "https";
}
