// Where to go after signing in. A callbackUrl arrives in a link anyone can write, so it is parsed as a URL
// against the console's own origin and kept only when it stays there: `/\example.org`, `//example.org`,
// `https://evil` and `javascript:` all resolve elsewhere (a backslash counts as a slash in http URLs)
// and go to the dashboard instead. What is kept is the path, query and fragment only.

export const DEFAULT_AFTER_SIGNIN = "/dashboard";

/** A placeholder origin for relative values when the console's own is not known. */
const PLACEHOLDER_ORIGIN = "http://console.trailkeeper.invalid";

export function safeCallbackPath(value: unknown, ownOrigin: string = PLACEHOLDER_ORIGIN): string {
  if (typeof value !== "string" || value === "" || value.length > 2048) return DEFAULT_AFTER_SIGNIN;
  let base: URL;
  let url: URL;
  try {
    base = new URL(ownOrigin);
    url = new URL(value, base);
  } catch {
    return DEFAULT_AFTER_SIGNIN;
  }
  if (url.origin !== base.origin || (url.protocol !== "http:" && url.protocol !== "https:")) return DEFAULT_AFTER_SIGNIN;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Back to the sign-in page (or a path that still reads as protocol-relative) would be a loop or a trick.
  if (!path.startsWith("/") || path.startsWith("//") || url.pathname === "/login") return DEFAULT_AFTER_SIGNIN;
  return path;
}
