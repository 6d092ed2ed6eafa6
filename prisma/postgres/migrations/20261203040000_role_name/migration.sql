-- The role of an assumed-role identity, the LookupEvents attribute RoleName (lib/events/normalize.ts
-- roleNameOf).
ALTER TABLE "events" ADD COLUMN "role_name" TEXT;

-- The rows stored before: the same derivation as roleNameOf, the session issuer's userName, else the part
-- of userName before "/" or ":" (trimmed, an empty one or "null" is none). jsonb refuses the escape of the NUL
-- character (backslash u0000), so a row holding it keeps no role name rather than failing the migration.
UPDATE "events" SET "role_name" = COALESCE(
  CASE WHEN jsonb_typeof("raw"::jsonb #> '{userIdentity,sessionContext,sessionIssuer,userName}') = 'string'
    THEN NULLIF(NULLIF(TRIM("raw"::jsonb #>> '{userIdentity,sessionContext,sessionIssuer,userName}'), ''), 'null') END,
  CASE WHEN jsonb_typeof("raw"::jsonb #> '{userIdentity,userName}') = 'string'
    THEN NULLIF(NULLIF(TRIM(split_part(translate(TRIM("raw"::jsonb #>> '{userIdentity,userName}'), ':', '/'), '/', 1)), ''), 'null') END
)
WHERE "user_type" IN ('assumed-role', 'AssumedRole') AND position(chr(92) || 'u0000' in "raw") = 0;
