-- DropIndex
DROP INDEX "events_region_time";

-- CreateIndex
CREATE INDEX "events_region_time" ON "events"("query_region", "event_time", "id", "event_rw", "sensitive", "error_code");

