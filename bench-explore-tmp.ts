import { openReadOnly, openWritable } from "./bench/database";
import { ingestFloor } from "./bench/ingest";
const src = openReadOnly("/tmp/trailkeeper-bench-NU7mGo/bench.db"); const dst = openWritable("/tmp/trailkeeper-bench-NU7mGo/floor.db");
for (const p of (process.env.PRAGMAS ?? "").split(";").filter(Boolean)) dst.pragma(p);
if (process.env.NOIDX) for (const i of dst.prepare("select name from sqlite_master where type='index' and name not like 'sqlite_%' and name <> 'events_event_id_key'").all() as {name:string}[]) dst.exec("drop index " + i.name);
const t = performance.now(); const r = ingestFloor(src, dst); dst.close(); console.log(Math.round(r.eventsPerSec), "ev/s; incl close", Math.round((performance.now()-t)));
