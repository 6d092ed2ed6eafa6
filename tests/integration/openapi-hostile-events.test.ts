// LookupEvents on every store with events nested 20,000 levels deep, stored the way older versions
// stored them (before ingestion refused such depth): straight through storeEvents. JSON and XML pages
// hold them whole and parse, and paging continues past them.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { resetServerKeyCache } from "@/lib/crypto/secret-box";
import { storeEvents } from "@/lib/events/ingest";
import { normalizeEvent } from "@/lib/events/normalize";
import type { TEvent } from "@/lib/events/schema";
import { renderOpenApiResponse } from "@/lib/openapi/response";
import { createUser } from "@/lib/users/users";
import { STORES, onFreshStore } from "../helpers/db";
import { signedParams } from "../helpers/openapi";
import { makeEvent } from "../helpers/events";
import { checkXmlElements } from "../helpers/xml";
import { callAndAudit } from "../helpers/openapi-handler";

const DEPTH = 20_000;

/** An event's JSON text with `requestParameters` replaced by `deep` (JSON.stringify could not write it). */
function withDeepParameters(base: Record<string, unknown>, deep: string): string {
  const { requestParameters: _dropped, ...rest } = base;
  return `${JSON.stringify(rest).slice(0, -1)},"requestParameters":${deep}}`;
}

/** Stores events as a version before the depth limit did: no validation, the text kept as given. */
async function storeAsBefore(raws: string[]): Promise<void> {
  const stored = await storeEvents(raws.map((raw) => normalizeEvent(JSON.parse(raw) as TEvent, raw, () => false)));
  expect(stored).toBe(raws.length);
}

describe.each(STORES)("LookupEvents with hostile stored events on %s", (store) => {
  let key: { accessKeyId: string; accessKeySecret: string };
  const user = `deep-user-${store}`;
  const ids: string[] = [];
  const raws = new Map<string, string>();

  async function lookup(params: Record<string, string>) {
    const p = signedParams("POST", key, "LookupEvents", { "LookupAttribute.1.Key": "User", "LookupAttribute.1.Value": user, ...params });
    const r = await callAndAudit({ method: "POST", params: p, ip: "198.51.100.30", userAgent: "vitest-hostile" });
    return renderOpenApiResponse(r);
  }

  onFreshStore(store);
  beforeAll(async () => {
    process.env.TRAILKEEPER_DATA_DIR = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, `openapi-hostile-${store}-`));
    resetServerKeyCache();
    await createUser({ username: `deep-reader-${store}`, password: "deep-reader-password", role: "auditor" });
    key = await createAccessKey({ username: `deep-reader-${store}` });
    // Newest first: a valid neighbour, the two deep events, another neighbour.
    const identity = { type: "ram-user", userName: user, principalId: "1", accountId: "1" };
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const events = [
      JSON.stringify(makeEvent({ eventTime: at(1), userIdentity: identity })),
      withDeepParameters(makeEvent({ eventTime: at(2), userIdentity: identity }), `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`),
      withDeepParameters(makeEvent({ eventTime: at(3), userIdentity: identity }), `${'{"a":'.repeat(DEPTH)}"bottom"${"}".repeat(DEPTH)}`),
      // Odd tokens a re-serialisation would change: they must come back as stored.
      `${JSON.stringify(makeEvent({ eventTime: at(4), userIdentity: identity })).slice(0, -1)},"n":1.0,"big":12345678901234567890,"s":"\\u003c","dup":1,"dup":2}`,
    ];
    for (const raw of events) {
      const id = (JSON.parse(raw) as { eventId: string }).eventId;
      ids.push(id);
      raws.set(id, raw);
    }
    await storeAsBefore(events);
  });

  it("answers JSON with every stored event byte-for-byte, deep ones included", async () => {
    const page = await lookup({});
    expect(page.status, page.text.slice(0, 300)).toBe(200);
    for (const raw of raws.values()) expect(page.text.includes(raw)).toBe(true);
    const parsed = JSON.parse(page.text) as { Events: { eventId: string }[] };
    expect(parsed.Events.map((e) => e.eventId)).toEqual(ids);
  });

  it("pages past a deep event one at a time, each page whole", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await lookup({ MaxResults: "1", ...(token ? { NextToken: token } : {}) });
      expect(page.status).toBe(200);
      const body = JSON.parse(page.text) as { Events: { eventId: string }[]; NextToken?: string };
      expect(body.Events).toHaveLength(1);
      const id = body.Events[0].eventId;
      expect(page.text).toContain(raws.get(id)!);
      seen.push(id);
      token = body.NextToken;
      if (!token) break;
    }
    expect(seen).toEqual(ids);
  });

  it("answers XML with the deep events converted whole, in well-formed XML", async () => {
    const page = await lookup({ Format: "XML" });
    expect(page.status).toBe(200);
    expect(page.headers["Content-Type"]).toContain("application/xml");
    // Root, Events, requestParameters, then the 20,000 nested objects.
    expect(checkXmlElements(page.text).maxDepth).toBe(DEPTH + 3);
    expect(page.text).toContain(`<requestParameters>${"<a>".repeat(DEPTH - 1)}<a>bottom</a>${"</a>".repeat(DEPTH - 1)}</requestParameters>`);
    for (const id of ids) expect(page.text).toContain(`<eventId>${id}</eventId>`);
    expect(page.text).toContain("<n>1.0</n><big>12345678901234567890</big><s>&lt;</s><dup>1</dup><dup>2</dup>");
  });
});
