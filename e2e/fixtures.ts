// Shared helpers of the browser tests: the e2e store, ingestion, unique data and result-table locators.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { makeEvent } from "../tests/helpers/events";

export const ROOT = path.resolve(__dirname, "..");
export const SHOTS_DIR = "/tmp/e2e-shots";

export type DemoUsername = "admin" | "auditor" | "security";
export const DEMO_USERS: readonly { username: DemoUsername; password: string }[] = [
  { username: "admin", password: "trailkeeper-admin" },
  { username: "auditor", password: "trailkeeper-auditor" },
  { username: "security", password: "trailkeeper-security" },
];

/** The storage state the setup project saved for a demo user. */
export function storageStateFor(username: DemoUsername): string {
  return path.join(__dirname, ".auth", `${username}.json`);
}

/** A browser context with no session at all. */
export const SIGNED_OUT = { cookies: [], origins: [] };

/** The environment that points the CLI at the store the test server uses (set by playwright.config.ts). */
export function e2eEnv(): NodeJS.ProcessEnv {
  const dir = process.env.TRAILKEEPER_E2E_DATA_DIR;
  if (!dir) throw new Error("TRAILKEEPER_E2E_DATA_DIR is not set: run the specs through playwright.config.ts");
  return {
    ...process.env,
    TRAILKEEPER_DATA_DIR: dir,
    DATABASE_URL: process.env.TRAILKEEPER_E2E_DATABASE_URL ?? `file:${path.join(dir, "trailkeeper.db")}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

/** Runs the operator CLI against the e2e store and returns its stdout. */
export function cli(args: string[]): string {
  return execFileSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["cli/index.ts", ...args], {
    cwd: ROOT,
    env: e2eEnv(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * Stores events straight into the query store, bypassing ingestion's checks (e2e/store-events-directly.ts):
 * what a store holds that ingestion would refuse today, e.g. an event older than the query store's
 * retention kept by a store configured to keep more.
 */
export function storeEventsDirectly(events: Record<string, unknown>[]): void {
  const out = execFileSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["e2e/store-events-directly.ts"], {
    cwd: ROOT,
    env: e2eEnv(),
    input: events.map((e) => JSON.stringify(e)).join("\n"),
    encoding: "utf8",
  });
  expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual({ stored: events.length });
}

// One token per worker process: module state lives as long as the worker.
let workerToken: string | undefined;

export function ingestToken(): string {
  if (!workerToken) {
    const out = cli(["ingest-token", "create", "--label", `e2e-worker-${process.pid}`, "--json"]);
    const line = out.trim().split("\n").reverse().find((l) => l.trim().startsWith("{"));
    if (!line) throw new Error(`ingest-token create --json printed no JSON: ${out}`);
    workerToken = (JSON.parse(line) as { token: string }).token;
  }
  return workerToken;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  failed: { index: number; eventId?: string; errors: string[] }[];
}

/** Posts a body exactly as given (no re-serialisation) and expects every event to be accepted. */
export async function ingestRaw(request: APIRequestContext, body: string, expected?: number): Promise<IngestResult> {
  const res = await request.post("/api/v1/events", {
    headers: { Authorization: `Bearer ${ingestToken()}`, "Content-Type": "application/json" },
    data: body,
  });
  const text = await res.text();
  expect(res.status(), `ingestion answered: ${text.slice(0, 500)}`).toBe(200);
  const result = JSON.parse(text) as IngestResult;
  expect(result.failed, text.slice(0, 500)).toEqual([]);
  if (expected !== undefined) expect(result.accepted).toBe(expected);
  return result;
}

/** Ingests events, one call per 1,000 (the API's limit per call). */
export async function ingest(request: APIRequestContext, events: Record<string, unknown>[]): Promise<IngestResult> {
  const total: IngestResult = { accepted: 0, duplicates: 0, failed: [] };
  for (let i = 0; i < events.length; i += 1_000) {
    const batch = events.slice(i, i + 1_000);
    const r = await ingestRaw(request, JSON.stringify({ events: batch }), batch.length);
    total.accepted += r.accepted;
    total.duplicates += r.duplicates;
  }
  return total;
}

/** A name no other test (and no demo event) uses: prefix, time, random. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

/** An IPv4 address from the benchmarking range 198.18.0.0/15, which the demo data does not use. */
export function uniqueIp(): string {
  const b = randomBytes(3);
  return `198.${18 + (b[0] & 1)}.${b[1]}.${b[2]}`;
}

export interface CraftOptions {
  user: string;
  eventName?: string;
  service?: string;
  region?: string;
  isGlobal?: boolean;
  eventRW?: "Read" | "Write";
  eventType?: string;
  accessKeyId?: string;
  sourceIp?: string;
  errorCode?: string;
  resource?: { type: string; name: string };
  sensitive?: boolean;
  /** How long ago it happened (default: one minute). */
  agoMs?: number;
  extra?: Record<string, unknown>;
}

/** One ActionTrail event for a test, built on the shared factory. Not sensitive unless asked. */
export function craftEvent(o: CraftOptions): Record<string, unknown> {
  const base = makeEvent();
  const resource = o.resource ?? { type: "ACS::ECS::Instance", name: `i-${randomBytes(8).toString("hex")}` };
  const event: Record<string, unknown> = {
    ...base,
    eventTime: new Date(Date.now() - (o.agoMs ?? 60_000)).toISOString(),
    eventName: o.eventName ?? uniqueName("E2eDescribe"),
    eventType: o.eventType ?? "ApiCall",
    eventRW: o.eventRW ?? "Write",
    serviceName: o.service ?? "Ecs",
    acsRegion: o.region ?? "cn-hangzhou",
    isGlobal: o.isGlobal ?? false,
    sourceIpAddress: o.sourceIp ?? "203.0.113.7",
    requestParameters: { ResourceId: resource.name },
    referencedResources: { [resource.type]: [resource.name] },
    userIdentity: {
      ...(base.userIdentity as Record<string, unknown>),
      accessKeyId: o.accessKeyId ?? "LTAI5tTestKey000000000001",
      userName: o.user,
    },
    ...o.extra,
  };
  if (o.errorCode) {
    event.errorCode = o.errorCode;
    event.errorMessage = `The request failed with ${o.errorCode}.`;
  }
  if (o.sensitive) event.sensitive = true;
  return event;
}

/** The time the console shows in a row's toggle name: canonical UTC with milliseconds. */
export function canonicalTime(event: Record<string, unknown>): string {
  return new Date(String(event.eventTime)).toISOString();
}

export function resultsSection(page: Page): Locator {
  return page.getByRole("region", { name: "Results" });
}

/** Every row's expand toggle in the results table. */
export function rowToggles(page: Page): Locator {
  return resultsSection(page).getByRole("button", { name: /^Details of / });
}

/** The expand toggle of one event's row. */
export function rowToggle(page: Page, event: Record<string, unknown>): Locator {
  return resultsSection(page).getByRole("button", { name: `Details of ${String(event.eventName)} at ${canonicalTime(event)}`, exact: true });
}

/** The expanded detail panel (the table row that holds an Event Detail JSON view). */
export function detailPanel(page: Page): Locator {
  return resultsSection(page).getByRole("row").filter({ has: page.getByTestId("json-view") });
}

/** Exactly `shown` are listed; `hidden` are not. An empty `shown` means the empty state. */
export async function expectRows(page: Page, shown: Record<string, unknown>[], hidden: Record<string, unknown>[] = []): Promise<void> {
  if (shown.length === 0) await expect(resultsSection(page).getByText("No events match these conditions.")).toBeVisible();
  for (const e of shown) await expect(rowToggle(page, e), `${String(e.eventName)} should be listed`).toBeVisible();
  await expect(rowToggles(page)).toHaveCount(shown.length);
  for (const e of hidden) await expect(rowToggle(page, e), `${String(e.eventName)} should not be listed`).toHaveCount(0);
}

export function filterForm(page: Page): Locator {
  return page.getByRole("search", { name: "Event filters" });
}

/** Opens /events with a query string and waits until the page is interactive. */
export async function openEvents(page: Page, query: Record<string, string> = {}): Promise<void> {
  const q = new URLSearchParams(query).toString();
  await page.goto(`/events${q ? `?${q}` : ""}`);
  await expect(page.getByRole("heading", { name: "Event Detail Query" })).toBeVisible();
  // The filter form is a client component: wait for hydration before typing into it.
  await page.waitForLoadState("networkidle");
}

/** Fills text filters by their labels and clicks Search. */
export async function searchWith(page: Page, fields: Record<string, string>): Promise<void> {
  const form = filterForm(page);
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole("button", { name: "Search" }).click();
}

/** The URL's query holds `key=value` (as URLSearchParams decodes it). */
export async function expectParam(page: Page, key: string, value: string | null): Promise<void> {
  await expect.poll(() => new URL(page.url()).searchParams.get(key), { message: `URL parameter ${key}` }).toBe(value);
}

/** One screenshot per spec area, outside the repository, for a human to look at. */
export async function shot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage });
}
