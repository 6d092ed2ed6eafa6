-- CreateTable
CREATE TABLE "buckets" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "endpoint" TEXT,
    "region" TEXT,
    "access_key_id" TEXT,
    "secret_encrypted" TEXT,
    "force_path_style" BOOLEAN NOT NULL DEFAULT true,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "trails" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "home_region" TEXT NOT NULL,
    "event_rw" TEXT NOT NULL,
    "trail_region" TEXT NOT NULL,
    "oss_bucket_name" TEXT,
    "oss_key_prefix" TEXT NOT NULL DEFAULT '',
    "log_store_enabled" BOOLEAN NOT NULL DEFAULT false,
    "log_store_retention_days" INTEGER NOT NULL DEFAULT 180,
    "is_logging" BOOLEAN NOT NULL DEFAULT false,
    "start_logging_time" DATETIME,
    "stop_logging_time" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "trail_destinations" (
    "trail_name" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "checkpoint" INTEGER NOT NULL DEFAULT 0,
    "latest_delivery_time" DATETIME,
    "latest_delivery_error" TEXT,
    "latest_error_time" DATETIME,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" DATETIME,

    PRIMARY KEY ("trail_name", "destination")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "trail_name" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "event_count" INTEGER NOT NULL,
    "first_event_pk" INTEGER NOT NULL,
    "last_event_pk" INTEGER NOT NULL,
    "history_job_id" INTEGER,
    "delivered_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "log_store_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "log_store" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_time" TEXT NOT NULL,
    "query_region" TEXT NOT NULL,
    "raw" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "delivery_history_jobs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "trail_name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "from_pk" INTEGER NOT NULL,
    "to_pk" INTEGER NOT NULL,
    "checkpoint" INTEGER NOT NULL DEFAULT 0,
    "total_events" INTEGER NOT NULL DEFAULT 0,
    "delivered_events" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" DATETIME
);

-- CreateIndex
CREATE INDEX "trails_home_region_idx" ON "trails"("home_region");

-- CreateIndex
CREATE INDEX "deliveries_trail_name_delivered_at_idx" ON "deliveries"("trail_name", "delivered_at");

-- CreateIndex
CREATE INDEX "log_store_events_log_store_event_time_idx" ON "log_store_events"("log_store", "event_time");

-- CreateIndex
CREATE UNIQUE INDEX "log_store_events_log_store_event_id_key" ON "log_store_events"("log_store", "event_id");

-- CreateIndex
CREATE INDEX "delivery_history_jobs_trail_name_idx" ON "delivery_history_jobs"("trail_name");

