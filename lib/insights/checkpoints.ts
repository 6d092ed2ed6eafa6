// Named worker checkpoints (worker_checkpoints): the last id a step has handled. A step moves its
// checkpoint in the same transaction as its writes, and only from the value it read, so a crash or a
// second worker never skips or doubles a batch.
import { prisma } from "@/lib/db";

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** The checkpoint, created at `initial()` the first time (e.g. 0, or "now" for alerts). */
export async function readCheckpoint(name: string, initial: () => Promise<number>): Promise<number> {
  const row = await prisma.workerCheckpoint.findUnique({ where: { name } });
  if (row) return row.position;
  const position = await initial();
  await prisma.workerCheckpoint.upsert({ where: { name }, create: { name, position }, update: {} });
  return (await prisma.workerCheckpoint.findUniqueOrThrow({ where: { name } })).position;
}

export class CheckpointMovedError extends Error {}

/** Moves the checkpoint from `from` to `to` inside `tx`; throws if another step moved it first. */
export async function moveCheckpoint(tx: Tx, name: string, from: number, to: number): Promise<void> {
  if (from === to) return;
  const { count } = await tx.workerCheckpoint.updateMany({ where: { name, position: from }, data: { position: to } });
  if (count !== 1) throw new CheckpointMovedError(`Checkpoint ${name} moved during the step`);
}

export type { Tx };
