// How the operator sees a failed command: the CLI's one translation of errors. An AppError (bad
// arguments included: UsageError is an InvalidInput) is "Error: <message>"; a store without tables says
// how to create them; anything else is unexpected, with its stack under TRAILKEEPER_DEBUG=1.
import { AppError } from "@/lib/errors";

function isMissingTable(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === "P2021" || /no such table|relation .* does not exist/i.test(String((e as Error)?.message));
}

/** Prints an error the way the operator should see it (`print`: stderr) and returns the exit code. */
export function report(e: unknown, print: (line: string) => void = (line) => console.error(line)): number {
  if (e instanceof AppError) {
    print(`Error: ${e.message}`);
  } else if (isMissingTable(e)) {
    print("Error: the database has no Trailkeeper tables yet. Run `npm start` once (it applies the migrations),");
    print("or `npx prisma migrate deploy` (PostgreSQL: add --config prisma/postgres/prisma.config.ts).");
  } else {
    print(`Error: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.TRAILKEEPER_DEBUG && e instanceof Error && e.stack) print(e.stack);
  }
  return 1;
}
