// The operator CLI: `npm run -s cli -- <command>`. A thin dispatcher; each command group lives in
// cli/commands/. Errors are printed by cli/report.ts (exit 1); an unknown command exits 2.
import "@/scripts/node-entry";
import { disconnectDb } from "@/lib/db";
import { accessKeyCreate, accessKeyDelete, accessKeyDisable, accessKeyEnable, accessKeyList } from "./commands/access-key";
import { bucketCreate, bucketDelete, bucketList } from "./commands/bucket";
import type { CommandHandler } from "./commands/common";
import { digestPublicKey, digestRotateKey } from "./commands/digest";
import { eventsImport } from "./commands/events";
import { ingestTokenCreate, ingestTokenList, ingestTokenRevoke } from "./commands/ingest-token";
import { rollupsRebuild } from "./commands/rollups";
import { seed } from "./commands/seed";
import { trailCreate, trailDelete, trailInner, trailLegalHold, trailList, trailNotify, trailStart, trailStop } from "./commands/trail";
import { userCreate, userDelete, userDisable, userEnable, userList, userSetPassword, userSetRole } from "./commands/user";
import { report } from "./report";
import { verifyBucketCommand, verifyStoreCommand, verifyTrailCommand } from "./commands/verify";

const USAGE = `Trailkeeper operator CLI

Usage: npm run -s cli -- <command> [options]

Commands:
  user create --username NAME --role admin|auditor|security [--password PW]
                                   Create a console user (without --password, the password is read
                                   from standard input, or prompted for at a terminal)
  user list                        List console users
  user disable|enable --username NAME
                                   Disable a user (its sessions end at once; it cannot sign in) or enable it
  user delete --username NAME      Delete a user with its sessions and AccessKeys (its events stay)
  user set-role --username NAME --role admin|auditor|security
                                   Change a user's role (in force from its next request)
  user set-password --username NAME
                                   Set a new password, read from standard input or a prompt (never an
                                   argument); the user's sessions end
                                   The only enabled admin cannot be disabled, demoted or deleted.
  ingest-token create [--label L] [--json]
                                   Create a token for POST /api/v1/events (its value is shown once;
                                   --json prints {"id","token"} and nothing else on stdout)
  ingest-token list                List ingest tokens
  ingest-token revoke ID           Revoke an ingest token
  events import FILE               Import events from a JSON-lines file, one event per line ("-": stdin)
  seed --events N [--end ISO] [--seed S]
                                   Generate N demo events over the 90 days before --end (default now)
  access-key create --user NAME [--json]
                                   Create an AccessKey pair for a console user (the secret is shown once;
                                   --json prints {"accessKeyId","accessKeySecret"})
  access-key list [--user NAME]    List AccessKeys
  access-key enable|disable ID     Enable or disable an AccessKey
  access-key delete ID             Delete an AccessKey
  trail create --name N --home-region R [--event-rw Read|Write|All] [--bucket B] [--prefix P]
               [--log-store] [--retention-days D] [--all-regions|--home-region-only] [--start-logging]
               [--notify-channel RULE [--notify-each-file]]
                                   Create a trail: not logging (status Fresh) until trail start, as
                                   ActionTrail's CreateTrail, or at once with --start-logging; the log
                                   store keeps at least 180 days, the default
  trail list                       List trails
  trail start|stop NAME            Start or stop logging
  trail delete NAME                Delete a trail (delivered files stay)
  trail notify NAME --channel RULE [--each-file] | --off
                                   Send the trail's delivery failures, recoveries (and each delivered
                                   file) to an alert rule's signed webhook
  trail legal-hold NAME --on|--off Set or lift the legal hold of a trail's log store (while set,
                                   nothing of it is purged)
  trail inner create --name N [--retention-days D] | update NAME --retention-days D
  trail inner start|stop|delete NAME | show
                                   The inner trail: Trailkeeper's own records (console, CLI, API) to
                                   the log store innertrail_<name>; one per installation
  bucket create --name B [--kind local|s3 --endpoint URL --region R --access-key-id K --secret S]
               [--virtual-hosted-style]
                                   Add a bucket: a local directory (default) or an S3-compatible endpoint
                                   (the secret may come from TRAILKEEPER_BUCKET_SECRET instead)
  bucket list                      List buckets
  bucket delete NAME               Delete a bucket that no trail uses
  digest public-key [--all]        Print the PEM of the key that signs digests (--all: retired keys too)
  digest rotate-key                Retire the signing key and make a new one (old digests stay verifiable)
  verify trail NAME [--start ISO] [--end ISO] [--json]
                                   Verify a trail's bucket and log store against their signed digests
                                   (exit 0: verified, 1: problems found, 2: usage error)
  verify bucket --dir DIR --public-key FILE [--trail NAME] [--start ISO] [--end ISO] [--json]
                                   The same for a copy of a bucket, with no database (docs/integrity.md)
  rollups rebuild [--json]         Recompute the dashboard's rollups from the stored events (in one
                                   transaction; ingestion waits meanwhile)
  verify store [--json]            Verify the query store against its chain and signed checkpoints: each
                                   changed, deleted or inserted event named by eventId (docs/store-chain.md)

Environment:
  DATABASE_URL          postgresql://… selects PostgreSQL; default: the SQLite file data/trailkeeper.db
  TRAILKEEPER_OPERATOR  the actor named in the self-audit events of changes (default: your OS user)
  TRAILKEEPER_DEBUG=1   print stack traces of unexpected errors

Run npm with -s (--silent) to keep its banner off stdout, e.g. when parsing --json output.`;

