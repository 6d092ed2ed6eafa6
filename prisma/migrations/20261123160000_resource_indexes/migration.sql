-- DropIndex
DROP INDEX "event_resources_type_name_time";

-- DropIndex
DROP INDEX "event_resources_name_time";

-- CreateIndex
CREATE INDEX "event_resources_type_time" ON "event_resources"("query_region", "resource_type", "event_time", "event_pk");

-- CreateIndex
CREATE INDEX "event_resources_name_time" ON "event_resources"("query_region", "resource_name", "event_time", "event_pk");

