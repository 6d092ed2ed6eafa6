// A whole-number setting read from the environment (a retention in days, a period in seconds): unset or
// blank gives the default; anything else must be a whole number in range, or the error names the variable.
export function wholeNumberSetting(
  env: Record<string, string | undefined>,
  name: string,
  o: { default: number; min: number; max: number; unit: string },
): number {
  const raw = env[name]?.trim();
  if (!raw) return o.default;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < o.min || n > o.max) {
    throw new Error(`${name} must be a whole number of ${o.unit} from ${o.min} to ${o.max}, not "${raw}"`);
  }
  return n;
}
