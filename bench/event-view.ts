// Opening one hostile event in the console, on the server: the permanent link's work (findEventById,
// then React rendering the event's detail and JSON view to HTML), for 512 KB events of the shapes that
// cost a viewer most, and for an event stored with 20,000 levels before ingestion refused that.
// The floor is the same row read and its stored text rendered as one escaped <pre>: the cheapest way to
// show the event at all. Target: p95 under 1 s (issue 9).
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { EventDetail } from "@/components/events/event-detail";
import { ingestEvents, storeEvents } from "@/lib/events/ingest";
import { normalizeEvent } from "@/lib/events/normalize";
import { findEventById } from "@/lib/events/query";
import { MAX_EVENT_CHARS, parseEvent } from "@/lib/events/schema";
import { loadSensitiveNames, sensitivityRule } from "@/lib/events/sensitive-catalog";
import { summarise, type Timing } from "./measure";

export const EVENT_VIEW_P95_MS = 1_000;

export interface EventViewResult {
  name: string;
  bytes: number;
  product: Timing;
  floor: Timing;
  ratio: number;
}

const END = "2026-03-04T09:00:00.000Z";

function base(id: string, requestParameters: unknown): Record<string, unknown> {
  return {
    eventId: id, eventVersion: 1, eventTime: END, eventName: "CreateInstance", eventType: "ApiCall", eventRW: "Write",
    serviceName: "Ecs", acsRegion: "cn-hangzhou", sourceIpAddress: "203.0.113.9", userAgent: "bench",
    userIdentity: { type: "ram-user", userName: "bench.viewer", accessKeyId: "LTAI5tBenchViewKey0000001" },
    requestParameters,
  };
}

/** Grows `make(n)` until its JSON is just under the ingestion limit. */
function fill(id: string, make: (n: number) => unknown): string {
  let lo = 1;
  let hi = 1;
  const size = (n: number) => JSON.stringify(base(id, make(n))).length;
  while (size(hi) < MAX_EVENT_CHARS) hi *= 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (size(mid) < MAX_EVENT_CHARS) lo = mid;
    else hi = mid;
  }
  return JSON.stringify(base(id, make(lo)));
}

/** The shapes: each 512 KB but for the old deep one. */
function shapes(): { name: string; id: string; raw: string; bypassLimit?: boolean }[] {
  const out = [
    { name: "array of small objects", id: "bench-view-objects", make: (n: number) => ({ Items: Array.from({ length: n }, (_, i) => ({ Id: `i-${i}`, N: i, Ok: true })) }) },
    { name: "array of numbers", id: "bench-view-numbers", make: (n: number) => Array.from({ length: n }, (_, i) => i % 10) },
    { name: "many keys", id: "bench-view-keys", make: (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`Key${i}`, i])) },
    { name: "one long string", id: "bench-view-string", make: (n: number) => ({ Blob: "x".repeat(n) }) },
    {
      name: "64 levels, padded",
      id: "bench-view-deep64",
      make: (n: number) => {
        let v: unknown = { Leaf: "y".repeat(n) };
        for (let i = 0; i < 61; i++) v = [v];
        return v;
      },
    },
  ].map((s) => ({ name: s.name, id: s.id, raw: fill(s.id, s.make) }));
  const deepId = "bench-view-deep20k";
  const deep = JSON.stringify(base(deepId, "__DEEP__")).replace('"__DEEP__"', `${"[".repeat(20_000)}${"]".repeat(20_000)}`);
  return [...out, { name: "20,000 levels (stored before the limit)", id: deepId, raw: deep, bypassLimit: true }];
}

async function store(list: ReturnType<typeof shapes>): Promise<void> {
  const accepted = list.filter((s) => !s.bypassLimit);
  const result = await ingestEvents(accepted.map((s) => ({ value: JSON.parse(s.raw), raw: s.raw })));
  if (result.failed.length) throw new Error(`bench event view: ${JSON.stringify(result.failed)}`);
  // What older versions stored without the depth limit: normalised and inserted directly.
  const isSensitive = sensitivityRule(await loadSensitiveNames());
  for (const s of list.filter((x) => x.bypassLimit)) {
    const parsed = parseEvent(JSON.parse(s.raw));
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    await storeEvents([normalizeEvent(parsed.event, s.raw, isSensitive)]);
  }
}

async function openProduct(id: string): Promise<number> {
  const t = performance.now();
  const row = await findEventById(id);
  if (!row) throw new Error(`bench event view: ${id} not found`);
  const html = renderToString(createElement(EventDetail, { row }));
  if (html.length < row.raw.length / 4) throw new Error(`bench event view: ${id} rendered ${html.length} characters`);
  return performance.now() - t;
}

async function openFloor(id: string): Promise<number> {
  const t = performance.now();
  const row = await findEventById(id);
  if (!row) throw new Error(`bench event view: ${id} not found`);
  renderToString(createElement("pre", null, row.raw));
  return performance.now() - t;
}

export async function benchEventView(runs: number, warmups: number): Promise<EventViewResult[]> {
  const list = shapes();
  await store(list);
  const results: EventViewResult[] = [];
  for (const s of list) {
    for (let i = 0; i < warmups; i++) {
      await openProduct(s.id);
      await openFloor(s.id);
    }
    const product: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternating which goes first, as the query cases do.
      if (i % 2) {
        floor.push(await openFloor(s.id));
        product.push(await openProduct(s.id));
      } else {
        product.push(await openProduct(s.id));
        floor.push(await openFloor(s.id));
      }
    }
    const p = summarise(product);
    const f = summarise(floor);
    results.push({ name: s.name, bytes: s.raw.length, product: p, floor: f, ratio: p.p50 / f.p50 });
  }
  return results;
}
