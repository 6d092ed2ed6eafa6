-- The rate limits move from rate-limiter-flexible's Prisma store to its SQL store (one upsert statement
-- per call on our own connection instead of two ORM queries): its table layout, expire in epoch
-- milliseconds. Counts in flight are short-lived (a second to fifteen minutes) and start again empty.
DROP TABLE "rate_limits";

-- CreateTable
CREATE TABLE "rate_limit_points" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT
);

-- CreateIndex
CREATE INDEX "rate_limit_points_expire_idx" ON "rate_limit_points"("expire");
