import { withAuth } from "next-auth/middleware";
import { getAuthSecret } from "@/lib/auth/secret";

// First line of defence only: every page, action and route handler checks the session itself.
export default withAuth({ pages: { signIn: "/login" }, secret: getAuthSecret() });

export const config = {
  // Ingestion authenticates with bearer tokens and the compatible API with signatures, not sessions.
  matcher: ["/((?!login|api/auth|api/v1/events$|openapi|_next|favicon.ico).*)"],
};
