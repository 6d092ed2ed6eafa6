// Every action of the API reference, run as its example shows it, over HTTP through both official clients
// (the V2.0 core with ACS3-HMAC-SHA256, and pop-core with signature v1) on every store. A new action
// without a working example, or an example the API no longer answers, fails here.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { resetServerKeyCache } from "@/lib/crypto/secret-box";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { ingestEvents } from "@/lib/events/ingest";
import { ACTIONS } from "@/lib/openapi/actions";
import { ACTION_DOCS } from "@/lib/openapi/reference";
import { createUser } from "@/lib/users/users";
import { runExamples, type ApiCall } from "../helpers/api-examples";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";
import type { SigningKey } from "../helpers/openapi";
import { popCore, startApiServer, v2Call, type ApiServer } from "../helpers/openapi-http";

const CLIENTS = ["V2.0 core (ACS3-HMAC-SHA256)", "pop-core (signature v1)"] as const;
const CASES = STORES.flatMap((store) => CLIENTS.map((client) => [store, client] as const));

/** Finishes the delivery history job the examples started, as the worker would. */
async function deliverJobs(): Promise<void> {
  const engine = new DeliveryEngine();
  for (let i = 0; i < 20 && (await engine.step()).more; i++);
}

describe.each(CASES)("every action's example on %s through the %s", (store, client) => {
  let server: ApiServer;
  let admin: SigningKey;

  onFreshStore(store);
  beforeAll(async () => {
    process.env.TRAILKEEPER_DATA_DIR = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, `openapi-examples-${store}-`));
    resetServerKeyCache();
    process.env.TRAILKEEPER_API_RATE = "10000";
    await createUser({ username: "example-admin", password: "example-admin-password", role: "admin" });
    admin = await createAccessKey({ username: "example-admin" });
    const events = Array.from({ length: 5 }, (_, i) => makeEvent({ eventId: `example-${i}`, eventRW: "Write", eventTime: new Date(Date.now() - (i + 1) * 60_000).toISOString() }));
    expect((await ingestEvents(events.map((e) => ({ value: e, raw: JSON.stringify(e) })))).failed).toEqual([]);
    server = await startApiServer();
  });
  afterAll(async () => {
    delete process.env.TRAILKEEPER_API_RATE;
    await server?.close();
  });

  it("runs and answers with a RequestId", async () => {
    const v1 = popCore(server, admin);
    const call: ApiCall = client.startsWith("V2")
      ? (action, params) => v2Call(server, admin, action, params)
      : (action, params) => v1.request(action, params, { method: "POST" }) as Promise<Record<string, unknown>>;
    const runs = await runExamples(ACTION_DOCS, call, admin.accessKeyId, deliverJobs);
    expect(runs.map((r) => r.action).sort()).toEqual(Object.keys(ACTIONS).sort());
    for (const r of runs) expect(r.body.RequestId, r.action).toMatch(/^[0-9A-F-]{36}$/);
  });
});
