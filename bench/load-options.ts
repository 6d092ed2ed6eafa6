// Command-line options of `npm run load` (bench/load.ts), parsed as bench/options.ts parses the bench's.

export type LoadStore = "postgres" | "sqlite";

export interface LoadOptions {
  /** Seconds each target is driven for (default 60). */
  duration: number;
  store: LoadStore;
  /** Connections per target (default 2: six targets on a 2-core machine already queue). */
  connections: number;
  /** Events stored before the run, for LookupEvents and the event page to page through (default 20,000). */
  events: number;
  /** Events per ingestion call (default 10). */
  batch: number;
  /** PostgreSQL server to create the throwaway database on (default the test server, 127.0.0.1:54329). */
  pgUrl: string;
  /** Run the two workers beside the two web servers (default yes). */
  workers: boolean;
  /** Write bench/results/load-latest.md (default yes). */
  write: boolean;
  /** Keep the database and data directories, and print where they are. */
  keep: boolean;
}

export const USAGE = `usage: npm run load -- [--duration S] [--store postgres|sqlite] [--connections N] [--events N] [--batch N] [--pg-url URL] [--no-workers] [--no-write] [--keep]
  --duration S     seconds of load on every target at once (default 60)
  --store STORE    postgres (default) or sqlite: the one store both web servers and both workers share
  --connections N  connections per target (default 2)
  --events N       events stored before the run (default 20000)
  --batch N        events per ingestion call, 1 to 1000 (default 10)
  --pg-url URL     PostgreSQL server for the throwaway database (default postgresql://postgres@127.0.0.1:54329/postgres,
                   which scripts/pg-test-server.sh starts)
  --no-workers     run the two web servers only
  --no-write       do not write bench/results/load-latest.md
  --keep           keep the database and the data directories`;

function whole(flag: string, value: string | undefined, min: number, max: number): number {
  const n = Number((value ?? "").replace(/[_,]/g, "").replace(/k$/i, "000"));
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} needs a whole number from ${min} to ${max}, not ${JSON.stringify(value)}\n${USAGE}`);
  return n;
}

export function parseLoadOptions(argv: string[]): LoadOptions {
  const o: LoadOptions = {
    duration: 60,
    store: "postgres",
    connections: 2,
    events: 20_000,
    batch: 10,
    pgUrl: process.env.TRAILKEEPER_LOAD_PG_URL ?? "postgresql://postgres@127.0.0.1:54329/postgres",
    workers: true,
    write: true,
    keep: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const m = /^(--[a-z-]+)=([^]*)$/.exec(argv[i]);
    const [flag, inline] = m ? [m[1], m[2]] : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--duration": o.duration = whole(flag, value(), 1, 3600); break;
      case "--store": {
        const s = value();
        if (s !== "postgres" && s !== "sqlite") throw new Error(`--store is postgres or sqlite, not ${JSON.stringify(s)}\n${USAGE}`);
        o.store = s;
        break;
      }
      case "--connections": o.connections = whole(flag, value(), 1, 256); break;
      case "--events": o.events = whole(flag, value(), 1_000, 10_000_000); break;
      case "--batch": o.batch = whole(flag, value(), 1, 1_000); break;
      case "--pg-url": o.pgUrl = value(); break;
      case "--no-workers": o.workers = false; break;
      case "--no-write": o.write = false; break;
      case "--keep": o.keep = true; break;
      case "-h": case "--help": console.log(USAGE); process.exit(0);
      default: throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
    }
  }
  return o;
}
