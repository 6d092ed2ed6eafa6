// Outbound requests to addresses an administrator typed in (alert webhooks, S3 endpoints of buckets) must
// not become a way into the network the server sits in: cloud metadata at 169.254.169.254, services on
// loopback, the private ranges. Every connection is checked when it is made — a host name by a `lookup`
// that validates each address it resolves to (so a name that resolves differently later, DNS rebinding,
// is checked again on every new connection), an IP literal before connecting, since Node skips the
// lookup for those. Hosts listed in TRAILKEEPER_ALLOWED_OUTBOUND_HOSTS skip the check.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { Duplex } from "node:stream";
import { CidrSet } from "./cidr";

export const ALLOWED_OUTBOUND_HOSTS_ENV = "TRAILKEEPER_ALLOWED_OUTBOUND_HOSTS";

/**
 * Address ranges no outbound request may reach, first match wins. Beyond loopback, link-local, private and
 * unspecified: carrier-grade NAT (100.64/10) is internal by design (and what Tailscale-style overlays
 * use); documentation, benchmarking, IETF-protocol, multicast and the future-use block are not globally
 * routable, so nothing legitimate is refused with them. IANA's special-purpose registries list them.
 */
const RANGES: { phrase: string; cidrs: string[] }[] = [
  { phrase: "the unspecified address", cidrs: ["0.0.0.0/32", "::/128"] },
  { phrase: "a loopback address", cidrs: ["127.0.0.0/8", "::1/128"] },
  { phrase: "a link-local address", cidrs: ["169.254.0.0/16", "fe80::/10"] },
  { phrase: "a private address", cidrs: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fec0::/10"] },
  { phrase: "a carrier-grade NAT address", cidrs: ["100.64.0.0/10"] },
  { phrase: "a multicast address", cidrs: ["224.0.0.0/4", "ff00::/8"] },
  {
    phrase: "a reserved address",
    cidrs: [
      "0.0.0.0/8", "192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4",
      "64:ff9b:1::/48", "100::/64", "2001:2::/48", "2001:db8::/32", "3fff::/20",
    ],
  },
];
const SETS = RANGES.map((r) => ({ phrase: r.phrase, set: new CidrSet(r.cidrs) }));

/** The eight 16-bit groups of a valid IPv6 address (a trailing dotted quad included). */
function ipv6Groups(ip: string): number[] {
  let text = ip.toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number);
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t].map((g) => parseInt(g, 16));
}

/**
 * The IPv4 address an IPv6 address carries to the same host: IPv4-mapped (::ffff:a.b.c.d, what a
 * dual-stack socket connects to as IPv4), NAT64 (64:ff9b::/96), IPv4-compatible (::a.b.c.d) and 6to4
 * (2002:AABB:CCDD::). Checked like the IPv4 address itself, so ::ffff:127.0.0.1 is loopback.
 */
