-- AlterTable
ALTER TABLE "trail_destinations" ADD COLUMN     "intent_checkpoint" INTEGER,
ADD COLUMN     "intent_max_id" INTEGER;

-- CreateTable
CREATE TABLE "worker_leases" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expires_at" BIGINT NOT NULL,
    "acquired_at" BIGINT NOT NULL,

    CONSTRAINT "worker_leases_pkey" PRIMARY KEY ("name")
);

