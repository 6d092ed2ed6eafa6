// user create | list | disable | enable | delete | set-role | set-password
// Every change goes through lib/users/manage.ts, which records it as the console does. Passwords come
// from standard input or a prompt that does not echo, never from an argument of set-password (arguments
// end up in shell history and in `ps`); `user create --password` stays for scripts that already use it.
import readline from "node:readline";
import { Writable } from "node:stream";
import {
  createConsoleUser,
  deleteConsoleUser,
  setConsoleUserDisabled,
  setConsoleUserPassword,
  setConsoleUserRole,
} from "@/lib/users/manage";
import { NotFound } from "@/lib/errors";
import { findUserByUsername, listUsers } from "@/lib/users/users";
import { cliActor, formatDate, listCommand, parseCommandArgs, requireOption, UsageError } from "./common";

/** One line typed at a terminal, not echoed. */
function promptHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve, reject) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
    rl.on("SIGINT", () => {
      rl.close();
      reject(new UsageError("cancelled"));
    });
    muted = true;
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The password from standard input (its first line; e.g. `printf '%s\n' "$PW" | …`), or, at a terminal,
 * typed twice at a prompt that does not echo.
 */
export async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await promptHidden("Password: ");
    const again = await promptHidden("Repeat the password: ");
    if (first !== again) throw new UsageError("the two passwords differ");
    if (!first) throw new UsageError("no password typed");
    return first;
  }
  const line = (await readStdin()).split(/\r?\n/)[0];
  if (!line) throw new UsageError("no password on standard input: pipe it in (printf '%s\\n' \"$PASSWORD\" | npm run -s cli -- …) or run the command at a terminal to be prompted");
  return line;
}

export async function userCreate(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, {
    username: { type: "string" },
    password: { type: "string" },
    role: { type: "string" },
  });
  const username = requireOption(values.username, "username");
  const role = requireOption(values.role, "role");
  const password = values.password ?? (await readPassword());
  const user = await createConsoleUser({ actor: cliActor() }, { username, password, role });
  console.log(`Created user ${user.username} (${user.role})`);
}

export const userList = listCommand(listUsers, "No users yet. Create one with: user create --username NAME --role admin (the password is read from standard input)", {
  ID: (u) => u.id,
  USERNAME: (u) => u.username,
  ROLE: (u) => u.role,
  STATUS: (u) => (u.disabled ? "disabled" : "enabled"),
  CREATED: (u) => formatDate(u.createdAt),
});

function usernameOnly(args: string[]): string {
  const { values } = parseCommandArgs(args, { username: { type: "string" } });
  return requireOption(values.username, "username");
}

export async function userDisable(args: string[]): Promise<void> {
  const r = await setConsoleUserDisabled({ actor: cliActor() }, { username: usernameOnly(args), disabled: true });
  console.log(r.changed ? `Disabled user ${r.user.username}; its sessions have ended` : `User ${r.user.username} was already disabled`);
}

export async function userEnable(args: string[]): Promise<void> {
  const r = await setConsoleUserDisabled({ actor: cliActor() }, { username: usernameOnly(args), disabled: false });
  console.log(r.changed ? `Enabled user ${r.user.username}` : `User ${r.user.username} was already enabled`);
}

export async function userDelete(args: string[]): Promise<void> {
  const user = await deleteConsoleUser({ actor: cliActor() }, { username: usernameOnly(args) });
  console.log(`Deleted user ${user.username} with its sessions and AccessKeys (its events stay)`);
}

export async function userSetRole(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, { username: { type: "string" }, role: { type: "string" } });
  const r = await setConsoleUserRole({ actor: cliActor() }, { username: requireOption(values.username, "username"), role: requireOption(values.role, "role") });
  console.log(r.changed ? `User ${r.user.username} is now ${r.user.role} (was ${r.previousRole})` : `User ${r.user.username} already is ${r.user.role}`);
}

export async function userSetPassword(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, { username: { type: "string" }, password: { type: "string" } });
  if (values.password !== undefined) {
    throw new UsageError("set-password reads the password from standard input or a prompt, never from an argument (it would stay in your shell history)");
  }
  const username = requireOption(values.username, "username");
  // Before the prompt: nobody should type a password for a user that is not there.
  if (!(await findUserByUsername(username))) throw new NotFound(`There is no console user ${username}`);
  const password = await readPassword();
  const user = await setConsoleUserPassword({ actor: cliActor() }, { username, password });
  console.log(`Set a new password for ${user.username}; its sessions have ended`);
}
