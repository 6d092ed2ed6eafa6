-- CreateTable
CREATE TABLE "buckets" (
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "endpoint" TEXT,
    "region" TEXT,
    "access_key_id" TEXT,
    "secret_encrypted" TEXT,
    "force_path_style" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "buckets_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "trails" (
    "name" TEXT NOT NULL,
    "home_region" TEXT NOT NULL,
    "event_rw" TEXT NOT NULL,
    "trail_region" TEXT NOT NULL,
    "oss_bucket_name" TEXT,
    "oss_key_prefix" TEXT NOT NULL DEFAULT '',
    "log_store_enabled" BOOLEAN NOT NULL DEFAULT false,
    "log_store_retention_days" INTEGER NOT NULL DEFAULT 180,
    "is_logging" BOOLEAN NOT NULL DEFAULT false,
    "start_logging_time" TIMESTAMP(3),
    "stop_logging_time" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "trails_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "trail_destinations" (
    "trail_name" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "checkpoint" INTEGER NOT NULL DEFAULT 0,
    "latest_delivery_time" TIMESTAMP(3),
    "latest_delivery_error" TEXT,
    "latest_error_time" TIMESTAMP(3),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3),

    CONSTRAINT "trail_destinations_pkey" PRIMARY KEY ("trail_name","destination")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" SERIAL NOT NULL,
    "trail_name" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "event_count" INTEGER NOT NULL,
    "first_event_pk" INTEGER NOT NULL,
    "last_event_pk" INTEGER NOT NULL,
    "history_job_id" INTEGER,
    "delivered_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "log_store_events" (
    "id" SERIAL NOT NULL,
    "log_store" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_time" TEXT NOT NULL,
    "query_region" TEXT NOT NULL,
    "raw" TEXT NOT NULL,

    CONSTRAINT "log_store_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_history_jobs" (
    "id" SERIAL NOT NULL,
    "trail_name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "from_pk" INTEGER NOT NULL,
    "to_pk" INTEGER NOT NULL,
    "checkpoint" INTEGER NOT NULL DEFAULT 0,
    "total_events" INTEGER NOT NULL DEFAULT 0,
    "delivered_events" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "delivery_history_jobs_pkey" PRIMARY KEY ("id")
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

