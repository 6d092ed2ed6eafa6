-- Provenance of every event (docs/provenance.md) and the legal hold of a trail log store.
-- Rows stored before this migration get origin "unknown".
-- AlterTable
ALTER TABLE "events" ADD COLUMN     "ingest_token_id" TEXT,
ADD COLUMN     "ingest_token_label" TEXT,
ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'unknown',
ADD COLUMN     "origin_channel" TEXT;

-- AlterTable
ALTER TABLE "trails" ADD COLUMN     "legal_hold" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "legal_hold_by" TEXT,
ADD COLUMN     "legal_hold_since" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "log_store_events" ADD COLUMN     "ingest_token_id" TEXT,
ADD COLUMN     "ingest_token_label" TEXT,
ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'unknown',
ADD COLUMN     "origin_channel" TEXT;

-- CreateIndex
CREATE INDEX "events_token_time" ON "events"("ingest_token_id", "event_time");


-- A log store keeps at least 180 days (lib/config/retention.ts MIN_LOG_STORE_RETENTION_DAYS): a trail
-- configured shorter before the rule existed is raised to it.
UPDATE "trails" SET "log_store_retention_days" = 180 WHERE "log_store_retention_days" < 180;
