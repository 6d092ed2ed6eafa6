-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN "digest_id" INTEGER;
ALTER TABLE "deliveries" ADD COLUMN "first_event_time" TEXT;
ALTER TABLE "deliveries" ADD COLUMN "last_event_time" TEXT;
ALTER TABLE "deliveries" ADD COLUMN "region" TEXT;
ALTER TABLE "deliveries" ADD COLUMN "sha256" TEXT;

-- AlterTable
ALTER TABLE "log_store_events" ADD COLUMN "mac" TEXT;

-- CreateTable
CREATE TABLE "signing_keys" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "algorithm" TEXT NOT NULL,
    "public_key_pem" TEXT NOT NULL,
    "private_key_sealed" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" DATETIME
);

-- CreateTable
CREATE TABLE "digests" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "trail_name" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "period_start" DATETIME NOT NULL,
    "period_end" DATETIME NOT NULL,
    "location" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "item_count" INTEGER NOT NULL,
    "last_row_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "written_at" DATETIME
);

-- CreateIndex
CREATE INDEX "digests_trail_name_destination_period_start_idx" ON "digests"("trail_name", "destination", "period_start");

-- CreateIndex
CREATE INDEX "digests_written_at_destination_idx" ON "digests"("written_at", "destination");

-- CreateIndex
CREATE UNIQUE INDEX "digests_trail_name_destination_region_period_start_key" ON "digests"("trail_name", "destination", "region", "period_start");

-- CreateIndex
CREATE INDEX "deliveries_trail_name_destination_digest_id_idx" ON "deliveries"("trail_name", "destination", "digest_id");

