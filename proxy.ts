import { withAuth } from "next-auth/middleware";
import { getAuthSecret } from "@/lib/auth/secret";

// First line of defence only: every page, action and route handler checks the session itself.
export default withAuth({ pages: { signIn: "/login" }, secret: getAuthSecret() });

export const config = {
  // Route handlers answer for themselves (401/403 JSON, bearer tokens, signatures): no redirects there.
  matcher: ["/((?!login|api/|openapi|_next|favicon.ico).*)"],
};
