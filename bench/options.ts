// Command-line options of `npm run bench`.

export interface BenchOptions {
  /** Events to generate and ingest (default 1,000,000). */
  events: number;
  /** Timed runs per query (default 30), after `warmups` untimed ones. */
  runs: number;
  warmups: number;
  /** Keep the temporary databases and print where they are. */
  keep: boolean;
  /** Print EXPLAIN QUERY PLAN of every query. */
  explain: boolean;
  /** Write bench/results/latest.{json,md} (default yes; no with --no-write, --db or --sql). */
  write: boolean;
  /** Skip the raw bulk-insert floor (halves the set-up time of a quick run). */
  ingestFloor: boolean;
  /** Run analyzeDatabase() after the load, as the seed and the CLI import do (default yes). */
  analyze: boolean;
  /** Query a copy of this kept bench.db instead of building one (no ingest figures). */
  db?: string;
  /** Statements run on the database before the queries (ANALYZE, CREATE INDEX …): to try a change. */
  sql: string[];
  /** Time only the dashboard's aggregate queries (skip the event query mix). */
  dashboardOnly: boolean;
  /** Time only opening large and hostile events (skip the queries, the floor and delivery). */
  eventViewOnly: boolean;
  /** Measure ingestion with and without the store chain on a database of its own (default yes). */
  chainCost: boolean;
  /** Time LookupEvents end to end over HTTP against the real web server (default yes; builds the console if needed). */
  api: boolean;
  /** Events per ingestEvents call (default 1,000, the HTTP API's limit per call). */
  ingestBatch: number;
  /** The stores to run on, in order (--store sqlite|postgres|both; default sqlite). */
  stores: ("sqlite" | "postgres")[];
  /** PostgreSQL admin URL (a fresh database per run is made there); default: scripts/pg-test-server.sh's. */
  pgUrl?: string;
  /** Concurrent ingestEvents callers while loading (default 1). */
  ingestClients: number;
}

const USAGE = `usage: npm run bench -- [--store sqlite|postgres|both] [--events N] [--runs N] [--warmups N] [--keep] [--explain] [--no-write] [--no-ingest-floor] [--no-chain-cost] [--no-api]
  --store S          sqlite (default), postgres (a fresh database on the tests' throwaway server,
                     scripts/pg-test-server.sh, started if needed) or both, one after the other
  --pg-url URL       the PostgreSQL server to make the fresh databases on (an admin URL)
  --ingest-clients N concurrent ingestEvents callers while loading (default 1)
  --events N         events to generate and ingest (default 1000000; 1e5, 100k and 10m are understood)
  --runs N           timed runs per query (default 30)
  --warmups N        untimed runs before them (default 3)
  --keep             keep the temporary databases
  --explain          print EXPLAIN QUERY PLAN of each query
  --no-write         do not write bench/results/latest.{json,md}
  --no-ingest-floor  skip the raw bulk-insert floor
  --no-chain-cost    skip ingestion with and without the store chain (alternate batches, a database of its own)
  --no-api           skip LookupEvents over HTTP through the V2.0 SDK against the real web server
  --ingest-batch N   events per ingestEvents call (default 1000, the HTTP API's limit; the CLI import's is larger)
  --no-analyze       skip analyzeDatabase() after the load (the planner then has no statistics)
  --db FILE|URL      query a copy of a kept bench.db (from --keep) instead of ingesting anew; with
                     --store postgres the URL of a kept database, queried as it is (events and rollups
                     are read, the event-view case adds its 7 events)
  --sql STATEMENT    run STATEMENT on the database before the queries (repeatable), e.g. --sql ANALYZE
  --dashboard-only   time only the dashboard's aggregate queries
  --event-view-only  time only opening large and hostile events in the console (server side)`;

function count(flag: string, value: string | undefined): number {
  const m = /^(\d+(?:\.\d+)?)(k|m|e\d+)?$/i.exec((value ?? "").replace(/[_,]/g, ""));
  if (!m) throw new Error(`${flag} needs a number, not ${JSON.stringify(value)}\n${USAGE}`);
  const base = Number(m[1]);
  const unit = (m[2] ?? "").toLowerCase();
  const n = unit === "k" ? base * 1e3 : unit === "m" ? base * 1e6 : unit.startsWith("e") ? base * 10 ** Number(unit.slice(1)) : base;
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, not ${value}`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions {
  const o: BenchOptions = {
    events: 1_000_000, runs: 30, warmups: 3, keep: false, explain: false, write: true, ingestFloor: true, analyze: true, sql: [],
    dashboardOnly: false, eventViewOnly: false, chainCost: true, api: true, ingestBatch: 1_000, stores: ["sqlite"], ingestClients: 1,
  };
  for (let i = 0; i < argv.length; i++) {
    const m = /^(--[a-z-]+)=([^]*)$/.exec(argv[i]);
    const [flag, inline] = m ? [m[1], m[2]] : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--events": o.events = count(flag, value()); break;
      case "--store": {
        const v = value();
        if (v === "sqlite" || v === "postgres") o.stores = [v];
        else if (v === "both") o.stores = ["sqlite", "postgres"];
        else throw new Error(`--store takes sqlite, postgres or both, not ${JSON.stringify(v)}\n${USAGE}`);
        break;
      }
      case "--pg-url": o.pgUrl = value(); break;
      case "--ingest-clients": o.ingestClients = Math.min(8, Math.max(1, count(flag, value()))); break;
      case "--runs": o.runs = Math.max(1, count(flag, value())); break;
      case "--warmups": o.warmups = count(flag, value()); break;
      case "--keep": o.keep = true; break;
      case "--explain": o.explain = true; break;
      case "--no-write": o.write = false; break;
      case "--no-ingest-floor": o.ingestFloor = false; break;
      case "--no-chain-cost": o.chainCost = false; break;
      case "--no-api": o.api = false; break;
      case "--no-analyze": o.analyze = false; break;
      case "--ingest-batch": o.ingestBatch = Math.max(1, count(flag, value())); break;
      case "--db": o.db = value(); break;
      case "--sql": o.sql.push(value()); break;
      case "--dashboard-only": o.dashboardOnly = true; break;
      case "--event-view-only": o.eventViewOnly = true; o.ingestFloor = false; o.chainCost = false; o.api = false; o.write = false; break;
      case "-h": case "--help": console.log(USAGE); process.exit(0);
      default: throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
    }
  }
  if (o.events < 1_000) throw new Error("--events must be at least 1000");
  // An experiment (another database, extra statements) never overwrites the published results.
  if (o.db || o.sql.length) o.write = false;
  return o;
}
