// Which addresses outbound requests (webhooks, S3 endpoints) may reach, the allow list, the save-time
// check of a typed-in URL, and the generic reasons the console shows for a failed attempt.
import { afterEach, describe, expect, it } from "vitest";
import { errorText } from "@/lib/delivery/backoff";
import { ALLOWED_OUTBOUND_HOSTS_ENV, BlockedAddressError, blockedAddressReason, isAllowedOutboundHost, outboundUrlProblem } from "@/lib/net/outbound";

const saved = process.env[ALLOWED_OUTBOUND_HOSTS_ENV];
afterEach(() => {
  process.env[ALLOWED_OUTBOUND_HOSTS_ENV] = saved;
});

describe("blockedAddressReason", () => {
  const cases: [string, string][] = [
    ["0.0.0.0", "the unspecified address"],
    ["::", "the unspecified address"],
    ["127.0.0.1", "a loopback address"],
    ["127.255.255.254", "a loopback address"],
    ["::1", "a loopback address"],
    ["169.254.169.254", "a link-local address"],
    ["169.254.0.1", "a link-local address"],
    ["fe80::1", "a link-local address"],
    ["febf:ffff::1", "a link-local address"],
    ["fe80::1%eth0", "a link-local address"],
    ["10.0.0.5", "a private address"],
    ["10.255.255.255", "a private address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.255", "a private address"],
    ["192.168.0.1", "a private address"],
    ["fc00::1", "a private address"],
    ["fd12:3456::1", "a private address"],
    ["fec0::1", "a private address"],
    ["100.64.0.1", "a carrier-grade NAT address"],
    ["100.127.255.255", "a carrier-grade NAT address"],
    ["224.0.0.1", "a multicast address"],
    ["ff02::1", "a multicast address"],
    ["0.1.2.3", "a reserved address"],
    ["192.0.0.8", "a reserved address"],
    ["192.0.2.10", "a reserved address"],
    ["198.18.0.1", "a reserved address"],
    ["198.51.100.7", "a reserved address"],
    ["203.0.113.9", "a reserved address"],
    ["240.0.0.1", "a reserved address"],
    ["255.255.255.255", "a reserved address"],
    ["2001:db8::1", "a reserved address"],
    ["100::1", "a reserved address"],
  ];
  it.each(cases)("%s is %s", (ip, phrase) => {
    expect(blockedAddressReason(ip)).toBe(`${ip.split("%")[0]} is ${phrase}`);
  });

  it("sees the IPv4 address inside IPv4-mapped, NAT64, IPv4-compatible and 6to4 addresses", () => {
    expect(blockedAddressReason("::ffff:127.0.0.1")).toMatch(/^::ffff:127\.0\.0\.1 is a loopback address/);
    expect(blockedAddressReason("::ffff:7f00:1")).toMatch(/^::ffff:7f00:1 is a loopback address \(it embeds 127\.0\.0\.1\)$/);
    expect(blockedAddressReason("::ffff:169.254.169.254")).toMatch(/is a link-local address/);
    expect(blockedAddressReason("::ffff:a00:5")).toMatch(/is a private address/);
    expect(blockedAddressReason("64:ff9b::a9fe:a9fe")).toBe("64:ff9b::a9fe:a9fe is a link-local address (it embeds 169.254.169.254)");
    expect(blockedAddressReason("::127.0.0.1")).toBe("::127.0.0.1 is a loopback address (it embeds 127.0.0.1)");
    expect(blockedAddressReason("2002:c0a8:101::1")).toBe("2002:c0a8:101::1 is a private address (it embeds 192.168.1.1)");
    // The same wrappers around a global address are not refused.
    expect(blockedAddressReason("::ffff:8.8.8.8")).toBeNull();
    expect(blockedAddressReason("64:ff9b::808:808")).toBeNull();
  });

  it("lets global addresses through, right next to the blocked ranges", () => {
    for (const ip of ["8.8.8.8", "1.1.1.1", "11.0.0.1", "9.255.255.255", "172.15.255.255", "172.32.0.1", "192.167.255.255", "192.169.0.1",
      "100.63.255.255", "100.128.0.1", "169.253.255.255", "169.255.0.1", "126.255.255.255", "128.0.0.1", "223.255.255.255",
      "2606:4700:4700::1111", "2a00:1450::1", "fbff::1", "fe00::1"]) {
      expect(blockedAddressReason(ip), ip).toBeNull();
    }
  });

  it("says nothing about host names (they are checked once resolved)", () => {
    expect(blockedAddressReason("hooks.example.com")).toBeNull();
    expect(blockedAddressReason("localhost")).toBeNull();
  });
});

describe("TRAILKEEPER_ALLOWED_OUTBOUND_HOSTS", () => {
  it("matches names and addresses exactly, whatever their case, brackets, trailing dot or IPv6 spelling", () => {
    process.env[ALLOWED_OUTBOUND_HOSTS_ENV] = " Hooks.Internal , 10.0.0.5,[::1],, fd00::0:1";
    for (const host of ["hooks.internal", "HOOKS.INTERNAL", "hooks.internal.", "10.0.0.5", "::1", "[0:0::1]", "fd00::1"]) {
      expect(isAllowedOutboundHost(host), host).toBe(true);
    }
    for (const host of ["internal", "x.hooks.internal", "hooks.internal.evil.com", "10.0.0.50", "10.0.0.6", "::2", "127.0.0.1"]) {
      expect(isAllowedOutboundHost(host), host).toBe(false);
    }
  });

  it("allows nothing when unset or empty", () => {
    delete process.env[ALLOWED_OUTBOUND_HOSTS_ENV];
    expect(isAllowedOutboundHost("127.0.0.1")).toBe(false);
    process.env[ALLOWED_OUTBOUND_HOSTS_ENV] = "";
    expect(isAllowedOutboundHost("")).toBe(false);
    expect(isAllowedOutboundHost("localhost")).toBe(false);
  });
});

