-- CreateTable
CREATE TABLE "store_chain_head" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "block_number" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "legacy_max_pk" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "store_blocks" (
    "number" INTEGER NOT NULL PRIMARY KEY,
    "prev_hash" TEXT NOT NULL,
    "merkle_root" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "leaf_count" INTEGER NOT NULL,
    "total_leaves" INTEGER NOT NULL,
    "first_pk" INTEGER NOT NULL,
    "last_pk" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "leaves" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "store_checkpoints" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "block_number" INTEGER NOT NULL,
    "head_hash" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "store_purged_events" (
    "event_pk" INTEGER NOT NULL PRIMARY KEY,
    "block_number" INTEGER NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_time" TEXT NOT NULL,
    "purged_at" TEXT NOT NULL,
    "mac" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "store_blocks_last_pk" ON "store_blocks"("last_pk");

-- CreateIndex
CREATE INDEX "store_checkpoints_block_number_idx" ON "store_checkpoints"("block_number");

-- CreateIndex
CREATE INDEX "store_purged_events_block_number_idx" ON "store_purged_events"("block_number");


-- The chain's head before its first block (docs/store-chain.md "An upgraded store"): events already
-- stored are "before the chain", up to the highest id there is now.
INSERT INTO "store_chain_head" ("id", "block_number", "hash", "legacy_max_pk")
SELECT 1, 0, '0000000000000000000000000000000000000000000000000000000000000000', COALESCE(MAX("id"), 0) FROM "events";
