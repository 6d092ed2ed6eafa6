// Test helper (run with tsx against the e2e store, see e2e/log-store.spec.ts): writes events straight into
// a log store, as the delivery worker would have months ago. Reads {"logStore", "events": [...]} on stdin.
import "@/scripts/node-entry";
import { disconnectDb, prisma } from "@/lib/db";
import { canonicalTime } from "@/lib/events/normalize";
import { GLOBAL_EVENTS_REGION } from "@/lib/events/regions";

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const { logStore, events } = JSON.parse(input) as { logStore: string; events: Record<string, unknown>[] };
  const { count } = await prisma.logStoreEvent.createMany({
    data: events.map((e) => ({
      logStore,
      eventId: String(e.eventId),
      eventTime: canonicalTime(String(e.eventTime)),
      queryRegion: e.isGlobal === true ? GLOBAL_EVENTS_REGION : String(e.acsRegion),
      raw: JSON.stringify(e),
    })),
  });
  console.log(JSON.stringify({ inserted: count }));
  await disconnectDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
