// Hostile events at the door: too deep or with a duplicate key, refused one by one with a clear error
// while their valid neighbours are stored, through the ingestion API's parser and the CLI import.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ingestEvents } from "@/lib/events/ingest";
import { parseIngestBody } from "@/lib/events/ingest-request";
import { findEventById } from "@/lib/events/query";
import { runCli } from "../helpers/cli";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";

/** An event whose requestParameters are `levels` arrays deep (the event itself is one more level). */
function deepEventText(levels: number): { id: string; text: string } {
  const e = makeEvent({ requestParameters: "__DEEP__" });
  return { id: e.eventId as string, text: JSON.stringify(e).replace('"__DEEP__"', `${"[".repeat(levels)}${"]".repeat(levels)}`) };
}

/** An event whose text names eventName twice: JSON.parse would keep "DescribeRegions", the text both. */
function duplicateKeyEventText(): { id: string; text: string } {
  const e = makeEvent({ eventName: "DeleteInstance" });
  return { id: e.eventId as string, text: JSON.stringify(e).replace(/}$/, ',"eventName":"DescribeRegions"}') };
}

describe.each(STORES)("hostile events at ingestion on %s", (store) => {
  onFreshStore(store);

  it("refuses a deep event and a duplicate-key event with their reasons, and stores their neighbours", async () => {
    const before = makeEvent();
    const after = makeEvent({ eventName: "StopInstance" });
    const deep = deepEventText(20_000);
    const dup = duplicateKeyEventText();
    const text = `{"events":[${JSON.stringify(before)},${deep.text},${dup.text},${JSON.stringify(after)}]}`;
    const parsed = parseIngestBody(text);
    if (!parsed.ok) throw new Error(parsed.message);
    const result = await ingestEvents(parsed.inputs);

    expect(result.accepted).toBe(2);
    expect(result.failed).toEqual([
      { index: 1, eventId: deep.id, errors: ["requestParameters: nested 20001 levels deep; at most 64 are accepted"] },
      { index: 2, eventId: dup.id, errors: ['"eventName" appears twice'] },
    ]);
    expect((await findEventById(before.eventId as string))?.raw).toBe(JSON.stringify(before));
    expect((await findEventById(after.eventId as string))?.raw).toBe(JSON.stringify(after));
    expect(await prisma.event.count({ where: { eventId: { in: [deep.id, dup.id] } } })).toBe(0);
  });

  it("accepts an event exactly at the depth limit", async () => {
    const ok = deepEventText(63);
    const result = await ingestEvents([{ value: JSON.parse(ok.text), raw: ok.text }]);
    expect(result).toMatchObject({ accepted: 1, failed: [] });
  });
});

describe("hostile events in the CLI import", () => {
  const databaseUrl = onFreshStore("sqlite");

  it("reports the same reasons per line and imports the rest", async () => {
    const valid = [makeEvent(), makeEvent()];
    const deep = deepEventText(100);
    const dup = duplicateKeyEventText();
    const file = path.join(process.env.TEST_TMP_DIR!, `hostile-${randomUUID()}.jsonl`);
    fs.writeFileSync(file, [JSON.stringify(valid[0]), deep.text, dup.text, JSON.stringify(valid[1])].join("\n") + "\n");
    const run = await runCli(["events", "import", file], { databaseUrl: databaseUrl(), env: { TRAILKEEPER_OPERATOR: "hostile-test" } });
    expect(run.code).toBe(1);
    expect(run.stdout.trim()).toBe("Imported 2 events (0 already stored); 2 failed");
    expect(run.stderr).toMatch(/^line 2: requestParameters: nested 101 levels deep; at most 64 are accepted$/m);
    expect(run.stderr).toMatch(/^line 3: "eventName" appears twice$/m);
    expect(await prisma.event.count({ where: { eventId: { in: valid.map((e) => e.eventId as string) } } })).toBe(2);
  });
});
