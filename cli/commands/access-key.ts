// access-key create: AccessKeys for the ActionTrail-compatible API are not built yet.

/** Exit code for a command that is designed but not in this build. */
export const NOT_AVAILABLE = 2;

export async function accessKeyCreate(): Promise<number> {
  console.error("Error: access-key create is not available yet: AccessKeys for the ActionTrail-compatible API arrive in a later version.");
  return NOT_AVAILABLE;
}
