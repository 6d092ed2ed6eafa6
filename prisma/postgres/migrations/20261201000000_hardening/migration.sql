-- AlterTable
ALTER TABLE "users" ADD COLUMN     "disabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "password_changed_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "console_sessions" (
    "id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMP(3),
    "end_reason" TEXT,
    "ip" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "console_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "api_nonces" (
    "access_key_id" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "api_nonces_pkey" PRIMARY KEY ("access_key_id","nonce")
);

-- CreateTable
CREATE TABLE "signin_failures" (
    "ip" TEXT NOT NULL,
    "minute" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "usernames" TEXT NOT NULL DEFAULT '[]',
    "last_at" TIMESTAMP(3) NOT NULL,
    "recorded_at" TIMESTAMP(3),

    CONSTRAINT "signin_failures_pkey" PRIMARY KEY ("ip","minute")
);

-- CreateIndex
CREATE INDEX "console_sessions_user_id_idx" ON "console_sessions"("user_id");

-- CreateIndex
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits"("expire");

-- CreateIndex
CREATE INDEX "api_nonces_expires_at_idx" ON "api_nonces"("expires_at");

-- CreateIndex
CREATE INDEX "signin_failures_recorded_at_minute_idx" ON "signin_failures"("recorded_at", "minute");

-- AddForeignKey
ALTER TABLE "console_sessions" ADD CONSTRAINT "console_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

