-- Provenance of every event (docs/provenance.md) and the legal hold of a trail log store.
-- ADD COLUMN rather than a table rebuild: the events table may hold millions of rows and SQLite adds a
-- column with a constant default without rewriting it. Rows stored before this migration get "unknown".
ALTER TABLE "events" ADD COLUMN "origin" TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE "events" ADD COLUMN "origin_channel" TEXT;
ALTER TABLE "events" ADD COLUMN "ingest_token_id" TEXT;
ALTER TABLE "events" ADD COLUMN "ingest_token_label" TEXT;

ALTER TABLE "log_store_events" ADD COLUMN "origin" TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE "log_store_events" ADD COLUMN "origin_channel" TEXT;
ALTER TABLE "log_store_events" ADD COLUMN "ingest_token_id" TEXT;
ALTER TABLE "log_store_events" ADD COLUMN "ingest_token_label" TEXT;

ALTER TABLE "trails" ADD COLUMN "legal_hold" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "trails" ADD COLUMN "legal_hold_since" DATETIME;
ALTER TABLE "trails" ADD COLUMN "legal_hold_by" TEXT;

CREATE INDEX "events_token_time" ON "events"("ingest_token_id", "event_time");

-- A log store keeps at least 180 days (lib/config/retention.ts MIN_LOG_STORE_RETENTION_DAYS): a trail
-- configured shorter before the rule existed is raised to it.
UPDATE "trails" SET "log_store_retention_days" = 180 WHERE "log_store_retention_days" < 180;
