// The SQL evaluator of the filter spec (lib/events/filter-spec.ts): each filter's condition, generated
// from its declaration, the same text on SQLite and PostgreSQL.
import { Prisma } from "@/generated/prisma/client";
import { sql, type Sql } from "@/lib/db/sql";
import { givenFilters, type FilterValues } from "./filter-spec";

function column(name: string): Sql {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`not a column: ${name}`);
  return Prisma.raw(name);
}

/** The conditions on the events table's columns of the filters given (not the resource ones). */
export function columnConditions(values: FilterValues): Sql[] {
  const out: Sql[] = [];
  for (const [d, v] of givenFilters(values)) {
    const t = d.test;
    if (t.kind === "flag") out.push(sql`${column(t.column)} = TRUE`);
    else if (t.kind === "equals") {
      out.push(t.anyValue !== undefined && v === t.anyValue ? sql`${column(t.column)} IS NOT NULL` : sql`${column(t.column)} = ${v as string}`);
    }
  }
  return out;
}

/** The conditions on event_resources of the resource filters given (they hold for one resource row). */
export function resourceConditions(values: FilterValues): Sql[] {
  const out: Sql[] = [];
  for (const [d, v] of givenFilters(values)) if (d.test.kind === "resource") out.push(sql`${column(d.test.column)} = ${v as string}`);
  return out;
}
