import { describe, expect, it } from "vitest";
import { demoAllowed, isLoopbackHost, listenHost } from "@/lib/auth/demo";

describe("when the demo may open the console", () => {
  it("listens on 127.0.0.1 unless HOST says otherwise", () => {
    expect(listenHost({})).toBe("127.0.0.1");
    expect(listenHost({ HOST: " 0.0.0.0 " })).toBe("0.0.0.0");
  });

  it("knows loopback addresses", () => {
    for (const h of ["127.0.0.1", "127.9.9.9", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["0.0.0.0", "::", "10.0.0.5", "192.168.1.2", "example.org", "128.0.0.1"]) expect(isLoopbackHost(h), h).toBe(false);
  });

  it("allows the demo on loopback only, without trusted proxies, or with the explicit opt-in", () => {
    expect(demoAllowed({})).toBe(true);
    expect(demoAllowed({ HOST: "0.0.0.0" })).toBe(false);
    // nginx on the same machine: the console listens on loopback and is reachable through the proxy.
    expect(demoAllowed({ TRAILKEEPER_TRUSTED_PROXIES: "127.0.0.1/32" })).toBe(false);
    expect(demoAllowed({ HOST: "0.0.0.0", TRAILKEEPER_DEMO: "1" })).toBe(true);
    expect(demoAllowed({ TRAILKEEPER_TRUSTED_PROXIES: "127.0.0.1/32", TRAILKEEPER_DEMO: "1" })).toBe(true);
  });
});
