-- CreateTable
CREATE TABLE "integrity_verifications" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "trail_name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "phase" TEXT,
    "checked" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "problem_count" INTEGER,
    "report" TEXT,
    "error" TEXT,
    "actor" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" DATETIME,
    "heartbeat_at" DATETIME,
    "finished_at" DATETIME
);

-- AlterTable
ALTER TABLE "trails" ADD COLUMN "notify_rule_id" INTEGER;
ALTER TABLE "trails" ADD COLUMN "notify_each_file" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "integrity_verifications_status_id_idx" ON "integrity_verifications"("status", "id");

-- CreateIndex
CREATE INDEX "integrity_verifications_trail_name_id_idx" ON "integrity_verifications"("trail_name", "id");


-- CreateIndex
CREATE INDEX "deliveries_destination_last_event_pk_idx" ON "deliveries"("destination", "last_event_pk");
