// Where the sign-in page sends you afterwards: only somewhere on the console's own origin.
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { countdownText, retryAfterText, signinErrorMessage } from "@/lib/auth/signin-messages";

const OWN = "http://127.0.0.1:3000";

describe("safeCallbackPath", () => {
  it.each([
    "/\\example.org",
    "/\\/example.org",
    "//example.org",
    "///example.org",
    "/\t/example.org",
    "https://evil.example",
    "http://127.0.0.1:3001/events",
    "https://127.0.0.1:3000/events",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://127.0.0.1:3000//evil.example",
    "/login?callbackUrl=/events",
    "",
    "x".repeat(3000),
  ])("sends %j to the dashboard", (value) => {
    expect(safeCallbackPath(value, OWN)).toBe("/dashboard");
  });

  it("keeps the console's own paths, with their query and fragment", () => {
    expect(safeCallbackPath("/events?region=cn-shanghai&user=alice#row", OWN)).toBe("/events?region=cn-shanghai&user=alice#row");
    expect(safeCallbackPath("http://127.0.0.1:3000/trails", OWN)).toBe("/trails");
    expect(safeCallbackPath("/events", undefined)).toBe("/events");
  });

  it("refuses what is not a string", () => {
    expect(safeCallbackPath(undefined, OWN)).toBe("/dashboard");
    expect(safeCallbackPath(["/events"], OWN)).toBe("/dashboard");
  });
});

describe("sign-in messages", () => {
  it("says when to try again in whole minutes, and counts down in seconds", () => {
    expect([1, 59, 60, 61, 240, 900].map(retryAfterText)).toEqual(["1 minute", "1 minute", "1 minute", "2 minutes", "4 minutes", "15 minutes"]);
    expect(signinErrorMessage("TooManyAttempts", { retryAfterSeconds: 221 })).toBe("Too many failed sign-ins. Try again in 4 minutes.");
    expect(signinErrorMessage("TooManyAttempts", { retryAfterSeconds: 0 })).toBe("Too many failed sign-ins. You can try again now.");
    expect([239, 60, 5, 0].map(countdownText)).toEqual(["3:59", "1:00", "0:05", "0:00"]);
  });
  it("tells a demo user how to set a password", () => {
    expect(signinErrorMessage("DemoPasswordRefused", { username: "admin" })).toContain("npm run cli -- user set-password --username admin");
  });
});
