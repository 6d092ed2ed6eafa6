// The sensitivity rule (catalogue + failed sign-in + root account) and the default catalogue's names.
import { describe, expect, it } from "vitest";
import { sensitivityRule } from "@/lib/events/sensitive-catalog";
import { EVENT_NAMES } from "@/lib/catalog/catalog";
import { DEFAULT_SENSITIVE_EVENT_NAMES, isSensitiveByDefault, sensitiveByRule } from "@/lib/events/sensitive-rule";

// Real RAM / Trailkeeper event names the demo services do not generate.
const NAMES_OUTSIDE_SERVICES = new Set(["DetachPolicyFromGroup", "DeleteGroup", "DeleteSensitiveAction"]);

describe("the sensitivity rule", () => {
  const rule = sensitivityRule(new Set(["DeleteTrail"]));

  it("flags catalogue names, failed sign-ins and root-account use, nothing else", () => {
    expect(rule("DeleteTrail", null, "ApiCall", "ram-user")).toBe(true);
    expect(rule("DescribeTrails", null, "ApiCall", "ram-user")).toBe(false);
    expect(rule("ConsoleSignin", "InvalidPassword", "ConsoleSignin", "ram-user")).toBe(true);
    expect(rule("ConsoleSignin", null, "ConsoleSignin", "ram-user")).toBe(false);
    // A sign-in is recognised by its type as well as its name.
    expect(rule("ConsoleSigninSaml", "InvalidSamlResponse", "ConsoleSignin", "ram-user")).toBe(true);
    expect(rule("DescribeInstances", "Throttling", "ApiCall", "ram-user")).toBe(false);
    expect(rule("DescribeInstances", null, "ApiCall", "root-account")).toBe(true);
    expect(rule("DescribeInstances", null, "ApiCall", null)).toBe(false);
    expect(sensitiveByRule("AssumeRole", { userType: "assumed-role" })).toBe(false);
  });

  it("keeps the default catalogue to known event names, without ConsoleSignin", () => {
    const known = new Set(EVENT_NAMES);
    const unknown = DEFAULT_SENSITIVE_EVENT_NAMES.map((d) => d.eventName).filter((n) => !known.has(n) && !NAMES_OUTSIDE_SERVICES.has(n));
    expect(unknown).toEqual([]);
    expect(new Set(DEFAULT_SENSITIVE_EVENT_NAMES.map((d) => d.eventName)).size).toBe(DEFAULT_SENSITIVE_EVENT_NAMES.length);
    expect(DEFAULT_SENSITIVE_EVENT_NAMES.every((d) => d.reason.length > 0)).toBe(true);
    expect(isSensitiveByDefault("DetachPolicyFromUser")).toBe(true);
    expect(isSensitiveByDefault("ListUsers", null, { userType: "root-account" })).toBe(true);
  });
});
