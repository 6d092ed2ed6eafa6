// Delivery intents: before a batch's files are written, the range it covers (checkpoint, maxId] is noted
// in the data directory. If the worker dies before committing, the next attempt reads the very same
// range, so it produces the same files under the same names and overwrites them instead of writing a
// second copy of each event. Best effort: without an intent delivery is still at-least-once.
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/db/database-url";
import { makePrivateDir } from "@/lib/files/private-files";

export interface DeliveryIntent {
  checkpoint: number;
  maxId: number;
}

function intentFile(trailName: string, destination: string): string {
  return path.join(dataDir(), "delivery-intents", `${encodeURIComponent(trailName)}.${destination}.json`);
}

export function readIntent(trailName: string, destination: string): DeliveryIntent | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(intentFile(trailName, destination), "utf8")) as DeliveryIntent;
    return Number.isInteger(v.checkpoint) && Number.isInteger(v.maxId) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function writeIntent(trailName: string, destination: string, intent: DeliveryIntent): void {
  const file = intentFile(trailName, destination);
  try {
    makePrivateDir(path.dirname(file));
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(intent));
    fs.renameSync(temp, file);
  } catch {
    // Only the duplicate-avoidance is lost.
  }
}
