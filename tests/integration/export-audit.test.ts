// An export is recorded as one ExportEvents event with its filters, format, the number of events that went
// into the download and whether it completed — also when the download is cancelled half-way.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { exportStream, recordExport, type ExportOutcome } from "@/lib/events/export";
import { parseEventSearch } from "@/lib/events/filters";
import { STORES, onFreshStore } from "../helpers/db";
import { ingest, useTempDataDir } from "./delivery-helpers";

const ACTOR = { username: "auditor", kind: "console-user" as const, ip: "192.0.2.40", userAgent: "vitest" };
const USER = "exporter.subject";

async function exportRecords() {
  const rows = await prisma.event.findMany({ where: { eventName: "ExportEvents" }, orderBy: { id: "asc" }, select: { raw: true, userName: true, sourceIp: true, eventRW: true } });
  return rows.map((r) => ({ ...r, event: JSON.parse(r.raw) }));
}

describe.each(STORES)("export audit on %s", (store) => {
  let dataDir = "";
  onFreshStore(store);
  beforeAll(async () => {
    dataDir = useTempDataDir();
    await ingest(Array.from({ length: 1_200 }, (_, i) => ({
      acsRegion: "cn-shanghai",
      eventTime: new Date(Date.now() - (i + 1) * 1_000).toISOString(),
      userIdentity: { type: "ram-user", principalId: "2881", accountId: "1016954307248737", userName: USER },
    })));
    await ingest([{ acsRegion: "cn-shanghai" }]); // someone else's: not exported
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const filters = () => parseEventSearch(new URLSearchParams({ region: "cn-shanghai", range: "24h", user: USER })).filters;

  it("records a completed CSV export with its filters and the count of events in the file", async () => {
    const f = filters();
    const outcomes: ExportOutcome[] = [];
    const text = await new Response(exportStream(f, "csv", async (o) => {
      outcomes.push(o);
      await recordExport(ACTOR, f, "csv", o);
    })).text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines.length - 1).toBe(1_200);
    expect(outcomes).toEqual([{ count: 1_200, completed: true }]);

    const [rec] = await exportRecords();
    expect(rec).toMatchObject({ userName: "auditor", sourceIp: "192.0.2.40", eventRW: "Read" });
    expect(rec.event.requestParameters).toEqual({ Format: "csv", Filters: { region: "cn-shanghai", start: f.start, end: f.end, user: USER } });
    expect(rec.event.additionalEventData).toEqual({ ExportedEvents: 1_200, Completed: true });
  });

  it("records an empty JSON export as completed with 0 events", async () => {
    const f = parseEventSearch(new URLSearchParams({ region: "cn-shanghai", range: "1h", user: "nobody.at.all" })).filters;
    const text = await new Response(exportStream(f, "json", (o) => recordExport(ACTOR, f, "json", o))).text();
    expect(JSON.parse(text)).toEqual([]);
    const recs = await exportRecords();
    expect(recs).toHaveLength(2);
    expect(recs[1].event.requestParameters).toMatchObject({ Format: "json", Filters: { user: "nobody.at.all" } });
    expect(recs[1].event.additionalEventData).toEqual({ ExportedEvents: 0, Completed: true });
  });

  it("records a cancelled download once, as not completed, with the events sent before it stopped", async () => {
    const f = filters();
    const outcomes: ExportOutcome[] = [];
    const reader = exportStream(f, "json", async (o) => {
      outcomes.push(o);
      await recordExport(ACTOR, f, "json", o);
    }).getReader();
    const header = await reader.read();
    expect(new TextDecoder().decode(header.value)).toBe("[");
    const first = await reader.read();
    const sent = (new TextDecoder().decode(first.value).match(/\n\{/g) ?? []).length;
    expect(sent).toBe(500);
    await reader.cancel();
    // The stream reads ahead one chunk of 500 while the first is consumed: it may have queued that one too.
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0].completed).toBe(false);
    expect([500, 1_000]).toContain(outcomes[0].count);
    const recs = await exportRecords();
    expect(recs).toHaveLength(3);
    expect(recs[2].event.additionalEventData).toEqual({ ExportedEvents: outcomes[0].count, Completed: false });
  });
});
