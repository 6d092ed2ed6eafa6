// Test helper (run with tsx against the e2e store): stores events the way versions before the ingestion
// structure checks did — normalised from their parsed value, the text kept as given, no depth or
// duplicate-key check — so specs can prove that readers survive what older stores may hold.
// Reads one event's JSON text per line on stdin; prints {"stored": n}.
import "@/scripts/node-entry";
import { disconnectDb } from "@/lib/db";
import { storeEvents } from "@/lib/events/ingest";
import { normalizeEvent } from "@/lib/events/normalize";
import { parseEvent } from "@/lib/events/schema";
import { loadSensitiveNames, sensitivityRule } from "@/lib/events/sensitive-catalog";

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const isSensitive = sensitivityRule(await loadSensitiveNames());
  const events = input.split("\n").filter((l) => l.trim()).map((raw) => {
    const parsed = parseEvent(JSON.parse(raw));
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    return normalizeEvent(parsed.event, raw, isSensitive);
  });
  console.log(JSON.stringify({ stored: await storeEvents(events) }));
  await disconnectDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
