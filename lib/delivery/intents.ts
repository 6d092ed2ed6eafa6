// Delivery intents: before a bucket batch's files are written, the range it covers (checkpoint, maxId] is
// claimed on its trail_destinations row. Whoever delivers that checkpoint next (the same worker after a
// restart, or another worker that took the lease over, on any machine) reads the very same range, so it
// produces the same files under the same names (lib/delivery/files.ts: the name follows from the bytes)
// and overwrites them instead of writing a second copy of each event. The commit that moves the
// checkpoint clears the claim.
import { prisma } from "@/lib/db";

export interface ClaimedRange {
  maxId: number;
  /** An earlier attempt claimed it: its files may be in the bucket already. */
  resumed: boolean;
}

/**
 * The range to deliver after `checkpoint`: `maxId` if this call claims it first, else the range claimed
 * before. Undefined when the checkpoint has moved on (another worker committed it).
 */
export async function claimIntent(trailName: string, destination: string, checkpoint: number, maxId: number): Promise<ClaimedRange | undefined> {
  const where = { trailName, destination, checkpoint };
  const { count } = await prisma.trailDestination.updateMany({
    // Only when no claim on this checkpoint exists yet: the first claim wins, the rest follow it.
    where: { ...where, OR: [{ intentCheckpoint: null }, { intentCheckpoint: { not: checkpoint } }, { intentMaxId: null }] },
    data: { intentCheckpoint: checkpoint, intentMaxId: maxId },
  });
  if (count === 1) return { maxId, resumed: false };
  const row = await prisma.trailDestination.findUnique({ where: { trailName_destination: { trailName, destination } } });
  if (!row || row.checkpoint !== checkpoint || row.intentCheckpoint !== checkpoint || row.intentMaxId === null) return undefined;
  return { maxId: row.intentMaxId, resumed: true };
}
