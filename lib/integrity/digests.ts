// The digest step (docs/integrity.md): every digest period, for each trail and destination, one signed
// digest chained to the previous one. Object storage: a digest file per region of the trail listing the
// log files whose delivery was recorded before the period ended. Log store: a digests row over the rows
// added since the previous digest.
//
// Crash safety: a period's digests are recorded in one transaction that also marks the deliveries they
// list (deliveries.digest_id), with their exact bytes; the files are written to the bucket after that
// (written_at). A crash before the commit leaves nothing (the next step records the same period from the
// same deliveries); a crash after it leaves recorded rows whose bytes are written again, unchanged. The
// unique index on (trail, destination, region, period) forbids a second digest of a period. The files a
// digest lists were written and recorded before it (the engine records a delivery only after its files).
import { prisma } from "@/lib/db";
import { committedIdHorizon, db, empty, num, sql } from "@/lib/db/sql";
import { deliveryAccountId } from "@/lib/delivery/files";
import { StoreCache, trailDestinations, type Destination } from "@/lib/delivery/destinations";
import { logStoreName } from "@/lib/delivery/log-store";
import { errorDetail } from "@/lib/delivery/backoff";
import { signDocument, type JsonObject, type Signer } from "./document";
import {
  DIGEST_VERSION, digestIntervalMs, digestKey, isoSeconds, periodStartOf,
  type DigestLogFile, type LogStoreDigestContent, type OssDigestContent,
} from "./format";
import { currentSigner } from "./keys";
import { macKey, macMatches, RowsHasher, type LogStoreRow } from "./log-store-rows";

/** Periods recorded per trail and destination in one step: a worker that was down catches up in steps. */
const MAX_PERIODS_PER_STEP = 24;
const WRITE_BATCH = 200;
const ROW_CHUNK = 2_000;
const CLAIM_CHUNK = 500;

export interface DigestEngineOptions {
  now?: () => Date;
  /** The period length (default TRAILKEEPER_DIGEST_INTERVAL_SECONDS, else one hour). */
  intervalMs?: number;
  /** Called with each digest recorded and written, and with failures (the worker logs them). */
  onNotice?: (message: string) => void;
}

export interface DigestStepResult {
  recorded: number;
  written: number;
  failures: number;
  more: boolean;
}

type DigestTrail = Awaited<ReturnType<typeof prisma.trail.findMany>>[number];

/** `oss://bucket/key` → its parts. */
export function parseOssLocation(location: string): { bucket: string; key: string } {
  const m = /^oss:\/\/([^/]+)\/(.+)$/.exec(location);
  if (!m) throw new Error(`Not an object storage location: ${location}`);
  return { bucket: m[1], key: m[2] };
}

function prefixDir(prefix: string): string {
  const clean = prefix.replace(/^\/+|\/+$/g, "");
  return clean ? `${clean}/` : "";
}

export class DigestEngine {
  readonly stores = new StoreCache();
  readonly intervalMs: number;
  private readonly now: () => Date;
  private readonly onNotice?: (message: string) => void;

  constructor(opts: DigestEngineOptions = {}) {
    this.intervalMs = opts.intervalMs ?? digestIntervalMs();
    this.now = opts.now ?? (() => new Date());
    this.onNotice = opts.onNotice;
  }

  async step(): Promise<DigestStepResult> {
    const result: DigestStepResult = { recorded: 0, written: 0, failures: 0, more: false };
    // Digests recorded earlier whose file is not in the bucket yet (a crash, a bucket that was down).
    this.merge(result, await this.writePending());
    const trails = await prisma.trail.findMany({ where: { OR: [{ ossBucketName: { not: null } }, { logStoreEnabled: true }] } });
    let signer: Signer | undefined;
    for (const trail of trails) {
      for (const destination of trailDestinations(trail)) {
        try {
          const due = this.duePeriods(trail, await this.lastPeriodEnd(trail.name, destination));
          result.more ||= due.more;
          for (const start of due.starts) {
            signer ??= await currentSigner();
            const recorded = destination === "oss" ? await this.recordOss(trail, start, signer) : await this.recordLogStore(trail, start, signer);
            if (!recorded) break;
            result.recorded++;
          }
        } catch (e) {
          result.failures++;
          this.onNotice?.(`digest failed trail=${trail.name} destination=${destination}: ${errorDetail(e)}`);
        }
      }
    }
    if (result.recorded) this.merge(result, await this.writePending());
    return result;
  }

