-- CreateTable
CREATE TABLE "access_key_last_used" (
    "access_key_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "service_name" TEXT NOT NULL,
    "value_key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "value_type" TEXT,
    "first_used" TEXT NOT NULL,
    "last_used" TEXT NOT NULL,
    "used_count" INTEGER NOT NULL DEFAULT 0,
    "event_id" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    PRIMARY KEY ("access_key_id", "kind", "service_name", "value_key")
);

