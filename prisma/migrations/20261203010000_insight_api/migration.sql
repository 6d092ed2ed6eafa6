-- CreateTable
CREATE TABLE "insight_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "insight_id" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "shared_event_id" TEXT NOT NULL,
    "insight_type" TEXT NOT NULL,
    "insight_object" TEXT NOT NULL,
    "event_time" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "source_ip" TEXT,
    "access_key_id" TEXT,
    "raw" TEXT NOT NULL
);

-- AlterTable (a plain added column: the trails table keeps its rows and indexes)
ALTER TABLE "trails" ADD COLUMN "insight_selectors" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE UNIQUE INDEX "insight_events_event_id_key" ON "insight_events"("event_id");

-- CreateIndex
CREATE INDEX "insight_events_time" ON "insight_events"("event_time", "id");

-- CreateIndex
CREATE INDEX "insight_events_type_time" ON "insight_events"("insight_type", "event_time");

-- CreateIndex
CREATE UNIQUE INDEX "insight_events_insight_state" ON "insight_events"("insight_id", "state");