  private merge(into: DigestStepResult, r: { written: number; failures: number; more: boolean }) {
    into.written += r.written;
    into.failures += r.failures;
    into.more ||= r.more;
  }

  private async lastPeriodEnd(trailName: string, destination: Destination): Promise<number | undefined> {
    const last = await prisma.digest.findFirst({ where: { trailName, destination }, orderBy: { periodStart: "desc" }, select: { periodEnd: true } });
    return last?.periodEnd.getTime();
  }

  /**
   * The periods to record now: from the one after the last digest (the first: the period logging started
   * in, at most one period back) to the last one that has ended, while the trail was logging in them.
   * A stopped trail gets no digests; the next one after a restart still names the last as its previous.
   */
  duePeriods(trail: Pick<DigestTrail, "isLogging" | "startLoggingTime" | "stopLoggingTime" | "createdAt">, lastEnd: number | undefined): { starts: number[]; more: boolean } {
    const I = this.intervalMs;
    const now = this.now().getTime();
    const started = (trail.startLoggingTime ?? trail.createdAt).getTime();
    let next =
      lastEnd === undefined
        ? Math.max(periodStartOf(started, I), periodStartOf(now, I) - I)
        : // Rounded up onto the current grid (the interval may have been changed since).
          periodStartOf(lastEnd + I - 1, I);
    if (lastEnd !== undefined && trail.isLogging && trail.startLoggingTime) next = Math.max(next, periodStartOf(trail.startLoggingTime.getTime(), I));
    const starts: number[] = [];
    for (; next + I <= now; next += I) {
      const logging = trail.isLogging || (trail.stopLoggingTime !== null && trail.stopLoggingTime.getTime() > next);
      if (!logging) break;
      if (starts.length === MAX_PERIODS_PER_STEP) return { starts, more: true };
      starts.push(next);
    }
    return { starts, more: false };
  }

