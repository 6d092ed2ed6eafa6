import { afterEach, describe, expect, it } from "vitest";
import {
  canonicalIp,
  clientIp,
  isHttpsRequest,
  parseTrustedProxies,
  PEER_HEADER,
  PEER_TOKEN_ENV,
  peerHeaderValue,
  resolveClientIp,
  TRUSTED_PROXIES_ENV,
} from "@/lib/auth/request-info";

const TOKEN = "t0k3n";

function headers(h: Record<string, string>) {
  return (name: string) => h[name] ?? null;
}

function trusted(text: string) {
  const p = parseTrustedProxies(text);
  if (!p.ok) throw new Error(p.error);
  return p.set;
}

afterEach(() => {
  delete process.env[PEER_TOKEN_ENV];
  delete process.env[TRUSTED_PROXIES_ENV];
});

describe("the recorded address is the socket's peer", () => {
  it("ignores X-Forwarded-For and X-Real-IP from a peer that is not a trusted proxy", () => {
    process.env[PEER_TOKEN_ENV] = TOKEN;
    const h = headers({ [PEER_HEADER]: peerHeaderValue(TOKEN, "198.51.100.7"), "x-forwarded-for": "203.0.113.66", "x-real-ip": "203.0.113.67" });
    expect(clientIp(h)).toBe("198.51.100.7");
  });

  it("does not believe a peer header without this process's token (a client wrote it)", () => {
    process.env[PEER_TOKEN_ENV] = TOKEN;
    expect(clientIp(headers({ [PEER_HEADER]: "guess 203.0.113.66" }))).toBeNull();
    expect(clientIp(headers({ [PEER_HEADER]: "203.0.113.66" }))).toBeNull();
    delete process.env[PEER_TOKEN_ENV];
    expect(clientIp(headers({ [PEER_HEADER]: peerHeaderValue(TOKEN, "203.0.113.66") }))).toBeNull();
  });

  it("writes IPv4-mapped IPv6 peers as IPv4", () => {
    expect(canonicalIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(canonicalIp("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(canonicalIp("not-an-ip")).toBeNull();
  });
});

describe("behind trusted proxies", () => {
  const set = trusted("10.0.0.0/8, 192.0.2.10");

  it("takes the right-most X-Forwarded-For address that is not a trusted proxy", () => {
    const h = headers({ "x-forwarded-for": "203.0.113.66, 198.51.100.20, 10.1.1.1" });
    expect(resolveClientIp("192.0.2.10", h, set)).toBe("198.51.100.20");
  });

  it("takes the left-most when every hop is a trusted proxy", () => {
    expect(resolveClientIp("10.0.0.1", headers({ "x-forwarded-for": "10.9.9.9, 10.1.1.1" }), set)).toBe("10.9.9.9");
  });

  it("stops at an entry that is not an address", () => {
    expect(resolveClientIp("10.0.0.1", headers({ "x-forwarded-for": "203.0.113.66, <script>, 10.2.2.2" }), set)).toBe("10.2.2.2");
    expect(resolveClientIp("10.0.0.1", headers({ "x-forwarded-for": "garbage" }), set)).toBe("10.0.0.1");
  });

  it("uses X-Real-IP when there is no X-Forwarded-For, and the proxy itself when neither is sent", () => {
    expect(resolveClientIp("10.0.0.1", headers({ "x-real-ip": "198.51.100.9" }), set)).toBe("198.51.100.9");
    expect(resolveClientIp("10.0.0.1", headers({}), set)).toBe("10.0.0.1");
  });

  it("reads TRAILKEEPER_TRUSTED_PROXIES", () => {
    process.env[PEER_TOKEN_ENV] = TOKEN;
    process.env[TRUSTED_PROXIES_ENV] = "127.0.0.1/32";
    const h = headers({ [PEER_HEADER]: peerHeaderValue(TOKEN, "::ffff:127.0.0.1"), "x-forwarded-for": "203.0.113.66", "x-forwarded-proto": "https" });
    expect(clientIp(h)).toBe("203.0.113.66");
    expect(isHttpsRequest(h)).toBe(true);
    process.env[TRUSTED_PROXIES_ENV] = "10.0.0.0/8";
    expect(clientIp(h)).toBe("127.0.0.1");
    expect(isHttpsRequest(h)).toBe(false);
  });

  it("refuses a list entry that is not a CIDR, saying which", () => {
    const p = parseTrustedProxies("10.0.0.0/8, 10.0.0.1/8");
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error).toMatch(/TRAILKEEPER_TRUSTED_PROXIES: 10\.0\.0\.1\/8 has host bits set/);
  });
});
