// POST /api/v1/events over real HTTP against the running server: every bad input gets its own test,
// a clear error, and never costs a valid event.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { makeEvent } from "../tests/helpers/events";
import { cli, ingestToken, SIGNED_OUT } from "./fixtures";

test.use({ storageState: SIGNED_OUT });

const URL = "/api/v1/events";

async function post(request: APIRequestContext, data: string | Buffer, headers: Record<string, string> = {}) {
  const res = await request.post(URL, {
    headers: { Authorization: `Bearer ${ingestToken()}`, "Content-Type": "application/json", ...headers },
    data,
  });
  return { status: res.status(), body: (await res.json()) as Record<string, unknown> };
}

async function exportedIds(request: APIRequestContext, query: string): Promise<string[]> {
  // The export needs a session: sign in through the credentials endpoint like the browser does.
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, username: "auditor", password: "trailkeeper-auditor", json: "true" },
  });
  const res = await request.get(`/api/v1/events/export?format=json&${query}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { eventId: string }[]).map((e) => e.eventId);
}

test("a valid batch is stored and queryable as soon as the call returns", async ({ request }) => {
  const user = `ingest-now-${Date.now()}`;
  const events = [makeEvent({ userIdentity: { userName: user } }), makeEvent({ userIdentity: { userName: user } })];
  const { status, body } = await post(request, JSON.stringify({ events }));
  expect(status).toBe(200);
  expect(body).toEqual({ accepted: 2, duplicates: 0, failed: [] });
  expect((await exportedIds(request, `user=${user}&range=1h`)).sort()).toEqual(events.map((e) => e.eventId).sort());
});

test("no Authorization header: 401 saying how to authenticate", async ({ request }) => {
  const res = await request.post(URL, { data: JSON.stringify({ events: [makeEvent()] }), headers: { "Content-Type": "application/json" } });
  expect(res.status()).toBe(401);
  expect((await res.json()).message).toMatch(/Bearer/);
});

test("an unknown token: 401", async ({ request }) => {
  const res = await request.post(URL, { data: JSON.stringify({ events: [makeEvent()] }), headers: { Authorization: "Bearer tk_not-a-real-token" } });
  expect(res.status()).toBe(401);
  expect((await res.json()).message).toMatch(/unknown or revoked/);
});

test("a revoked token: 401", async ({ request }) => {
  const created = JSON.parse(cli(["ingest-token", "create", "--json"]).trim().split("\n").pop()!) as { id: string; token: string };
  const ok = await request.post(URL, { data: JSON.stringify({ events: [makeEvent()] }), headers: { Authorization: `Bearer ${created.token}`, "Content-Type": "application/json" } });
  expect(ok.status()).toBe(200);
  cli(["ingest-token", "revoke", created.id]);
  const res = await request.post(URL, { data: JSON.stringify({ events: [makeEvent()] }), headers: { Authorization: `Bearer ${created.token}`, "Content-Type": "application/json" } });
  expect(res.status()).toBe(401);
});

test("a body that is not JSON: 400 InvalidJson", async ({ request }) => {
  // A Buffer: Playwright would JSON-encode a string that does not parse as JSON.
  const { status, body } = await post(request, Buffer.from('{"events": [ {"eventId": '));
  expect(status).toBe(400);
  expect(body.error).toBe("InvalidJson");
  expect(body.message).toMatch(/not valid JSON/);
});

test("an empty body: 400", async ({ request }) => {
  const { status, body } = await post(request, Buffer.alloc(0));
  expect(status).toBe(400);
  expect(body.message).toMatch(/empty/);
});

test("a JSON array instead of an object: 400", async ({ request }) => {
  const { status, body } = await post(request, JSON.stringify([makeEvent()]));
  expect(status).toBe(400);
  expect(body.message).toMatch(/must be a JSON object/);
});

test("no events array: 400", async ({ request }) => {
  const { status, body } = await post(request, JSON.stringify({ event: makeEvent() }));
  expect(status).toBe(400);
  expect(body.message).toMatch(/"events" array/);
});

test("events that is not an array: 400", async ({ request }) => {
  const { status, body } = await post(request, JSON.stringify({ events: makeEvent() }));
  expect(status).toBe(400);
  expect(body.message).toMatch(/"events" array/);
});

test("an empty events array: 400", async ({ request }) => {
  const { status, body } = await post(request, JSON.stringify({ events: [] }));
  expect(status).toBe(400);
  expect(body.message).toMatch(/empty/);
});

test("1,001 events: 413 TooManyEvents, nothing stored", async ({ request }) => {
  const user = `too-many-${Date.now()}`;
  const events = Array.from({ length: 1001 }, () => makeEvent({ userIdentity: { userName: user }, requestParameters: {}, responseElements: {} }));
  const { status, body } = await post(request, JSON.stringify({ events }));
  expect(status).toBe(413);
  expect(body.error).toBe("TooManyEvents");
  expect(body.message).toMatch(/1001 events.*at most 1000/);
  expect(await exportedIds(request, `user=${user}&range=1h`)).toEqual([]);
});

test("a body over 5 MB: 413 PayloadTooLarge", async ({ request }) => {
  const big = makeEvent({ additionalEventData: { padding: "x".repeat(5 * 1024 * 1024) } });
  const { status, body } = await post(request, JSON.stringify({ events: [big] }));
  expect(status).toBe(413);
  expect(body.error).toBe("PayloadTooLarge");
});

test("a non-JSON content type: 415", async ({ request }) => {
  const { status, body } = await post(request, Buffer.from("eventId=1"), { "Content-Type": "application/x-www-form-urlencoded" });
  expect(status).toBe(415);
  expect(body.message).toMatch(/application\/json/);
});

test("a mixed batch: valid events stored, each invalid one reported by index with field errors", async ({ request }) => {
  const user = `mixed-${Date.now()}`;
  const good1 = makeEvent({ userIdentity: { userName: user } });
  const missing = makeEvent({ userIdentity: { userName: user } });
  delete missing.eventName;
  const badTypes = makeEvent({ userIdentity: { userName: user }, eventRW: "Delete", isGlobal: "yes", eventTime: "last tuesday" });
  const good2 = makeEvent({ userIdentity: { userName: user } });
  const { status, body } = await post(request, JSON.stringify({ events: [good1, missing, "not an event", badTypes, good2] }));
  expect(status).toBe(200);
  expect(body.accepted).toBe(2);
  const failed = body.failed as { index: number; eventId?: string; errors: string[] }[];
  expect(failed.map((f) => f.index)).toEqual([1, 2, 3]);
  expect(failed[0]).toEqual({ index: 1, eventId: missing.eventId, errors: ["eventName: is required"] });
  expect(failed[1].errors).toEqual(["event: must be a JSON object"]);
  expect(failed[2].errors).toEqual(
    expect.arrayContaining([expect.stringMatching(/^eventRW: must be Read or Write/), expect.stringMatching(/^isGlobal: /), expect.stringMatching(/^eventTime: /)]),
  );
  expect((await exportedIds(request, `user=${user}&range=1h`)).sort()).toEqual([good1.eventId, good2.eventId].sort());
});

test("a batch with only invalid events: 400 with the per-event errors", async ({ request }) => {
  const { status, body } = await post(request, JSON.stringify({ events: [{ eventId: "x" }] }));
  expect(status).toBe(400);
  expect(body.accepted).toBe(0);
  expect((body.failed as unknown[]).length).toBe(1);
});

test("a single event over 512 KB is refused by itself, its neighbours are stored", async ({ request }) => {
  const user = `oversize-${Date.now()}`;
  const ok = makeEvent({ userIdentity: { userName: user } });
  const huge = makeEvent({ userIdentity: { userName: user }, userAgent: "u".repeat(600 * 1024) });
  const { body } = await post(request, JSON.stringify({ events: [ok, huge] }));
  expect(body.accepted).toBe(1);
  expect((body.failed as { errors: string[] }[])[0].errors[0]).toMatch(/at most 524288 are accepted/);
});

test("the same eventId twice is stored once (idempotent), in one call and across calls", async ({ request }) => {
  const user = `idem-${Date.now()}`;
  const e = makeEvent({ userIdentity: { userName: user } });
  expect((await post(request, JSON.stringify({ events: [e, e] }))).body).toMatchObject({ accepted: 2, duplicates: 1 });
  expect((await post(request, JSON.stringify({ events: [e] }))).body).toMatchObject({ accepted: 1, duplicates: 1 });
  expect(await exportedIds(request, `user=${user}&range=1h`)).toEqual([e.eventId]);
});