  /** One period's digests of a trail's bucket, one per region; false if there was nothing to do. */
  private async recordOss(trail: DigestTrail, start: number, signer: Signer): Promise<boolean> {
    const bucket = trail.ossBucketName!;
    const prefix = trail.ossKeyPrefix.replace(/^\/+|\/+$/g, "");
    const root = `oss://${bucket}/${prefixDir(prefix)}`;
    const periodStart = isoSeconds(start);
    const periodEnd = isoSeconds(start + this.intervalMs);
    const account = deliveryAccountId();
    const recorded = await prisma.$transaction(
      async (tx) => {
        const latest = await tx.digest.findFirst({ where: { trailName: trail.name, destination: "oss" }, orderBy: { periodStart: "desc" }, select: { periodStart: true } });
        // Another process recorded it first.
        if (latest && latest.periodStart.getTime() >= start) return 0;
        const deliveries = await tx.delivery.findMany({
          where: {
            trailName: trail.name, destination: "oss", digestId: null, sha256: { not: null },
            deliveredAt: { lt: new Date(start + this.intervalMs) }, location: { startsWith: `${root}AliyunLogs/Actiontrail/` },
          },
          orderBy: { id: "asc" },
          select: { id: true, location: true, region: true, sha256: true, eventCount: true, firstEventTime: true, lastEventTime: true },
        });
        // Every region is digested in every period, so the latest period's rows are the heads of all chains.
        const heads = latest ? await tx.digest.findMany({ where: { trailName: trail.name, destination: "oss", periodStart: latest.periodStart } }) : [];
        const regions = [...new Set([trail.homeRegion, ...heads.map((h) => h.region), ...deliveries.map((d) => d.region!)])].sort();
        for (const region of regions) {
          const mine = deliveries.filter((d) => d.region === region);
          const logFiles: DigestLogFile[] = mine
            .map((d) => ({
              key: parseOssLocation(d.location).key,
              sha256: d.sha256!,
              eventCount: d.eventCount,
              firstEventTime: d.firstEventTime ?? "",
              lastEventTime: d.lastEventTime ?? "",
            }))
            .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
          const head = heads.find((h) => h.region === region);
          // A chain continues in the same bucket and prefix; after a move the trail starts a new one there.
          const previous = head && head.location.startsWith(`${root}AliyunLogs/Actiontrail-Digest/`)
            ? { key: parseOssLocation(head.location).key, sha256: head.sha256, signature: head.signature }
            : null;
          const content: OssDigestContent = {
            version: DIGEST_VERSION, type: "trailkeeper.logFileDigest", account, trail: trail.name, bucket, prefix, region, regions,
            periodStart, periodEnd, logFiles, previousDigest: previous,
          };
          const signed = signDocument(content as unknown as JsonObject, signer);
          const key = digestKey({ prefix, region, account, trail: trail.name, periodStart });
          const row = await tx.digest.create({
            data: {
              trailName: trail.name, destination: "oss", region, periodStart: new Date(start), periodEnd: new Date(start + this.intervalMs),
              location: `oss://${bucket}/${key}`, sha256: signed.sha256, signature: signed.signature, keyId: signer.keyId,
              document: signed.bytes.toString("utf8"), itemCount: logFiles.length,
            },
            select: { id: true },
          });
          // By id, not by the query's conditions: a delivery committed since the read must not be marked unlisted.
          const ids = mine.map((d) => d.id);
          for (let i = 0; i < ids.length; i += CLAIM_CHUNK) {
            await tx.delivery.updateMany({ where: { id: { in: ids.slice(i, i + CLAIM_CHUNK) } }, data: { digestId: row.id } });
          }
        }
        return regions.length;
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
    if (recorded) this.onNotice?.(`digest recorded trail=${trail.name} destination=oss period=${periodStart} regions=${recorded}`);
    return recorded > 0;
  }

  /** One period's digest of a trail's log store: the rows added since the previous digest. */
  private async recordLogStore(trail: DigestTrail, start: number, signer: Signer): Promise<boolean> {
    const horizon = await committedIdHorizon("log_store_events");
    if (horizon === undefined) return false;
    const logStore = logStoreName(trail.name, trail.kind);
    const head = await prisma.digest.findFirst({ where: { trailName: trail.name, destination: "logstore" }, orderBy: { periodStart: "desc" } });
    if (head && head.periodStart.getTime() >= start) return false;
    // The first digest starts after the rows written before rows had MACs (an upgraded store).
    const afterRowId = head
      ? head.lastRowId ?? 0
      : num((await db.one<{ maxId: unknown }>(sql`SELECT COALESCE(MAX(id), 0) AS "maxId" FROM log_store_events WHERE log_store = ${logStore} AND mac IS NULL`))?.maxId);
    const lastRowId = Math.max(horizon, afterRowId);
    const hasher = new RowsHasher();
    const key = macKey();
    let unsigned = 0;
    for await (const row of logStoreRows(logStore, afterRowId, lastRowId)) {
      if (macMatches(key, logStore, row)) hasher.add(row);
      else unsigned++;
    }
    const content: LogStoreDigestContent = {
      version: DIGEST_VERSION, type: "trailkeeper.logStoreDigest", account: deliveryAccountId(), trail: trail.name, logStore,
      periodStart: isoSeconds(start), periodEnd: isoSeconds(start + this.intervalMs),
      afterRowId, lastRowId, rowCount: hasher.count, rowsSha256: hasher.sha256(),
      firstEventTime: hasher.firstEventTime, lastEventTime: hasher.lastEventTime,
      previousDigest: head ? { sha256: head.sha256, signature: head.signature } : null,
    };
    const signed = signDocument(content as unknown as JsonObject, signer);
    const now = this.now();
    await prisma.digest.create({
      data: {
        trailName: trail.name, destination: "logstore", region: "", periodStart: new Date(start), periodEnd: new Date(start + this.intervalMs),
        location: logStore, sha256: signed.sha256, signature: signed.signature, keyId: signer.keyId, document: signed.bytes.toString("utf8"),
        itemCount: hasher.count, lastRowId, writtenAt: now,
      },
    });
    if (unsigned) this.onNotice?.(`digest trail=${trail.name} log store: ${unsigned} row(s) with no valid MAC left out (verify trail names them)`);
    this.onNotice?.(`digest recorded trail=${trail.name} destination=logstore period=${content.periodStart} rows=${hasher.count}`);
    return true;
  }

  /** Writes recorded digests that are not in their bucket yet, oldest first. */
  private async writePending(): Promise<{ written: number; failures: number; more: boolean }> {
    const rows = await prisma.digest.findMany({ where: { writtenAt: null, destination: "oss" }, orderBy: { id: "asc" }, take: WRITE_BATCH });
    let written = 0;
    let failures = 0;
    // After a failure the trail's other digests in that bucket wait for the next step (an S3 endpoint
    // that is down costs one timeout per trail, not one per digest).
    const failed = new Set<string>();
    for (const row of rows) {
      const { bucket, key } = parseOssLocation(row.location);
      const where = `${row.trailName}\u0000${bucket}`;
      if (failed.has(where)) continue;
      try {
        const store = await this.stores.forBucket(bucket);
        const { sha256 } = await store.put(key, Buffer.from(row.document, "utf8"), "application/json");
        if (sha256 !== row.sha256) throw new Error(`the recorded bytes of ${key} no longer hash to ${row.sha256}`);
        await prisma.digest.update({ where: { id: row.id }, data: { writtenAt: this.now() } });
        written++;
      } catch (e) {
        failures++;
        failed.add(where);
        this.onNotice?.(`digest write failed ${row.location}: ${errorDetail(e)}`);
      }
    }
    if (written) this.onNotice?.(`digests written=${written}`);
    return { written, failures, more: rows.length === WRITE_BATCH && failures === 0 };
  }
}

/** A log store's rows with afterId < id <= lastId (no bound: undefined), in id order, a chunk at a time. */
export async function* logStoreRows(logStore: string, afterId: number, lastId?: number): AsyncGenerator<LogStoreRow> {
  for (let after = afterId; ;) {
    const upTo = lastId === undefined ? empty : sql`AND id <= ${lastId}`;
    const rows = await db.all<Record<string, unknown>>(sql`SELECT id, event_id AS "eventId", event_time AS "eventTime", query_region AS "queryRegion", raw, mac,
        origin, origin_channel AS "originChannel", ingest_token_id AS "ingestTokenId", ingest_token_label AS "ingestTokenLabel"
      FROM log_store_events WHERE log_store = ${logStore} AND id > ${after} ${upTo} ORDER BY id LIMIT ${ROW_CHUNK}`);
    const orNull = (v: unknown) => (v === null || v === undefined ? null : String(v));
    for (const r of rows) {
      yield {
        id: num(r.id), eventId: String(r.eventId), eventTime: String(r.eventTime), queryRegion: String(r.queryRegion), raw: String(r.raw),
        origin: String(r.origin), originChannel: orNull(r.originChannel), ingestTokenId: orNull(r.ingestTokenId), ingestTokenLabel: orNull(r.ingestTokenLabel),
        mac: orNull(r.mac),
      };
    }
    if (rows.length < ROW_CHUNK) return;
    after = num(rows[rows.length - 1].id);
  }
}
