// The API's own audit off the request path (lib/audit/queue.ts; docs/api-audit-queue.md): on a web server
// whose queue would wait ten minutes, a read's ApiCall event is not in the store after the answer, and a
// SIGTERM writes it before the process exits (npm start then restarts the web server).
import { expect, test } from "@playwright/test";
import { v2Call } from "../tests/helpers/openapi-clients";
import { cli } from "./fixtures";
import { serverForTests } from "./servers";

const MAIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
const QUEUED_PORT = Number(process.env.E2E_PORT ?? 3100) + 6;

function createKey(user: string) {
  const out = cli(["access-key", "create", "--user", user, "--json"]);
  return JSON.parse(out.trim().split("\n").reverse().find((l) => l.trim().startsWith("{"))!) as { accessKeyId: string; accessKeySecret: string };
}

const origin = (url: string) => ({ origin: url, host: url.replace(/^http:\/\//, ""), close: async () => {} });

test.describe.serial("an API call's audit event waits in the queue and is written on SIGTERM", () => {
  const queued = serverForTests({ port: QUEUED_PORT, env: { TRAILKEEPER_AUDIT_FLUSH_MS: "600000" } });

  test("nothing is lost when the web server is stopped", async () => {
    test.setTimeout(120_000);
    const reader = createKey("auditor");
    const checker = createKey("admin");
    /** The ApiCall events of `reader`'s key, read through the main server. */
    const recorded = async () => {
      const page = await v2Call(origin(MAIN), checker, "LookupEvents", {
        "LookupAttribute.1.Key": "EventAccessKeyId",
        "LookupAttribute.1.Value": reader.accessKeyId,
        StartTime: new Date(Date.now() - 600_000).toISOString().replace(/\.\d+Z$/, "Z"),
        MaxResults: "50",
      });
      return (page.Events as { eventName: string }[]).map((e) => e.eventName);
    };

    for (let i = 0; i < 3; i++) expect((await v2Call(origin(queued().url), reader, "DescribeRegions")).Regions).toBeTruthy();
    // Answered, not yet written: the queue holds them.
    expect(await recorded()).toEqual([]);

    const listening = /Trailkeeper web server listening on http:\/\/127\.0\.0\.1:\d+ \(pid (\d+)\)/g;
    const [pid] = [...queued().output().matchAll(listening)].map((m) => Number(m[1]));
    process.kill(pid, "SIGTERM");
    await expect.poll(() => queued().output(), { timeout: 15_000 }).toContain("Web server exited (code 0)");
    expect(await recorded()).toEqual(["DescribeRegions", "DescribeRegions", "DescribeRegions"]);
  });
});