describe("outboundUrlProblem (save time)", () => {
  it("refuses a URL whose host is a blocked address or localhost, saying how to allow it", () => {
    process.env[ALLOWED_OUTBOUND_HOSTS_ENV] = "";
    expect(outboundUrlProblem("http://169.254.169.254/latest/meta-data", "webhooks")).toBe(
      "169.254.169.254 is a link-local address, which webhooks may not reach. To allow it, add 169.254.169.254 to TRAILKEEPER_ALLOWED_OUTBOUND_HOSTS on the server and restart it.",
    );
    expect(outboundUrlProblem("http://[::1]:9000", "S3 endpoints")).toMatch(/^::1 is a loopback address, which S3 endpoints may not reach/);
    expect(outboundUrlProblem("http://LocalHost:8080/hook", "webhooks")).toMatch(/^localhost is a loopback address/);
    expect(outboundUrlProblem("http://api.localhost/hook", "webhooks")).toMatch(/^api\.localhost is a loopback address/);
    // Other spellings of an IPv4 address are the same address (the URL parser normalises them).
    expect(outboundUrlProblem("http://2130706433/", "webhooks")).toMatch(/^127\.0\.0\.1 is a loopback address/);
    expect(outboundUrlProblem("http://0x0a.0.0.1/", "webhooks")).toMatch(/^10\.0\.0\.1 is a private address/);
    expect(outboundUrlProblem("http://[::ffff:10.0.0.1]/", "webhooks")).toMatch(/is a private address/);
  });

  it("accepts global addresses, host names and allowed hosts", () => {
    process.env[ALLOWED_OUTBOUND_HOSTS_ENV] = "10.0.0.5,localhost";
    expect(outboundUrlProblem("https://hooks.example.com/x", "webhooks")).toBeNull();
    expect(outboundUrlProblem("https://8.8.8.8/x", "webhooks")).toBeNull();
    expect(outboundUrlProblem("http://10.0.0.5:9000", "S3 endpoints")).toBeNull();
    expect(outboundUrlProblem("http://localhost:9000", "S3 endpoints")).toBeNull();
    expect(outboundUrlProblem("http://10.0.0.6:9000", "S3 endpoints")).toMatch(/10\.0\.0\.6 is a private address/);
  });
});

describe("errorText (what the console shows)", () => {
  const sys = (code: string, message = `connect ${code} 10.1.2.3:443`) => Object.assign(new Error(message), { code });
  it("maps network errors to a short reason without addresses or ports", () => {
    expect(errorText(new BlockedAddressError("10.0.0.5", "10.0.0.5 is a private address"))).toBe("blocked address (10.0.0.5 is a private address)");
    expect(errorText(sys("ECONNREFUSED"))).toBe("connection refused");
    expect(errorText(sys("ECONNRESET"))).toBe("connection reset");
    expect(errorText(sys("ENOTFOUND", "getaddrinfo ENOTFOUND internal.corp"))).toBe("DNS lookup failed");
    expect(errorText(sys("EHOSTUNREACH"))).toBe("host unreachable");
    expect(errorText(sys("ETIMEDOUT"))).toBe("timed out");
    expect(errorText(Object.assign(new Error("Socket timed out without establishing a connection within 3000 ms"), { name: "TimeoutError" }))).toBe("timed out");
    expect(errorText(sys("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"))).toBe("TLS error");
    expect(errorText(sys("ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames"))).toBe("TLS error");
    expect(errorText(sys("HPE_INVALID_CONSTANT", "Parse Error: Expected HTTP/"))).toBe("invalid HTTP answer");
    // fetch-style wrapping: the code is on the cause.
    expect(errorText(new TypeError("fetch failed", { cause: sys("ECONNREFUSED") }))).toBe("connection refused");
  });

  it("shows an S3 answer as its status and S3 error code, never the answer's message", () => {
    const s3 = (name: string, status: number, message: string) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
    expect(errorText(s3("NoSuchBucket", 404, "The specified bucket does not exist"))).toBe("NoSuchBucket (HTTP 404)");
    expect(errorText(s3("AccessDenied", 403, "Access Denied"))).toBe("AccessDenied (HTTP 403)");
    // A server that is not S3 answers anything: its text is not a code and is not shown.
    expect(errorText(s3("<html><title>Intranet admin</title>", 200, "<html>…"))).toBe("HTTP 200");
    expect(errorText(s3("UnknownError", 502, "internal banner v1.2"))).toBe("HTTP 502");
    // A network error after retries carries $metadata too, without a status: the code wins.
    expect(errorText(Object.assign(sys("ECONNREFUSED"), { $metadata: { attempts: 2 } }))).toBe("connection refused");
  });

  it("keeps our own plain refusals, and hides everything else", () => {
    expect(errorText(new Error("Bucket audit-archive does not exist"))).toBe("Bucket audit-archive does not exist");
    expect(errorText(sys("ENOTDIR", "ENOTDIR: not a directory, mkdir '/srv/trailkeeper/data/buckets/x/acs'"))).toBe("file system error (ENOTDIR)");
    class DbError extends Error {}
    expect(errorText(new DbError("relation \"log_store_events\" does not exist"))).toBe("unexpected error (details in the worker log)");
    expect(errorText("a string")).toBe("unexpected error (details in the worker log)");
  });
});
