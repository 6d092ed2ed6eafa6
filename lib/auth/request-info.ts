/**
 * The client's IP as the server saw it: the first x-forwarded-for hop (Next.js sets it from the
 * socket; a reverse proxy in front adds its own), else x-real-ip.
 */
export function clientIp(header: (name: string) => string | null | undefined): string | null {
  const forwarded = header("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0].trim().replace(/^::ffff:/, "") || null;
  return header("x-real-ip") ?? null;
}
