import { prisma } from "@/lib/db";
import { DEFAULT_SENSITIVE_EVENT_NAMES } from "@/lib/seed/catalog";

/** The catalogue changes rarely; ingestion re-reads it at most this often. */
const CACHE_MS = 5_000;
const INITIALISED_KEY = "sensitiveCatalogInitialised";

let cache: { names: Set<string>; loadedAt: number } | undefined;

/** Writes the default catalogue once, the first time any process needs it. */
async function ensureDefaults(): Promise<void> {
  const marker = await prisma.setting.findUnique({ where: { key: INITIALISED_KEY } });
  if (marker) return;
  const existing = new Set((await prisma.sensitiveAction.findMany({ select: { eventName: true } })).map((r) => r.eventName));
  const missing = DEFAULT_SENSITIVE_EVENT_NAMES.filter((d) => !existing.has(d.eventName));
  if (missing.length) await prisma.sensitiveAction.createMany({ data: missing.map((d) => ({ eventName: d.eventName, reason: d.reason })) });
  await prisma.setting.upsert({ where: { key: INITIALISED_KEY }, create: { key: INITIALISED_KEY, value: "1" }, update: {} });
}

export async function loadSensitiveNames(): Promise<Set<string>> {
  if (cache && Date.now() - cache.loadedAt < CACHE_MS) return cache.names;
  await ensureDefaults();
  const rows = await prisma.sensitiveAction.findMany({ select: { eventName: true } });
  cache = { names: new Set(rows.map((r) => r.eventName)), loadedAt: Date.now() };
  return cache.names;
}

/** Forget the cached catalogue (after an edit, or between tests on different databases). */
export function invalidateSensitiveCatalog(): void {
  cache = undefined;
}

/**
 * The sensitivity rule: the event name is in the catalogue, or it is a failed console sign-in
 * (a failed ConsoleSignin is always worth a look; a successful one is routine).
 */
export function sensitivityRule(names: Set<string>) {
  return (eventName: string, errorCode: string | null, eventType: string): boolean =>
    names.has(eventName) || (eventType === "ConsoleSignin" && errorCode !== null);
}
