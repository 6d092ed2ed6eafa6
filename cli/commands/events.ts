// events import FILE: JSON lines (one event per line), streamed in chunks through the same ingestion
// code as the API, so files of millions of lines never sit in memory whole.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { recordAuditEvent } from "@/lib/audit/record";
import { analyzeDatabase } from "@/lib/db";
import { ingestEvents } from "@/lib/events/ingest";
import { parseJsonLines } from "@/lib/events/ingest-request";
import { IMPORT_ORIGIN } from "@/lib/events/origin";
import { cliActor, parseCommandArgs, UsageError } from "./common";

/**
 * Lines per ingestEvents call (one transaction). Larger than the API's 1,000: a SQLite commit writes
 * every index page the batch touched, and the rollup and last-used rows it shares, once per transaction
 * (measured on the bench's events: 2.8x the rate at 10,000 a call against 1,000; docs/ingestion-speed.md).
 * 5,000 keeps the writer lock, which API calls wait for, to a few seconds on a loaded machine.
 */
export const IMPORT_CHUNK_LINES = 5_000;
/** And at most this many characters a chunk, so huge lines never pile up in memory. */
export const IMPORT_CHUNK_CHARS = 16 * 1024 * 1024;

/** Failed lines kept for the report; the rest are only counted. */
const MAX_REPORTED_FAILURES = 1_000;

interface LineFailure {
  line: number;
  errors: string[];
}

interface ImportTotals {
  lines: number;
  accepted: number;
  duplicates: number;
  failed: number;
  failures: LineFailure[];
}

function openInput(file: string): NodeJS.ReadableStream {
  if (file === "-") return process.stdin;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`Cannot read ${file}: no such file`);
  }
  if (!stat.isFile()) throw new UsageError(`Cannot read ${file}: not a file`);
  return fs.createReadStream(file, { encoding: "utf8" });
}

/** Parses and ingests one chunk; `firstLine` is the 1-based file line number of lines[0]. */
async function importChunk(lines: string[], firstLine: number, totals: ImportTotals): Promise<void> {
  const { inputs, lineOf, errors } = parseJsonLines(lines.join("\n"));
  const failures: LineFailure[] = errors.map((e) => ({ line: firstLine + e.line - 1, errors: [e.error] }));
  if (inputs.length > 0) {
    // Origin "import": the operator's own file, never Trailkeeper's own records (docs/provenance.md).
    const result = await ingestEvents(inputs, { origin: IMPORT_ORIGIN });
    totals.accepted += result.accepted;
    totals.duplicates += result.duplicates;
    for (const f of result.failed) failures.push({ line: firstLine + lineOf[f.index] - 1, errors: f.errors });
  }
  failures.sort((a, b) => a.line - b.line);
  totals.failed += failures.length;
  for (const f of failures) if (totals.failures.length < MAX_REPORTED_FAILURES) totals.failures.push(f);
}

export async function eventsImport(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('Give the file to import (JSON lines, one event per line), or "-" for stdin');
  const input = openInput(file);
  let readError: Error | undefined;
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  input.on("error", (e: Error) => {
    readError = e;
    rl.close();
  });

  const showProgress = process.stderr.isTTY === true;
  const totals: ImportTotals = { lines: 0, accepted: 0, duplicates: 0, failed: 0, failures: [] };
  let chunk: string[] = [];
  let chunkChars = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    await importChunk(chunk, totals.lines - chunk.length + 1, totals);
    chunk = [];
    chunkChars = 0;
    if (showProgress) process.stderr.write(`\rRead ${totals.lines.toLocaleString("en-US")} lines…`);
  };
  for await (const line of rl) {
    totals.lines += 1;
    chunk.push(line);
    chunkChars += line.length;
    if (chunk.length >= IMPORT_CHUNK_LINES || chunkChars >= IMPORT_CHUNK_CHARS) await flush();
  }
  await flush();
  if (showProgress) process.stderr.write("\r\x1b[K");
  if (readError) throw new UsageError(`Cannot read ${file}: ${readError.message}`);

  const stored = totals.accepted - totals.duplicates;
  if (stored > 0) {
    if (stored >= 10_000) await analyzeDatabase();
    await recordAuditEvent({
      actor: cliActor(),
      eventName: "ImportEvents",
      requestParameters: { File: file === "-" ? "-" : path.resolve(file), Lines: totals.lines, Stored: stored, Failed: totals.failed },
    });
  }
  console.log(`Imported ${totals.accepted} events (${totals.duplicates} already stored); ${totals.failed} failed`);
  for (const f of totals.failures) console.error(`line ${f.line}: ${f.errors.join("; ")}`);
  if (totals.failed > totals.failures.length) console.error(`… and ${totals.failed - totals.failures.length} more failed lines`);
  return totals.failed > 0 ? 1 : 0;
}
