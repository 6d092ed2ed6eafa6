-- CreateTable
CREATE TABLE "access_keys" (
    "id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "secret_encrypted" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Active',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),

    CONSTRAINT "access_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "access_keys_user_id_idx" ON "access_keys"("user_id");

-- AddForeignKey
ALTER TABLE "access_keys" ADD CONSTRAINT "access_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

