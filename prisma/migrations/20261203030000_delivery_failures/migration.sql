-- CreateTable
CREATE TABLE "delivery_failures" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "trail_name" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "failed_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "delivery_failures_trail_name_destination_failed_at_idx" ON "delivery_failures"("trail_name", "destination", "failed_at");

