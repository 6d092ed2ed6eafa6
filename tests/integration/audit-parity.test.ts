// One change, two front ends, one record: the operator CLI (a real child process) and the console's
// path (the service its server action calls, with the actor the console builds) record the same
// self-audit event, but for who made it and from where.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { createIngestToken, revokeIngestToken } from "@/lib/ingest-tokens/tokens";
import { createConsoleUser } from "@/lib/users/manage";
import { runCli } from "../helpers/cli";
import { STORES, onFreshStore } from "../helpers/db";

const OPERATOR = "parity-operator";
/** What lib/actions/action-client.ts passes: consoleActor() of the signed-in admin. */
const CONSOLE: Actor = { username: "parity-admin", kind: "console-user", ip: "198.51.100.7", userAgent: "Mozilla/5.0 (parity)" };

type Json = Record<string, any>;

async function recorded(eventName: string, userName: string): Promise<Json> {
  const row = await prisma.event.findFirstOrThrow({ where: { eventName, userName }, orderBy: { id: "desc" } });
  return JSON.parse(row.raw);
}

/** The event without what differs by nature: ids, times, the actor and the front end it used. */
function change(e: Json, ids: Record<string, string> = {}): Json {
  const { eventId: _id, eventTime: _t, requestId: _r, userIdentity: _u, sourceIpAddress: _ip, userAgent: _ua, eventSource: _s, eventType: _k, ...rest } = e;
  let text = JSON.stringify(rest);
  for (const [id, placeholder] of Object.entries(ids)) text = text.split(id).join(placeholder);
  return JSON.parse(text);
}

describe.each(STORES)("the CLI and the console record the same change on %s", (store) => {
  const databaseUrl = onFreshStore(store);
  const cli = (args: string[], stdin?: string) => runCli(args, { databaseUrl: databaseUrl(), stdin, env: { TRAILKEEPER_OPERATOR: OPERATOR } });


  it("creating and revoking an ingest token", async () => {
    const created = await cli(["ingest-token", "create", "--label", "siem", "--json"]);
    expect(created).toMatchObject({ code: 0, stderr: "" });
    const { id: cliId } = JSON.parse(created.stdout) as { id: string };
    const { id: consoleId } = await createIngestToken({ label: "siem" }, { actor: CONSOLE });

    const fromCli = await recorded("CreateIngestToken", OPERATOR);
    const fromConsole = await recorded("CreateIngestToken", CONSOLE.username);
    expect(fromCli.requestParameters).toEqual({ TokenId: cliId, Label: "siem" });
    expect(change(fromConsole, { [consoleId]: "TOKEN" })).toEqual(change(fromCli, { [cliId]: "TOKEN" }));
    expect(fromConsole).toMatchObject({ eventSource: "trailkeeper-console", sourceIpAddress: "198.51.100.7", userIdentity: { userName: CONSOLE.username } });

    expect((await cli(["ingest-token", "revoke", cliId])).code).toBe(0);
    await revokeIngestToken(consoleId, { actor: CONSOLE });
    expect(change(await recorded("RevokeIngestToken", CONSOLE.username), { [consoleId]: "TOKEN" })).toEqual(
      change(await recorded("RevokeIngestToken", OPERATOR), { [cliId]: "TOKEN" }),
    );
  });

  it("creating a console user", async () => {
    expect((await cli(["user", "create", "--username", "parity-cli", "--role", "auditor"], "a-long-password\n")).code).toBe(0);
    await createConsoleUser({ actor: CONSOLE }, { username: "parity-web", password: "a-long-password", role: "auditor" });
    expect(change(await recorded("CreateConsoleUser", CONSOLE.username), { "parity-web": "USER" })).toEqual(
      change(await recorded("CreateConsoleUser", OPERATOR), { "parity-cli": "USER" }),
    );
  });
});
