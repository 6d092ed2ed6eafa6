-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "digest_id" INTEGER,
ADD COLUMN     "first_event_time" TEXT,
ADD COLUMN     "last_event_time" TEXT,
ADD COLUMN     "region" TEXT,
ADD COLUMN     "sha256" TEXT;

-- AlterTable
ALTER TABLE "log_store_events" ADD COLUMN     "mac" TEXT;

-- CreateTable
CREATE TABLE "signing_keys" (
    "id" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "public_key_pem" TEXT NOT NULL,
    "private_key_sealed" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMP(3),

    CONSTRAINT "signing_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "digests" (
    "id" SERIAL NOT NULL,
    "trail_name" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "period_start" TIMESTAMP(3) NOT NULL,
    "period_end" TIMESTAMP(3) NOT NULL,
    "location" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "item_count" INTEGER NOT NULL,
    "last_row_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "written_at" TIMESTAMP(3),

    CONSTRAINT "digests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "digests_trail_name_destination_period_start_idx" ON "digests"("trail_name", "destination", "period_start");

-- CreateIndex
CREATE INDEX "digests_written_at_destination_idx" ON "digests"("written_at", "destination");

-- CreateIndex
CREATE UNIQUE INDEX "digests_trail_name_destination_region_period_start_key" ON "digests"("trail_name", "destination", "region", "period_start");

-- CreateIndex
CREATE INDEX "deliveries_trail_name_destination_digest_id_idx" ON "deliveries"("trail_name", "destination", "digest_id");

