-- The inner trail (docs/inner-trail.md) is a trails row of kind "inner", and every existing row is a trail.
-- AlterTable
ALTER TABLE "trails" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'trail';

-- CreateIndex
CREATE INDEX "trails_kind_idx" ON "trails"("kind");
