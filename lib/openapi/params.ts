// Reading the request parameters of the compatible API: required and optional values, booleans, integers,
// and times in ActionTrail's form (ISO 8601 UTC to the second). Every failure names the parameter.
import { invalidParameter, missingParameter } from "./errors";

export type Params = Record<string, string>;

export function required(p: Params, name: string): string {
  const v = p[name];
  if (v === undefined || v === "") throw missingParameter(name);
  return v;
}

/** undefined when absent; "" when given empty (for UpdateTrail, "" clears a destination). */
export function optional(p: Params, name: string): string | undefined {
  return Object.hasOwn(p, name) ? p[name] : undefined;
}

export function optionalBoolean(p: Params, name: string): boolean | undefined {
  const v = p[name];
  if (v === undefined || v === "") return undefined;
  if (v === "true") return true;
  if (v === "false") return false;
  throw invalidParameter(name, "Use true or false.");
}

export function optionalInteger(p: Params, name: string, min: number, max: number): number | undefined {
  const v = p[name];
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw invalidParameter(name, `${name} is an integer from ${min} to ${max}.`);
  return n;
}

/** ActionTrail's time format: `YYYY-MM-DDThh:mm:ssZ`. */
export function isoSeconds(d: Date | null | undefined): string {
  return d ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : "";
}
