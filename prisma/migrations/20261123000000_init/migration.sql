-- CreateTable
CREATE TABLE "events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "event_id" TEXT NOT NULL,
    "event_time" TEXT NOT NULL,
    "query_region" TEXT NOT NULL,
    "acs_region" TEXT NOT NULL,
    "is_global" BOOLEAN NOT NULL DEFAULT false,
    "service_name" TEXT NOT NULL,
    "event_name" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "event_rw" TEXT NOT NULL,
    "user_name" TEXT,
    "user_type" TEXT,
    "principal_id" TEXT,
    "account_id" TEXT,
    "access_key_id" TEXT,
    "source_ip" TEXT,
    "error_code" TEXT,
    "sensitive" BOOLEAN NOT NULL DEFAULT false,
    "request_id" TEXT,
    "resource_type" TEXT,
    "resource_name" TEXT,
    "raw" TEXT NOT NULL,
    "ingested_at" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "event_resources" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "event_pk" INTEGER NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_name" TEXT NOT NULL,
    "query_region" TEXT NOT NULL,
    "event_time" TEXT NOT NULL,
    CONSTRAINT "event_resources_event_pk_fkey" FOREIGN KEY ("event_pk") REFERENCES "events" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "event_facets" (
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("kind", "value")
);

-- CreateTable
CREATE TABLE "users" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ingest_tokens" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token_hash" TEXT NOT NULL,
    "label" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" DATETIME,
    "revoked_at" DATETIME
);

-- CreateTable
CREATE TABLE "sensitive_actions" (
    "event_name" TEXT NOT NULL PRIMARY KEY,
    "reason" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "events_event_id_key" ON "events"("event_id");

-- CreateIndex
CREATE INDEX "events_region_time" ON "events"("query_region", "event_time", "id");

-- CreateIndex
CREATE INDEX "events_region_user_time" ON "events"("query_region", "user_name", "event_time");

-- CreateIndex
CREATE INDEX "events_region_service_time" ON "events"("query_region", "service_name", "event_time");

-- CreateIndex
CREATE INDEX "events_region_name_time" ON "events"("query_region", "event_name", "event_time");

-- CreateIndex
CREATE INDEX "events_region_ak_time" ON "events"("query_region", "access_key_id", "event_time");

-- CreateIndex
CREATE INDEX "events_region_ip_time" ON "events"("query_region", "source_ip", "event_time");

-- CreateIndex
CREATE INDEX "events_region_error_time" ON "events"("query_region", "error_code", "event_time");

-- CreateIndex
CREATE INDEX "events_time" ON "events"("event_time");

-- CreateIndex
CREATE INDEX "event_resources_event" ON "event_resources"("event_pk");

-- CreateIndex
CREATE INDEX "event_resources_type_name_time" ON "event_resources"("query_region", "resource_type", "resource_name", "event_time");

-- CreateIndex
CREATE INDEX "event_resources_name_time" ON "event_resources"("query_region", "resource_name", "event_time");

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE UNIQUE INDEX "ingest_tokens_token_hash_key" ON "ingest_tokens"("token_hash");

