import { disconnectDb, prisma, analyzeDatabase } from "@/lib/db";
import { seedEvents } from "@/lib/seed/seed-database";
import { reflagStoredEvents, loadSensitiveNames } from "@/lib/events/sensitive-catalog";

async function main() {
  const n = Number(process.argv[2] ?? 200000);
  const have = await prisma.event.count();
  if (have < n) { await seedEvents({ count: n - have }); await analyzeDatabase(); }
  await loadSensitiveNames();
  const total = await prisma.event.count();
  const top = await prisma.event.groupBy({ by: ["eventName"], _count: { _all: true }, orderBy: { _count: { eventName: "desc" } }, take: 1 });
  for (const name of [top[0].eventName, "DeleteTrail", "NoSuchEventName"]) {
    const rows = await prisma.event.count({ where: { eventName: name } });
    for (const listed of [true, false]) {
      const t = performance.now();
      const changed = await reflagStoredEvents(name, listed);
      console.log(JSON.stringify({ total, name, rows, listed, changed, ms: Math.round(performance.now() - t) }));
    }
  }
  // restore DeleteTrail's flags
  await reflagStoredEvents("DeleteTrail", true);
  await disconnectDb();
}
main();