const COMMANDS: Record<string, CommandHandler> = {
  "user create": userCreate,
  "user list": userList,
  "user disable": userDisable,
  "user enable": userEnable,
  "user delete": userDelete,
  "user set-role": userSetRole,
  "user set-password": userSetPassword,
  "ingest-token create": ingestTokenCreate,
  "ingest-token list": ingestTokenList,
  "ingest-token revoke": ingestTokenRevoke,
  "events import": eventsImport,
  seed,
  "access-key create": accessKeyCreate,
  "access-key list": accessKeyList,
  "access-key enable": accessKeyEnable,
  "access-key disable": accessKeyDisable,
  "access-key delete": accessKeyDelete,
  "trail create": trailCreate,
  "trail list": trailList,
  "trail start": trailStart,
  "trail stop": trailStop,
  "trail delete": trailDelete,
  "trail notify": trailNotify,
  "trail legal-hold": trailLegalHold,
  "trail inner": trailInner,
  "bucket create": bucketCreate,
  "bucket list": bucketList,
  "bucket delete": bucketDelete,
  "digest public-key": digestPublicKey,
  "digest rotate-key": digestRotateKey,
  "verify trail": verifyTrailCommand,
  "verify bucket": verifyBucketCommand,
  "verify store": verifyStoreCommand,
  "rollups rebuild": rollupsRebuild,
};

const GROUPS = new Set(Object.keys(COMMANDS).filter((k) => k.includes(" ")).map((k) => k.split(" ")[0]));

/** The handler for argv and the arguments left for it, or the name of the unknown command. */
function resolve(argv: string[]): { handler: CommandHandler; args: string[] } | { unknown: string } {
  const two = argv.slice(0, 2).join(" ");
  if (COMMANDS[two] && GROUPS.has(argv[0])) return { handler: COMMANDS[two], args: argv.slice(2) };
  if (COMMANDS[argv[0]] && !GROUPS.has(argv[0])) return { handler: COMMANDS[argv[0]], args: argv.slice(1) };
  return { unknown: GROUPS.has(argv[0]) && argv[1] && !argv[1].startsWith("-") ? two : argv[0] };
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) {
    console.error(USAGE);
    return 2;
  }
  if (argv.includes("--help") || argv.includes("-h") || argv[0] === "help") {
    console.log(USAGE);
    return 0;
  }
  const found = resolve(argv);
  if ("unknown" in found) {
    const group = GROUPS.has(argv[0]) ? ` (${argv[0]} takes: ${Object.keys(COMMANDS).filter((k) => k.startsWith(`${argv[0]} `)).map((k) => k.split(" ")[1]).join(", ")})` : "";
    console.error(`Unknown command "${found.unknown}"${group}\n\n${USAGE}`);
    return 2;
  }
  try {
    return (await found.handler(found.args)) ?? 0;
  } catch (e) {
    return report(e);
  } finally {
    await disconnectDb().catch(() => {});
  }
}

// exitCode rather than process.exit(): stdout is flushed before the process ends, even into a pipe.
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
