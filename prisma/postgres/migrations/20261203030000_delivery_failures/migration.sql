-- CreateTable
CREATE TABLE "delivery_failures" (
    "id" SERIAL NOT NULL,
    "trail_name" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "failed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_failures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "delivery_failures_trail_name_destination_failed_at_idx" ON "delivery_failures"("trail_name", "destination", "failed_at");

