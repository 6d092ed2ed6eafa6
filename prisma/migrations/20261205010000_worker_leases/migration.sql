-- AlterTable
ALTER TABLE "trail_destinations" ADD COLUMN "intent_checkpoint" INTEGER;
ALTER TABLE "trail_destinations" ADD COLUMN "intent_max_id" INTEGER;

-- CreateTable
CREATE TABLE "worker_leases" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expires_at" BIGINT NOT NULL,
    "acquired_at" BIGINT NOT NULL
);

