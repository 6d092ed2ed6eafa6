-- CreateTable
CREATE TABLE "console_sessions" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "user_id" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" DATETIME,
    "end_reason" TEXT,
    "ip" TEXT,
    "user_agent" TEXT,
    CONSTRAINT "console_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);

-- CreateTable
CREATE TABLE "api_nonces" (
    "access_key_id" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "expires_at" DATETIME NOT NULL,

    PRIMARY KEY ("access_key_id", "nonce")
);

-- CreateTable
CREATE TABLE "signin_failures" (
    "ip" TEXT NOT NULL,
    "minute" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "usernames" TEXT NOT NULL DEFAULT '[]',
    "last_at" DATETIME NOT NULL,
    "recorded_at" DATETIME,

    PRIMARY KEY ("ip", "minute")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_users" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "password_changed_at" DATETIME
);
INSERT INTO "new_users" ("created_at", "id", "password_hash", "role", "username") SELECT "created_at", "id", "password_hash", "role", "username" FROM "users";
DROP TABLE "users";
ALTER TABLE "new_users" RENAME TO "users";
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "console_sessions_user_id_idx" ON "console_sessions"("user_id");

-- CreateIndex
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits"("expire");

-- CreateIndex
CREATE INDEX "api_nonces_expires_at_idx" ON "api_nonces"("expires_at");

-- CreateIndex
CREATE INDEX "signin_failures_recorded_at_minute_idx" ON "signin_failures"("recorded_at", "minute");

