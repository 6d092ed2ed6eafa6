// user create | user list
import { recordAuditEvent } from "@/lib/audit/record";
import { createUser, listUsers } from "@/lib/users/users";
import { cliActor, formatDate, formatTable, parseCommandArgs, requireOption } from "./common";

export async function userCreate(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, {
    username: { type: "string" },
    password: { type: "string" },
    role: { type: "string" },
  });
  const user = await createUser({
    username: requireOption(values.username, "username"),
    password: requireOption(values.password, "password"),
    role: requireOption(values.role, "role"),
  });
  await recordAuditEvent({
    actor: cliActor(),
    eventName: "CreateConsoleUser",
    requestParameters: { UserName: user.username, Role: user.role },
    resources: { "ACS::Actiontrail::ConsoleUser": [user.username] },
  });
  console.log(`Created user ${user.username} (${user.role})`);
}

export async function userList(args: string[]): Promise<void> {
  parseCommandArgs(args, {});
  const users = await listUsers();
  if (users.length === 0) {
    console.log("No users yet. Create one with: user create --username NAME --password PW --role admin");
    return;
  }
  console.log(formatTable(["ID", "USERNAME", "ROLE", "CREATED"], users.map((u) => [u.id, u.username, u.role, formatDate(u.createdAt)])));
}
