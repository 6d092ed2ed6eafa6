-- CreateTable
CREATE TABLE "worker_checkpoints" (
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "worker_checkpoints_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "insights" (
    "id" SERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "source_ip" TEXT,
    "start_time" TEXT NOT NULL,
    "end_time" TEXT NOT NULL,
    "event_count" INTEGER NOT NULL DEFAULT 1,
    "evidence" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "insights_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "insight_hourly_counts" (
    "subject_kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "hour" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "insight_hourly_counts_pkey" PRIMARY KEY ("subject_kind","subject","hour")
);

-- CreateTable
CREATE TABLE "insight_subject_ips" (
    "subject_kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "first_seen" TEXT NOT NULL,

    CONSTRAINT "insight_subject_ips_pkey" PRIMARY KEY ("subject_kind","subject","ip","day")
);

-- CreateTable
CREATE TABLE "ip_list_entries" (
    "id" SERIAL NOT NULL,
    "list" TEXT NOT NULL,
    "cidr" TEXT NOT NULL,
    "note" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ip_list_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_rules" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "filters" TEXT NOT NULL DEFAULT '{}',
    "insight_type" TEXT,
    "webhook_url" TEXT NOT NULL,
    "secret_encrypted" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_deliveries" (
    "id" SERIAL NOT NULL,
    "rule_id" INTEGER NOT NULL,
    "source_kind" TEXT NOT NULL,
    "source_ref" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMP(3),

    CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_delivery_attempts" (
    "id" SERIAL NOT NULL,
    "delivery_id" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "status_code" INTEGER,
    "error" TEXT,
    "next_retry_at" TIMESTAMP(3),

    CONSTRAINT "alert_delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "insights_dedupe_key_key" ON "insights"("dedupe_key");

-- CreateIndex
CREATE INDEX "insights_start" ON "insights"("start_time");

-- CreateIndex
CREATE INDEX "insights_type_start" ON "insights"("type", "start_time");

-- CreateIndex
CREATE INDEX "insights_subject_start" ON "insights"("subject", "start_time");

-- CreateIndex
CREATE UNIQUE INDEX "ip_list_entries_list_cidr_key" ON "ip_list_entries"("list", "cidr");

-- CreateIndex
CREATE UNIQUE INDEX "alert_rules_name_key" ON "alert_rules"("name");

-- CreateIndex
CREATE INDEX "alert_deliveries_status_next_attempt_at_idx" ON "alert_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "alert_deliveries_rule_id_created_at_idx" ON "alert_deliveries"("rule_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "alert_deliveries_rule_id_source_kind_source_ref_key" ON "alert_deliveries"("rule_id", "source_kind", "source_ref");

-- CreateIndex
CREATE INDEX "alert_delivery_attempts_delivery_id_idx" ON "alert_delivery_attempts"("delivery_id");

-- AddForeignKey
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_delivery_attempts" ADD CONSTRAINT "alert_delivery_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "alert_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

