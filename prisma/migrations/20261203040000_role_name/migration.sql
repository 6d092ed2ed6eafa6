-- The role of an assumed-role identity, the LookupEvents attribute RoleName (lib/events/normalize.ts
-- roleNameOf). ADD COLUMN without a default: SQLite adds it without rewriting the table.
ALTER TABLE "events" ADD COLUMN "role_name" TEXT;

-- The rows stored before: the same derivation as roleNameOf, the session issuer's userName, else the part
-- of userName before "/" or ":" (trimmed, an empty one or "null" is none).
UPDATE "events" SET "role_name" = COALESCE(
  CASE WHEN json_type("raw", '$.userIdentity.sessionContext.sessionIssuer.userName') = 'text'
    THEN NULLIF(NULLIF(TRIM(json_extract("raw", '$.userIdentity.sessionContext.sessionIssuer.userName')), ''), 'null') END,
  CASE WHEN json_type("raw", '$.userIdentity.userName') = 'text'
    THEN NULLIF(NULLIF(TRIM(substr(
      replace(TRIM(json_extract("raw", '$.userIdentity.userName')), ':', '/'), 1,
      instr(replace(TRIM(json_extract("raw", '$.userIdentity.userName')), ':', '/') || '/', '/') - 1
    )), ''), 'null') END
)
WHERE "user_type" IN ('assumed-role', 'AssumedRole');
