// What every command shares: argument parsing that fails with a clear message, the actor the
// self-audit events name, and plain-text tables.
import os from "node:os";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Actor } from "@/lib/audit/record";
import { InvalidInput } from "@/lib/errors";

/** Bad arguments: invalid input like any other (cli/report.ts prints "Error: <message>", exit code 1). */
export class UsageError extends InvalidInput {}

/** A command returns its exit code (nothing means 0). */
export type CommandHandler = (args: string[]) => Promise<number | void>;

type Options = NonNullable<ParseArgsConfig["options"]>;

/** node:util parseArgs in strict mode, with its errors turned into UsageErrors. */
export function parseCommandArgs<O extends Options>(args: string[], options: O, maxPositionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: maxPositionals > 0, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`Unexpected argument "${parsed.positionals[maxPositionals]}"`);
  }
  return parsed;
}

export function requireOption(value: string | undefined, name: string): string {
  if (value === undefined || value === "") throw new UsageError(`--${name} is required`);
  return value;
}

/** The operator at the terminal: TRAILKEEPER_OPERATOR, else the OS user. */
export function cliActor(): Actor {
  let username = process.env.TRAILKEEPER_OPERATOR?.trim();
  if (!username) {
    try {
      username = os.userInfo().username;
    } catch {
      username = "operator";
    }
  }
  return { username, kind: "cli" };
}

type Cell = string | number | null | undefined;

/** Left-aligned columns separated by two spaces, with a header row; an empty cell prints as "-". */
export function formatTable(headers: string[], rows: Cell[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? "-" : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ")).join("\n");
}

/** The columns of a list, in order: header → how one item fills it. */
export type ListColumns<T> = Record<string, (item: T) => Cell>;

/** Prints the items as a table, or the hint when there are none. */
export function printList<T>(items: T[], empty: string, columns: ListColumns<T>): void {
  const cells = Object.values(columns);
  console.log(items.length === 0 ? empty : formatTable(Object.keys(columns), items.map((item) => cells.map((cell) => cell(item)))));
}

/** A `<thing> list` command: no options, every item of `load()`. */
export function listCommand<T>(load: () => Promise<T[]>, empty: string, columns: ListColumns<T>): CommandHandler {
  return async (args) => {
    parseCommandArgs(args, {});
    printList(await load(), empty, columns);
  };
}

export function formatDate(d: Date | null | undefined): string | null {
  return d ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : null;
}
