import { describe, expect, it } from "vitest";
import { CidrSet, isIpAddress, parseCidr } from "@/lib/net/cidr";
import { signWebhook, verifyWebhook } from "@/lib/alerts/signing";

function ok(text: string): string {
  const p = parseCidr(text);
  if (!p.ok) throw new Error(p.error);
  return p.value.cidr;
}

function error(text: string): string {
  const p = parseCidr(text);
  if (p.ok) throw new Error(`${text} parsed as ${p.value.cidr}`);
  return p.error;
}

describe("parseCidr", () => {
  it("canonicalises IPv4 and IPv6 blocks and bare addresses", () => {
    expect(ok(" 203.0.113.0/24 ")).toBe("203.0.113.0/24");
    expect(ok("10.1.2.3")).toBe("10.1.2.3/32");
    expect(ok("0.0.0.0/0")).toBe("0.0.0.0/0");
    expect(ok("2001:DB8:0:0::/32")).toBe("2001:db8::/32");
    expect(ok("2001:db8::1")).toBe("2001:db8::1/128");
    expect(ok("::/0")).toBe("::/0");
    expect(ok("2001:db8:0:0:1:0:0:1/128")).toBe("2001:db8::1:0:0:1/128");
    expect(ok("::ffff:192.0.2.0/120")).toBe("::ffff:c000:200/120");
  });

  it("says what is wrong with bad input", () => {
    expect(error("")).toMatch(/Enter an IP address or a CIDR block/);
    expect(error("10.0.0.256/8")).toBe('"10.0.0.256" is not an IPv4 or IPv6 address (an IPv4 address has four numbers from 0 to 255).');
    expect(error("10.0.0/8")).toMatch(/four numbers/);
    expect(error("example.com/24")).toBe('"example.com" is not an IPv4 or IPv6 address.');
    expect(error("10.0.0.0/33")).toBe("The prefix length /33 is too long for an IPv4 address: at most /32.");
    expect(error("2001:db8::/129")).toBe("The prefix length /129 is too long for an IPv6 address: at most /128.");
    expect(error("10.0.0.0/")).toMatch(/must be a whole number from 0 to 32/);
    expect(error("10.0.0.0/-1")).toMatch(/must be a whole number/);
    expect(error("10.0.0.0/8/8")).toMatch(/must be a whole number/);
    expect(error("10.0.0.1/8")).toBe("10.0.0.1/8 has host bits set: the network of /8 is 10.0.0.0/8.");
    expect(error("2001:db8::1/64")).toBe("2001:db8::1/64 has host bits set: the network of /64 is 2001:db8::/64.");
    expect(error("fe80::1%eth0/64")).toMatch(/zone index/);
    expect(error("<script>alert(1)</script>")).toMatch(/is not an IPv4 or IPv6 address/);
  });
});

describe("CidrSet", () => {
  const V4 = ["203.0.113.0/24", "198.51.100.7/32"];
  const V6 = ["2001:db8:abcd::/48", "10.0.0.0/8"];
  it.each<[string, [blocks: string[], address: string, held: boolean][]]>([
    ["matches IPv4 at the edges of a block and of the prefix range", [
      [V4, "203.0.113.0", true], [V4, "203.0.113.255", true], [V4, "203.0.112.255", false], [V4, "203.0.114.0", false],
      [V4, "198.51.100.7", true], [V4, "198.51.100.8", false], [["0.0.0.0/0"], "8.8.8.8", true], [["0.0.0.0/0"], "2001:db8::1", false],
    ]],
    ["matches IPv6, and IPv4-mapped IPv6 against IPv4 blocks", [
      [V6, "2001:db8:abcd:ffff:ffff:ffff:ffff:ffff", true], [V6, "2001:db8:abce::", false], [V6, "::ffff:10.20.30.40", true],
      [["::/0"], "2001:db8::1", true], [["2001:db8::1/128"], "2001:db8::2", false],
    ]],
  ])("%s", (_, cases) => {
    for (const [blocks, address, held] of cases) expect(new CidrSet(blocks).has(address), `${address} in ${blocks.join(",")}`).toBe(held);
  });

  it("ignores what is not an IP (service host names, bad entries)", () => {
    const set = new CidrSet(["not-a-cidr", "10.0.0.1/8", "10.0.0.0/8"]);
    expect(set.size).toBe(1);
    expect(set.has("ecs.aliyuncs.com")).toBe(false);
    expect(set.has(null)).toBe(false);
    expect(isIpAddress("ecs.aliyuncs.com")).toBe(false);
    expect(isIpAddress("2001:db8::1")).toBe(true);
  });
});

describe("webhook signature", () => {
  const body = '{"kind":"insight","rule":{"id":1}}';

  it("matches a vector computed by hand", () => {
    // printf '%s' '1700000000.{"kind":"insight","rule":{"id":1}}' | openssl dgst -sha256 -hmac 'whsec_test-secret'
    // SHA2-256(stdin)= 75514556dc98010bd1baa2096ece9cf0f6afaadbdbaa8f78e8487faf14efe62d
    expect(signWebhook("whsec_test-secret", 1_700_000_000, body)).toBe("sha256=75514556dc98010bd1baa2096ece9cf0f6afaadbdbaa8f78e8487faf14efe62d");
  });

  it("verifies only the right secret, body and a recent timestamp", () => {
    const sig = signWebhook("s3cret", 1_700_000_000, body);
    expect(verifyWebhook("s3cret", { timestamp: "1700000000", signature: sig }, body, 1_700_000_100)).toBe(true);
    expect(verifyWebhook("other", { timestamp: "1700000000", signature: sig }, body, 1_700_000_100)).toBe(false);
    expect(verifyWebhook("s3cret", { timestamp: "1700000000", signature: sig }, body + " ", 1_700_000_100)).toBe(false);
    expect(verifyWebhook("s3cret", { timestamp: "1700000001", signature: sig }, body, 1_700_000_100)).toBe(false);
    expect(verifyWebhook("s3cret", { timestamp: "1700000000", signature: sig }, body, 1_700_000_000 + 301)).toBe(false);
    expect(verifyWebhook("s3cret", { timestamp: "1700000000", signature: undefined }, body, 1_700_000_000)).toBe(false);
  });
});
