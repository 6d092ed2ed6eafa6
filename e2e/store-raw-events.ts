// Test helper (run with tsx against the e2e store, see e2e/attack-openapi.spec.ts): stores events the way
// a version before ingestion's depth limit did, straight through storeEvents with the columns
// normalizeEvent derives and no validation, so an event nested 20,000 levels deep can be in the store as
// it could be after an upgrade. Reads JSON lines (one event's exact text per line) on stdin.
import { disconnectDb } from "@/lib/db";
import { storeEvents } from "@/lib/events/ingest";
import { normalizeEvent } from "@/lib/events/normalize";
import type { TEvent } from "@/lib/events/schema";

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const raws = input.split("\n").filter((line) => line.trim() !== "");
  const stored = await storeEvents(raws.map((raw) => normalizeEvent(JSON.parse(raw) as TEvent, raw, () => false)));
  console.log(JSON.stringify({ stored }));
  await disconnectDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
