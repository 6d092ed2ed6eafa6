// Worker leases: several worker processes, on one machine or many, share one store, and each piece of work
// that must not run twice at once (one trail destination's delivery, one history job, one singleton loop
// such as the insight step) is done only by the holder of its lease, a row of worker_leases. A lease is
// taken with one conditional upsert (free, expired, or already ours), renewed in the background while
// held, and taken over by another worker once its holder stops renewing (a killed process) for ttl.
//
// Expiry is read on the store's clock, never the workers': two machines whose clocks drift apart still
// agree on who holds what. A lease alone is not a fence (a paused holder may wake after losing it), so
// the work's commit also checks it (confirm) in the same transaction as its own conditional update.
import crypto from "node:crypto";
import os from "node:os";
import { dialect, prisma } from "@/lib/db";
import { empty, sql, type Sql } from "@/lib/db/sql";
import { LeaseLostError } from "@/lib/errors";

export const DEFAULT_LEASE_TTL_MS = 30_000;
export const LEASE_TTL_ENV = "TRAILKEEPER_LEASE_SECONDS";
/** Lease names are short identifiers made by the worker; longer ones are a bug, refused before the store. */
export const MAX_LEASE_NAME_CHARS = 300;

/** The lease time from TRAILKEEPER_LEASE_SECONDS (1 to 3600 seconds), else 30 s. */
export function leaseTtlFromEnv(env: Record<string, string | undefined> = process.env): number {
  const text = env[LEASE_TTL_ENV]?.trim();
  if (!text) return DEFAULT_LEASE_TTL_MS;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 3600) {
    throw new Error(`${LEASE_TTL_ENV} must be a number of seconds from 1 to 3600 (got "${text}")`);
  }
  return Math.round(seconds * 1000);
}

/** Epoch milliseconds by the store's clock (SQLite: the machine's, the only one with the file). */
function storeNowMs(): Sql {
  return dialect() === "sqlite"
    ? sql`CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`
    : sql`CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)`;
}

/** What runs a lease's statements: the shared client, or the transaction a commit confirms it in. */
export interface LeaseRunner {
  $executeRaw(query: Sql): Promise<number>;
  $queryRaw<T>(query: Sql): Promise<T>;
}

export interface LeaseOptions {
  /** How long a lease lasts unrenewed (default TRAILKEEPER_LEASE_SECONDS or 30 s). */
  ttlMs?: number;
  /** This worker's id in the table (default host, pid and a random part). */
  holder?: string;
  /** Take-overs and losses worth a log line. */
  onNotice?: (message: string) => void;
}

export interface LeaseRow {
  name: string;
  holder: string;
  /** Milliseconds left by the store's clock (≤ 0: expired). */
  remainingMs: number;
}

export class WorkerLeases {
  readonly holder: string;
  readonly ttlMs: number;
  private readonly onNotice?: (message: string) => void;
  /** Held leases → the local monotonic time until which this process may act on them. */
  private readonly held = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private renewing?: Promise<void>;

  constructor(opts: LeaseOptions = {}) {
    this.ttlMs = opts.ttlMs ?? leaseTtlFromEnv();
    this.holder = opts.holder ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
    this.onNotice = opts.onNotice;
  }

  /**
   * Takes the lease `name` if it is free, expired or already ours (then renewing it); false while another
   * holder's lease runs. Atomic in the store: of two workers racing for a free lease, one gets it.
   */
  async take(name: string): Promise<boolean> {
    checkName(name);
    // Measured before the statement: the store starts the lease no earlier than this.
    const started = performance.now();
    const until = this.held.get(name);
    // Renewed in the last third of the lease time (start() renews every third): no statement needed.
    if (until !== undefined && until - started > (this.ttlMs * 2) / 3) return true;
    if (until === undefined) {
      const [row] = await prisma.$queryRaw<{ holder: string; remaining: unknown }[]>(
        sql`SELECT holder, expires_at - ${storeNowMs()} AS remaining FROM worker_leases WHERE name = ${name}`,
      );
      const other = row && row.holder !== this.holder;
      const dead = other && Number(row.remaining) > 0 && deadOnThisHost(row.holder);
      if (other && Number(row.remaining) > 0 && !dead) return false;
      if (!(await this.upsert(name, dead ? row.holder : undefined))) return false;
      if (other) {
        this.onNotice?.(dead
          ? `took over lease ${name} from ${row.holder} (its process on this host has exited)`
          : `took over lease ${name} from ${row.holder} (expired ${-Number(row.remaining)} ms ago)`);
      }
    } else if (!(await this.upsert(name))) {
      this.held.delete(name);
      this.onNotice?.(`lost lease ${name}: another worker holds it`);
      return false;
    }
    this.held.set(name, started + this.ttlMs);
    return true;
  }

