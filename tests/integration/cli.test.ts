// The operator CLI end to end: the real `tsx cli/index.ts` in a child process against a fresh SQLite file.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getAccessKeyForSigning } from "@/lib/access-keys/access-keys";
import { verifyIngestToken } from "@/lib/ingest-tokens/tokens";
import { verifyPassword } from "@/lib/auth/password";
import { findUserByUsername } from "@/lib/users/users";
import { runCli, type CliRun } from "../helpers/cli";
import { IMPORT_CHUNK_LINES } from "@/cli/commands/events";
import { onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";

const OPERATOR = "cli-test-operator";
// The whole file runs on one fresh SQLite store.
const databaseUrl = onFreshStore("sqlite");

function cli(args: string[], stdin?: string): Promise<CliRun> {
  return runCli(args, { databaseUrl: databaseUrl(), stdin, env: { TRAILKEEPER_OPERATOR: OPERATOR } });
}

/** Events not written by the CLI's own self-audit. */
function countDataEvents(): Promise<number> {
  return prisma.event.count({ where: { NOT: { userName: OPERATOR } } });
}

describe("operator CLI", () => {
  beforeAll(() => {
    // One server key for this process and the CLI children it spawns (AccessKey secrets are sealed with it).
    process.env.TRAILKEEPER_SERVER_KEY ??= randomBytes(32).toString("base64");
  });

  it("creates a user, records it in the self-audit trail, and refuses a duplicate", async () => {
    const created = await cli(["user", "create", "--username", "ops.lead", "--password", "a-long-password", "--role", "admin"]);
    expect(created).toMatchObject({ code: 0, stderr: "" });
    expect(created.stdout.trim()).toBe("Created user ops.lead (admin)");

    const duplicate = await cli(["user", "create", "--username", "ops.lead", "--password", "another-password", "--role", "auditor"]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr.trim()).toBe("Error: User ops.lead already exists");
    expect(duplicate.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const audit = await prisma.event.findMany({ where: { eventName: "CreateConsoleUser" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ serviceName: "Actiontrail", userName: OPERATOR, eventRW: "Write" });
    expect(JSON.parse(audit[0].raw).requestParameters).toEqual({ UserName: "ops.lead", Role: "admin" });

    const list = await cli(["user", "list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/ops\.lead\s+admin/);
  });

  it("rejects a bad role, a short password and missing options with a clear message", async () => {
    const badRole = await cli(["user", "create", "--username", "someone", "--password", "a-long-password", "--role", "root"]);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr.trim()).toBe("Error: role must be one of admin, auditor, security");

    const shortPassword = await cli(["user", "create", "--username", "someone", "--password", "short", "--role", "auditor"]);
    expect(shortPassword.code).toBe(1);
    expect(shortPassword.stderr.trim()).toBe("Error: password must be at least 8 characters");

    const missing = await cli(["user", "create", "--username", "someone", "--role", "auditor"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^Error: no password on standard input: pipe it in/);

    const unknownOption = await cli(["user", "create", "--nickname", "x"]);
    expect(unknownOption.code).toBe(1);
    expect(unknownOption.stderr).toMatch(/^Error: Unknown option '--nickname'/);
  });

  it("manages users: the password from standard input, never an argument; each change audited", async () => {
    const created = await cli(["user", "create", "--username", "stdin.user", "--role", "auditor"], "from-stdin-password\n");
    expect(created).toMatchObject({ code: 0, stdout: "Created user stdin.user (auditor)\n" });
    expect(await verifyPassword("from-stdin-password", (await findUserByUsername("stdin.user"))!.passwordHash)).toBe(true);

    const asArgument = await cli(["user", "set-password", "--username", "stdin.user", "--password", "in-the-history"]);
    expect(asArgument.code).toBe(1);
    expect(asArgument.stderr.trim()).toMatch(/^Error: set-password reads the password from standard input or a prompt, never from an argument/);
    const set = await cli(["user", "set-password", "--username", "stdin.user"], "second-password\r\n");
    expect(set).toMatchObject({ code: 0, stdout: "Set a new password for stdin.user; its sessions have ended\n" });
    expect(await verifyPassword("second-password", (await findUserByUsername("stdin.user"))!.passwordHash)).toBe(true);
    const nobody = await cli(["user", "set-password", "--username", "nobody.here"], "whatever-password\n");
    expect(nobody).toMatchObject({ code: 1, stderr: "Error: There is no console user nobody.here\n" });
    const empty = await cli(["user", "set-password", "--username", "stdin.user"], "");
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^Error: no password on standard input/);

    expect((await cli(["user", "set-role", "--username", "stdin.user", "--role", "security"])).stdout).toBe("User stdin.user is now security (was auditor)\n");
    expect((await cli(["user", "disable", "--username", "stdin.user"])).stdout).toBe("Disabled user stdin.user; its sessions have ended\n");
    expect((await cli(["user", "disable", "--username", "stdin.user"])).stdout).toBe("User stdin.user was already disabled\n");
    expect((await cli(["user", "list"])).stdout).toMatch(/stdin\.user\s+security\s+disabled/);
    expect((await cli(["user", "enable", "--username", "stdin.user"])).stdout).toBe("Enabled user stdin.user\n");
    expect((await cli(["user", "delete", "--username", "stdin.user"])).stdout).toMatch(/^Deleted user stdin\.user/);

    const events = await prisma.event.findMany({ where: { resourceName: "stdin.user", userName: OPERATOR }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.eventName)).toEqual([
      "CreateConsoleUser",
      "ChangeConsoleUserPassword",
      "UpdateConsoleUser",
      "UpdateConsoleUser",
      "UpdateConsoleUser",
      "DeleteConsoleUser",
    ]);
    for (const e of events) expect(e.raw).not.toMatch(/from-stdin-password|second-password/);
  });

  it("refuses to disable, demote or delete the only enabled admin", async () => {
    // ops.lead (created above) is the only admin.
    for (const args of [["disable"], ["set-role", "--role", "auditor"], ["delete"]]) {
      const run = await cli(["user", args[0], "--username", "ops.lead", ...args.slice(1)]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^Error: ops\.lead is the only enabled admin and cannot be (disabled|given another role|deleted): make another user an admin first\n$/);
    }
  });

  it("creates an ingest token as JSON that verifies, lists and revokes it", async () => {
    const created = await cli(["ingest-token", "create", "--label", "collector", "--json"]);
    expect(created.code).toBe(0);
    const parsed = JSON.parse(created.stdout) as { id: string; token: string };
    expect(Object.keys(parsed)).toEqual(["id", "token"]);
    expect(parsed.id).toMatch(/^itk_[a-z0-9]{12}$/);
    expect(parsed.token).toMatch(/^tk_[A-Za-z0-9_-]{43}$/);
    expect((await verifyIngestToken(parsed.token))?.id).toBe(parsed.id);
    expect(await prisma.event.count({ where: { eventName: "CreateIngestToken" } })).toBe(1);

    const list = await cli(["ingest-token", "list"]);
    expect(list.stdout).toMatch(new RegExp(`${parsed.id}\\s+collector\\s+active`));
    expect(list.stdout).not.toContain(parsed.token);

    const revoked = await cli(["ingest-token", "revoke", parsed.id]);
    expect(revoked).toMatchObject({ code: 0, stdout: `Revoked ingest token ${parsed.id}\n` });
    expect(await verifyIngestToken(parsed.token)).toBeNull();

    const unknown = await cli(["ingest-token", "revoke", "itk_doesnotexist"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Error: Ingest token itk_doesnotexist does not exist/);
  });

  it("imports JSON lines: stores the valid ones, reports each bad line by number, exits 1", async () => {
    const valid = [makeEvent(), makeEvent({ eventName: "DescribeInstances", eventRW: "Read" }), makeEvent()];
    const lines = [
      JSON.stringify(valid[0]),
      JSON.stringify(valid[1]),
      "",
      "{not json",
      JSON.stringify(makeEvent({ eventRW: "Maybe" })),
      JSON.stringify(valid[2]),
    ];
    const file = path.join(process.env.TEST_TMP_DIR!, `import-${randomUUID()}.jsonl`);
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    const before = await countDataEvents();

    const run = await cli(["events", "import", file]);
    expect(run.code).toBe(1);
    expect(run.stdout.trim()).toBe("Imported 3 events (0 already stored); 2 failed");
    expect(run.stderr).toMatch(/^line 4: not valid JSON: /m);
    expect(run.stderr).toMatch(/^line 5: eventRW: must be Read or Write$/m);
    expect(await countDataEvents()).toBe(before + 3);
    const stored = await prisma.event.findUnique({ where: { eventId: valid[1].eventId as string } });
    expect(stored?.raw).toBe(lines[1]);

    // From stdin, again: idempotent on eventId.
    const again = await cli(["events", "import", "-"], lines.join("\n"));
    expect(again.code).toBe(1);
    expect(again.stdout.trim()).toBe("Imported 3 events (3 already stored); 2 failed");
    expect(await countDataEvents()).toBe(before + 3);

    const missing = await cli(["events", "import", path.join(process.env.TEST_TMP_DIR!, "no-such-file.jsonl")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Error: Cannot read .*no-such-file\.jsonl: no such file/);
  });

  it("imports a file of several chunks: every line stored once, bad lines numbered across the chunk boundary", async () => {
    // IMPORT_CHUNK_LINES + 3 lines, a bad one on each side of the boundary and a duplicate of a line of
    // the first chunk in the second: line numbers and the dedupe must not depend on where a chunk ends.
    const n = IMPORT_CHUNK_LINES + 3;
    const events = Array.from({ length: n }, () => makeEvent());
    const lines = events.map((e) => JSON.stringify(e));
    lines[IMPORT_CHUNK_LINES - 1] = "{not json";
    lines[IMPORT_CHUNK_LINES + 1] = JSON.stringify(makeEvent({ eventRW: "Maybe" }));
    lines[IMPORT_CHUNK_LINES + 2] = lines[0];
    const file = path.join(process.env.TEST_TMP_DIR!, `import-chunks-${randomUUID()}.jsonl`);
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    const before = await countDataEvents();
    const run = await cli(["events", "import", file]);
    expect(run.code).toBe(1);
    expect(run.stdout.trim()).toBe(`Imported ${n - 2} events (1 already stored); 2 failed`);
    expect(run.stderr).toMatch(new RegExp(`^line ${IMPORT_CHUNK_LINES}: not valid JSON: `, "m"));
    expect(run.stderr).toMatch(new RegExp(`^line ${IMPORT_CHUNK_LINES + 2}: eventRW: must be Read or Write$`, "m"));
    expect(await countDataEvents()).toBe(before + n - 3);
    const last = await prisma.event.findUnique({ where: { eventId: events[IMPORT_CHUNK_LINES].eventId as string } });
    expect(last?.raw).toBe(lines[IMPORT_CHUNK_LINES]);
  });

  it("seeds generated events through the ingestion path", async () => {
    const before = await countDataEvents();
    const run = await cli(["seed", "--events", "500"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Seeded 500 events in \d+\.\d s \([\d,]+ events\/s\)$/m);
    expect(run.stderr).toMatch(/Seeding: 500\/500 events \(100%\)/); // plain progress: stderr is not a TTY
    expect(await countDataEvents()).toBe(before + 500);
    expect(await prisma.event.count({ where: { eventName: "SeedEvents", userName: OPERATOR } })).toBe(1);

    const bad = await cli(["seed", "--events", "lots"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Error: --events must be a whole number/);
  });

  it("prints usage and exits 2 on an unknown command", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    for (const cmd of ["user create", "user list", "user disable|enable", "user delete", "user set-role", "user set-password", "ingest-token create", "ingest-token list", "ingest-token revoke", "events import", "seed --events", "access-key create"]) {
      expect(help.stdout).toContain(cmd);
    }
    const unknown = await cli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown command "frobnicate"/);
    expect(unknown.stderr).toContain("Usage:");
  });

  it("creates AccessKeys (secret shown once, stored sealed), disables, enables and deletes them", async () => {
    const missing = await cli(["access-key", "create", "--user", "nobody-here", "--json"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Error: There is no console user nobody-here/);

    const created = await cli(["access-key", "create", "--user", "ops.lead", "--json"]);
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as { accessKeyId: string; accessKeySecret: string };
    expect(Object.keys(key)).toEqual(["accessKeyId", "accessKeySecret"]);
    expect(key.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect(key.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    const row = await prisma.accessKey.findUniqueOrThrow({ where: { id: key.accessKeyId } });
    expect(row.secretEncrypted).not.toContain(key.accessKeySecret);
    const forSigning = await getAccessKeyForSigning(key.accessKeyId);
    expect(forSigning).toMatchObject({ secret: key.accessKeySecret, username: "ops.lead", role: "admin", status: "Active" });
    expect(await prisma.event.count({ where: { eventName: "CreateAccessKey", userName: OPERATOR, serviceName: "Ram" } })).toBe(1);

    expect((await cli(["access-key", "disable", key.accessKeyId])).code).toBe(0);
    expect((await getAccessKeyForSigning(key.accessKeyId))?.status).toBe("Inactive");
    expect((await cli(["access-key", "enable", key.accessKeyId])).code).toBe(0);
    expect((await getAccessKeyForSigning(key.accessKeyId))?.status).toBe("Active");
    const list = await cli(["access-key", "list", "--user", "ops.lead"]);
    expect(list.stdout).toContain(key.accessKeyId);
    expect((await cli(["access-key", "delete", key.accessKeyId])).code).toBe(0);
    expect(await getAccessKeyForSigning(key.accessKeyId)).toBeNull();
    const again = await cli(["access-key", "delete", key.accessKeyId]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/There is no AccessKey/);
  });

  it("creates a trail not logging (Fresh) as ActionTrail does, or logging with --start-logging", async () => {
    const fresh = await cli(["trail", "create", "--name", "cli-fresh-trail", "--home-region", "cn-hangzhou", "--log-store"]);
    expect(fresh).toMatchObject({ code: 0, stderr: "" });
    expect(await prisma.trail.findUniqueOrThrow({ where: { name: "cli-fresh-trail" } })).toMatchObject({ isLogging: false, startLoggingTime: null });

    const started = await cli(["trail", "create", "--name", "cli-started-trail", "--home-region", "cn-hangzhou", "--log-store", "--start-logging"]);
    expect(started).toMatchObject({ code: 0, stderr: "" });
    const row = await prisma.trail.findUniqueOrThrow({ where: { name: "cli-started-trail" } });
    expect(row.isLogging).toBe(true);
    expect(row.startLoggingTime).toBeInstanceOf(Date);

    const both = await cli(["trail", "create", "--name", "cli-both-trail", "--home-region", "cn-hangzhou", "--start-logging", "--no-start"]);
    expect(both.code).toBe(1);
    expect(both.stderr.trim()).toBe("Error: --start-logging and --no-start exclude each other");
    expect(await prisma.trail.findUnique({ where: { name: "cli-both-trail" } })).toBeNull();
  });
});
