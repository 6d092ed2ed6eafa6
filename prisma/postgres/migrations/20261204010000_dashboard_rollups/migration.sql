-- The dashboard's rollups (docs/dashboard-rollups.md): counts per region and UTC hour (and service), and per
-- region, UTC day and value of each ranked dimension, kept by ingestion, the retention purge and the
-- catalogue's re-flag.
-- CreateTable
CREATE TABLE "event_rollup_hours" (
    "query_region" TEXT NOT NULL,
    "hour" TEXT NOT NULL,
    "events" INTEGER NOT NULL,
    "reads" INTEGER NOT NULL,
    "writes" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "sensitive" INTEGER NOT NULL,

    CONSTRAINT "event_rollup_hours_pkey" PRIMARY KEY ("query_region","hour")
);

-- CreateTable
CREATE TABLE "event_rollup_days" (
    "dimension" TEXT NOT NULL,
    "query_region" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "event_rollup_days_pkey" PRIMARY KEY ("dimension","query_region","day","value")
);

-- CreateTable
CREATE TABLE "event_rollup_service_hours" (
    "query_region" TEXT NOT NULL,
    "hour" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "event_rollup_service_hours_pkey" PRIMARY KEY ("query_region","service","hour")
);

-- CreateIndex
CREATE INDEX "event_rollup_hours_hour" ON "event_rollup_hours"("hour");

-- CreateIndex
CREATE INDEX "event_rollup_days_dimension_day" ON "event_rollup_days"("dimension", "day", "value", "n");

-- CreateIndex
CREATE INDEX "event_rollup_service_hours_service_hour" ON "event_rollup_service_hours"("service", "hour");


-- The events stored before this migration, rolled up as ingestion would have (lib/rollups/rollups.ts).
INSERT INTO "event_rollup_hours" ("query_region", "hour", "events", "reads", "writes", "failed", "sensitive")
SELECT query_region, substr(event_time, 1, 13), count(*), count(*) FILTER (WHERE event_rw = 'Read'),
  count(*) FILTER (WHERE event_rw <> 'Read'), count(*) FILTER (WHERE error_code IS NOT NULL),
  count(*) FILTER (WHERE sensitive = TRUE)
FROM events GROUP BY 1, 2;

INSERT INTO "event_rollup_days" ("dimension", "query_region", "day", "value", "n")
SELECT CAST('service' AS TEXT), query_region, substr(event_time, 1, 10), service_name, count(*) FROM events WHERE service_name IS NOT NULL GROUP BY 2, 3, 4;
INSERT INTO "event_rollup_days" ("dimension", "query_region", "day", "value", "n")
SELECT CAST('eventName' AS TEXT), query_region, substr(event_time, 1, 10), event_name, count(*) FROM events WHERE event_name IS NOT NULL GROUP BY 2, 3, 4;
INSERT INTO "event_rollup_days" ("dimension", "query_region", "day", "value", "n")
SELECT CAST('user' AS TEXT), query_region, substr(event_time, 1, 10), user_name, count(*) FROM events WHERE user_name IS NOT NULL GROUP BY 2, 3, 4;
INSERT INTO "event_rollup_days" ("dimension", "query_region", "day", "value", "n")
SELECT CAST('sourceIp' AS TEXT), query_region, substr(event_time, 1, 10), source_ip, count(*) FROM events WHERE source_ip IS NOT NULL GROUP BY 2, 3, 4;
INSERT INTO "event_rollup_days" ("dimension", "query_region", "day", "value", "n")
SELECT CAST('accessKeyId' AS TEXT), query_region, substr(event_time, 1, 10), access_key_id, count(*) FROM events WHERE access_key_id IS NOT NULL GROUP BY 2, 3, 4;
INSERT INTO "event_rollup_days" ("dimension", "query_region", "day", "value", "n")
SELECT CAST('errorCode' AS TEXT), query_region, substr(event_time, 1, 10), error_code, count(*) FROM events WHERE error_code IS NOT NULL GROUP BY 2, 3, 4;

INSERT INTO "event_rollup_service_hours" ("query_region", "hour", "service", "n")
SELECT query_region, substr(event_time, 1, 13), service_name, count(*) FROM events GROUP BY 1, 2, 3;