  /** Takes or renews `name`; `deadHolder`: also from that holder, whose process is known to have exited. */
  private async upsert(name: string, deadHolder?: string): Promise<boolean> {
    const now = storeNowMs();
    const dead = deadHolder === undefined ? empty : sql` OR worker_leases.holder = ${deadHolder}`;
    const count = await prisma.$executeRaw(sql`
      INSERT INTO worker_leases (name, holder, expires_at, acquired_at)
      VALUES (${name}, ${this.holder}, ${now} + ${this.ttlMs}, ${now})
      ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,
        acquired_at = CASE WHEN worker_leases.holder = excluded.holder THEN worker_leases.acquired_at ELSE excluded.acquired_at END
      WHERE worker_leases.holder = excluded.holder OR worker_leases.expires_at <= ${now}${dead}`);
    return count === 1;
  }

  /** True while this process took or renewed `name` less than ttl ago (by its own monotonic clock). */
  holds(name: string): boolean {
    const until = this.held.get(name);
    return until !== undefined && performance.now() < until;
  }

  /**
   * Inside the transaction that commits the work of `name`: throws LeaseLostError unless this worker
   * still holds it, and extends it. The row lock (PostgreSQL) or the write lock (SQLite) keeps any
   * take-over waiting until the commit, so a commit that passes here was made under the lease.
   */
  async confirm(tx: LeaseRunner, name: string): Promise<void> {
    const count = await tx.$executeRaw(
      sql`UPDATE worker_leases SET expires_at = ${storeNowMs()} + ${this.ttlMs} WHERE name = ${name} AND holder = ${this.holder}`,
    );
    if (count !== 1) {
      this.held.delete(name);
      throw new LeaseLostError(`Lease ${name} is no longer held by ${this.holder}: its work is left to the new holder`);
    }
  }

  /** Renews every lease this worker holds, in one statement; the ones another worker took are dropped. */
  async renewAll(): Promise<void> {
    if (!this.held.size) return;
    const started = performance.now();
    const rows = await prisma.$queryRaw<{ name: string }[]>(
      sql`UPDATE worker_leases SET expires_at = ${storeNowMs()} + ${this.ttlMs} WHERE holder = ${this.holder} RETURNING name`,
    );
    const still = new Set(rows.map((r) => r.name));
    for (const name of [...this.held.keys()]) {
      if (still.has(name)) this.held.set(name, started + this.ttlMs);
      else {
        this.held.delete(name);
        this.onNotice?.(`lost lease ${name}: another worker holds it`);
      }
    }
  }

  /** Renews the held leases every ttl/3 until stop(): a holder that is alive never lets one lapse. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.renewing) return;
      this.renewing = this.renewAll()
        .catch((e) => this.onNotice?.(`renewing leases failed: ${(e as Error).message}`))
        .finally(() => (this.renewing = undefined));
    }, Math.max(50, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  /** Stops renewing and gives every held lease back, so that another worker takes the work at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.renewing;
    this.held.clear();
    await prisma.$executeRaw(sql`DELETE FROM worker_leases WHERE holder = ${this.holder}`);
  }

  /** The leases this worker holds whose names start with `prefix`. */
  heldNames(prefix = ""): string[] {
    return [...this.held.keys()].filter((n) => n.startsWith(prefix));
  }

  /** Gives one lease back. */
  async release(name: string): Promise<void> {
    this.held.delete(name);
    await prisma.$executeRaw(sql`DELETE FROM worker_leases WHERE name = ${name} AND holder = ${this.holder}`);
  }
}

/**
 * True when `holder` names a process of this host (same host name) that no longer exists: a worker
 * restarted after a crash (npm start restarts it) takes its predecessor's leases at once instead of
 * after the lease time. A live process, one of another user, or another host's never counts as dead.
 */
function deadOnThisHost(holder: string): boolean {
  const m = /^(.*):(\d+):[0-9a-f]+$/.exec(holder);
  if (!m || m[1] !== os.hostname()) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function checkName(name: string): void {
  if (!name || name.length > MAX_LEASE_NAME_CHARS) throw new Error(`A lease name must have 1 to ${MAX_LEASE_NAME_CHARS} characters (got ${name.length})`);
}

/** Every lease row, for tests and the operator (who holds what, how long it has left). */
export async function listLeases(): Promise<LeaseRow[]> {
  const rows = await prisma.$queryRaw<{ name: string; holder: string; remaining: unknown }[]>(
    sql`SELECT name, holder, expires_at - ${storeNowMs()} AS remaining FROM worker_leases ORDER BY name`,
  );
  return rows.map((r) => ({ name: r.name, holder: r.holder, remainingMs: Number(r.remaining) }));
}

/** The lease of one history delivery job. */
export function historyLeaseName(jobId: number): string {
  return `history:${jobId}`;
}

/** The lease of one trail destination's live delivery. */
export function deliveryLeaseName(trailName: string, destination: string): string {
  return `delivery:${destination}:${trailName}`;
}