function embeddedIpv4(ip: string): string | null {
  const g = ipv6Groups(ip);
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return v4(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4(g[6], g[7]);
  if (zeros(0, 6) && (g[6] !== 0 || g[7] > 1)) return v4(g[6], g[7]);
  if (g[0] === 0x2002) return v4(g[1], g[2]);
  return null;
}

function rangePhrase(address: string): string | null {
  return SETS.find((s) => s.set.has(address))?.phrase ?? null;
}

/** Why `ip` may not be reached ("10.0.0.5 is a private address"), or null when it is a global address. */
export function blockedAddressReason(ip: string): string | null {
  const address = ip.replace(/^\[|\]$/g, "").split("%")[0];
  const family = net.isIP(address);
  if (family === 0) return null;
  const v4 = family === 6 ? embeddedIpv4(address) : null;
  const phrase = rangePhrase(address) ?? (v4 && rangePhrase(v4));
  if (!phrase) return null;
  return v4 ? `${address} is ${phrase} (it embeds ${v4})` : `${address} is ${phrase}`;
}

/** A host name or address as the allow list compares it: lower case, no brackets, no trailing dot. */
function normalHost(host: string): string {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  // One spelling per IPv6 address (0:0::1 and ::1 are the same host).
  return net.isIPv6(h) && URL.canParse(`http://[${h}]/`) ? new URL(`http://[${h}]/`).hostname.slice(1, -1) : h;
}

let cachedAllowList: { text: string | undefined; hosts: Set<string> } | undefined;

/** TRAILKEEPER_ALLOWED_OUTBOUND_HOSTS: comma-separated host names or addresses, compared exactly. */
export function allowedOutboundHosts(): Set<string> {
  const text = process.env[ALLOWED_OUTBOUND_HOSTS_ENV];
  if (!cachedAllowList || cachedAllowList.text !== text) {
    cachedAllowList = { text, hosts: new Set((text ?? "").split(",").map(normalHost).filter(Boolean)) };
  }
  return cachedAllowList.hosts;
}

export function isAllowedOutboundHost(host: string): boolean {
  return allowedOutboundHosts().has(normalHost(host));
}

/** A connection refused because of where it would go; its message is what the console shows. */
export class BlockedAddressError extends Error {
  readonly code = "ERR_BLOCKED_ADDRESS";
  constructor(readonly host: string, readonly reason: string) {
    super(`blocked address (${reason})`);
    this.name = "BlockedAddressError";
  }
}

/**
 * A dns.lookup that refuses a host resolving to a blocked address (any of its addresses: a name that
 * mixes a public and a private address is refused rather than raced). Answers in the form asked for
 * (`all` or one address), as net.connect with autoSelectFamily asks for all.
 */
export const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    for (const a of addresses) {
      const reason = blockedAddressReason(a.address);
      if (reason) return callback(new BlockedAddressError(hostname, `${hostname} resolves to ${reason.replace(" is ", ", ")}`), "", 0);
    }
    if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
    if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

/** Why a connection to `host` is refused before it is made (an IP literal: no lookup runs), or null. */
function refuseLiteral(host: string): BlockedAddressError | null {
  const reason = blockedAddressReason(host);
  return reason ? new BlockedAddressError(host, reason) : null;
}

type ConnectOptions = http.ClientRequestArgs & { host?: string | null };
type ConnectCallback = (err: Error | null, stream: Duplex) => void;

/** Agents' createConnection, guarded: the allow list, then the literal check, then the guarded lookup. */
function guardConnection(options: ConnectOptions, callback: ConnectCallback | undefined, connect: () => Duplex | null | undefined) {
  const host = String(options.host ?? options.hostname ?? "");
  if (isAllowedOutboundHost(host)) return connect();
  const refused = refuseLiteral(host);
  if (refused) {
    // The agent turns this into the request's 'error' event; no socket is ever opened.
    process.nextTick(() => callback?.(refused, undefined as unknown as Duplex));
    return undefined;
  }
  options.lookup = guardedLookup;
  return connect();
}

export class OutboundHttpAgent extends http.Agent {
  override createConnection(options: http.ClientRequestArgs, callback?: ConnectCallback) {
    return guardConnection(options, callback, () => super.createConnection(options, callback));
  }
}

export class OutboundHttpsAgent extends https.Agent {
  override createConnection(options: https.RequestOptions, callback?: ConnectCallback) {
    return guardConnection(options, callback, () => super.createConnection(options, callback));
  }
}

/**
 * Why a URL typed into a form may not be saved (its host is a blocked IP literal, or "localhost"), with how
 * to allow it; null when it may. Host names are checked again when the request is made.
 */
export function outboundUrlProblem(url: string, what: string): string | null {
  if (!URL.canParse(url)) return null;
  const host = normalHost(new URL(url).hostname);
  if (!host || isAllowedOutboundHost(host)) return null;
  // RFC 6761: localhost and its subdomains are always loopback.
  const reason = host === "localhost" || host.endsWith(".localhost") ? `${host} is a loopback address` : blockedAddressReason(host);
  if (!reason) return null;
  return `${reason}, which ${what} may not reach. To allow it, add ${host} to ${ALLOWED_OUTBOUND_HOSTS_ENV} on the server and restart it.`;
}

export class OutboundTimeoutError extends Error {
  readonly code = "ETIMEDOUT";
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = "TimeoutError";
  }
}

const webhookAgents = { "http:": new OutboundHttpAgent(), "https:": new OutboundHttpsAgent() };

/**
 * POSTs `body` through the guarded agents and answers the status code only: redirects are not followed,
 * and the answer's body is never read (a receiver's text must not reach the console).
 */
export function postOutbound(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:") return Promise.reject(new Error(`Only http:// and https:// URLs can be called, not ${target.protocol}`));
  const send = target.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(target, { method: "POST", agent: webhookAgents[target.protocol as "http:" | "https:"], headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) } }, (res) => {
      clearTimeout(timer);
      resolve(res.statusCode ?? 0);
      res.destroy();
    });
    const timer = setTimeout(() => req.destroy(new OutboundTimeoutError(timeoutMs)), timeoutMs);
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(body);
  });
}
