// Download CSV / Download JSON: the whole filtered result (past the 50-row page and the export's
// internal 1,000-row pages), and spreadsheet formulas neutralised in CSV.
import fs from "node:fs";
import { expect, test, type Download, type Page } from "@playwright/test";
import { craftEvent, expectParam, ingestRaw, openEvents, resultsSection, rowToggles, searchWith, shot, uniqueName } from "./fixtures";

/** RFC 4180 fields: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Clicks a download link once it carries `filters` (so a link of the page before a search is never used). */
async function download(
  page: Page,
  linkName: "Download CSV" | "Download JSON",
  filters: Record<string, string>,
): Promise<{ file: Download; text: string }> {
  const link = resultsSection(page).getByRole("link", { name: linkName });
  await expect
    .poll(async () => {
      const href = new URL((await link.getAttribute("href")) ?? "", page.url());
      return Object.entries(filters).every(([k, v]) => href.searchParams.get(k) === v);
    }, { message: `${linkName} carries ${JSON.stringify(filters)}` })
    .toBe(true);
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(await file.failure()).toBeNull();
  return { file, text: fs.readFileSync(await file.path(), "utf8") };
}

const CSV_HEADER = [
  "Event Time", "Username", "Event Name", "Resource Type", "Resource Name", "Service Name", "Event Type",
  "Read/Write", "Region", "Source IP", "AccessKey ID", "Error Code", "Sensitive", "Event ID",
];

test("CSV and JSON downloads hold exactly the filtered events, past every page", async ({ page, request }) => {
  test.setTimeout(120_000);
  const user = uniqueName("e2e-export");
  const events = Array.from({ length: 1_100 }, (_, i) =>
    craftEvent({ user, agoMs: 60_000 + i * 1_000, eventName: i % 2 ? "E2eExportRead" : "E2eExportWrite", eventRW: i % 2 ? "Read" : "Write" }),
  );
  const others = [craftEvent({ user: uniqueName("e2e-export-other") }), craftEvent({ user, region: "cn-shanghai" })];
  const ids = new Set(events.map((e) => String(e.eventId)));

  await test.step("ingest 1,100 events in three calls", async () => {
    for (const slice of [events.slice(0, 400), events.slice(400, 800), [...events.slice(800), ...others]]) {
      await ingestRaw(request, JSON.stringify({ events: slice }), slice.length);
    }
  });

  await test.step("the page shows 50 of them", async () => {
    await openEvents(page);
    await searchWith(page, { "Operator (username)": user });
    await expectParam(page, "user", user);
    await expect(rowToggles(page)).toHaveCount(50);
    await expect(page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Next" })).toBeVisible();
    await shot(page, "export-filtered-page");
  });

  await test.step("Download JSON: an array of exactly those events, as ingested", async () => {
    const { file, text } = await download(page, "Download JSON", { format: "json", user });
    expect(file.suggestedFilename()).toMatch(/\.json$/);
    const parsed = JSON.parse(text) as Record<string, unknown>[];
    expect(Array.isArray(parsed)).toBe(true);
    expect(parsed).toHaveLength(events.length);
    expect(new Set(parsed.map((e) => String(e.eventId)))).toEqual(ids);
    // Newest first, each one the event that was sent.
    expect(parsed.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    expect(parsed[0]).toEqual(events[0]);
    expect(parsed[parsed.length - 1]).toEqual(events[events.length - 1]);
  });

  await test.step("Download CSV: a header and one line per event", async () => {
    const { file, text } = await download(page, "Download CSV", { format: "csv", user });
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const lines = text.split("\r\n").filter((l) => l !== "");
    expect(lines).toHaveLength(events.length + 1);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(CSV_HEADER);
    const body = rows.slice(1);
    expect(body).toHaveLength(events.length);
    const col = (name: string) => CSV_HEADER.indexOf(name);
    expect(new Set(body.map((r) => r[col("Event ID")]))).toEqual(ids);
    expect(body.every((r) => r.length === CSV_HEADER.length)).toBe(true);
    expect(body.every((r) => r[col("Username")] === user && r[col("Region")] === "cn-hangzhou")).toBe(true);
    expect(body[0][col("Event Time")]).toBe(new Date(String(events[0].eventTime)).toISOString());
  });

  await test.step("a narrower filter narrows the download", async () => {
    await searchWith(page, { "Event Name": "E2eExportRead" });
    await expectParam(page, "eventName", "E2eExportRead");
    await expect(rowToggles(page)).toHaveCount(50);
    const { text } = await download(page, "Download JSON", { format: "json", user, eventName: "E2eExportRead" });
    const parsed = JSON.parse(text) as Record<string, unknown>[];
    expect(parsed).toHaveLength(550);
    expect(parsed.every((e) => e.eventName === "E2eExportRead" && e.eventRW === "Read")).toBe(true);
  });
});

test("formula-looking values are neutralised with a leading ' in CSV, kept as sent in JSON", async ({ page, request }) => {
  const user = `=HYPERLINK("http://evil.example/${uniqueName("x")}","Click me")`;
  const eventName = "-2+3+cmd|' /C calc'!A0";
  const resourceName = "@SUM(1,1)";
  const event = craftEvent({ user, eventName, resource: { type: "ACS::OSS::Object", name: resourceName } });
  await ingestRaw(request, JSON.stringify({ events: [event] }), 1);

  await openEvents(page);
  await searchWith(page, { "Operator (username)": user });
  await expectParam(page, "user", user);
  await expect(rowToggles(page)).toHaveCount(1);

  const csv = parseCsv((await download(page, "Download CSV", { format: "csv", user })).text);
  expect(csv).toHaveLength(2);
  const row = csv[1];
  expect(row[CSV_HEADER.indexOf("Username")]).toBe(`'${user}`);
  expect(row[CSV_HEADER.indexOf("Event Name")]).toBe(`'${eventName}`);
  expect(row[CSV_HEADER.indexOf("Resource Name")]).toBe(`'${resourceName}`);
  expect(row[CSV_HEADER.indexOf("Event ID")]).toBe(event.eventId);

  const json = JSON.parse((await download(page, "Download JSON", { format: "json", user })).text) as Record<string, unknown>[];
  expect(json).toEqual([event]);
});
