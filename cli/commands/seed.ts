// seed --events N: generated demo events through the real ingestion path, with progress on stderr.
import cliProgress from "cli-progress";
import { recordAuditEvent } from "@/lib/audit/record";
import { seedEvents } from "@/lib/seed/seed-database";
import { cliActor, parseCommandArgs, requireOption, UsageError } from "./common";

const MAX_EVENTS = 100_000_000;
/** Without a terminal, a progress line at most this often. */
const PLAIN_PROGRESS_MS = 5_000;

function parseCount(value: string): number {
  const n = Number(value.replace(/_/g, ""));
  if (!/^\d[\d_]*$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > MAX_EVENTS) {
    throw new UsageError(`--events must be a whole number from 1 to ${MAX_EVENTS.toLocaleString("en-US")}, not "${value}"`);
  }
  return n;
}

function progressReporter(total: number): { update: (done: number) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: "Seeding [{bar}] {percentage}% | {value}/{total} events | ETA {eta_formatted}", hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let last = Date.now();
  return {
    update: (done) => {
      if (done < total && Date.now() - last < PLAIN_PROGRESS_MS) return;
      last = Date.now();
      process.stderr.write(`Seeding: ${done}/${total} events (${Math.floor((done / total) * 100)}%)\n`);
    },
    stop: () => {},
  };
}

export async function seed(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { events: { type: "string" }, end: { type: "string" }, seed: { type: "string" } });
  const count = parseCount(requireOption(values.events, "events"));
  const end = values.end ? new Date(values.end) : undefined;
  if (end && Number.isNaN(end.getTime())) throw new UsageError(`--end must be an ISO 8601 time, not "${values.end}"`);
  const seedValue = values.seed === undefined ? undefined : Number(values.seed);
  if (seedValue !== undefined && !Number.isInteger(seedValue)) throw new UsageError(`--seed must be an integer, not "${values.seed}"`);

  const progress = progressReporter(count);
  let result;
  try {
    result = await seedEvents({ count, end, seed: seedValue, onProgress: (done) => progress.update(done) });
  } finally {
    progress.stop();
  }
  if (result.inserted > 0) {
    await recordAuditEvent({ actor: cliActor(), eventName: "SeedEvents", requestParameters: { Events: count, Stored: result.inserted } });
  }
  const rate = Math.round(result.inserted / Math.max(result.seconds, 0.001));
  console.log(`Seeded ${result.inserted} events in ${result.seconds.toFixed(1)} s (${rate.toLocaleString("en-US")} events/s)`);
  if (result.duplicates > 0) console.log(`${result.duplicates} generated events were already stored (same --seed and --end as before?)`);
  if (result.failed > 0) {
    console.error(`${result.failed} generated events failed validation, e.g.:\n  ${result.failures.join("\n  ")}`);
    return 1;
  }
  return 0;
}
