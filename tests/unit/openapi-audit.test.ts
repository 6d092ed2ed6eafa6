// What the audit event of an API call keeps of its parameters: each value to 4 KB, marked where cut, a
// bounded number and size of them, the signature material never.
import { describe, expect, it } from "vitest";
import { MAX_PARAMS, MAX_PARAM_CHARS, MAX_PARAM_NAME_CHARS, auditParams, cut } from "@/lib/openapi/audit";

describe("cut", () => {
  it("keeps short text and cuts long text with the number of characters cut", () => {
    expect(cut("abc", 3)).toEqual({ text: "abc", cut: false });
    expect(cut("abcdef", 3)).toEqual({ text: "abc…[cut: 3 characters]", cut: true });
  });

  it("never splits a surrogate pair", () => {
    const text = `ab${"😀".repeat(3)}`;
    // Position 3 would fall between the halves of the first emoji: the cut moves before it.
    expect(cut(text, 3)).toEqual({ text: `ab…[cut: ${text.length - 2} characters]`, cut: true });
  });
});

describe("auditParams", () => {
  it("leaves out the signature material and keeps the rest as sent", () => {
    const r = auditParams({ Action: "LookupEvents", Version: "2020-07-06", AccessKeyId: "LTAI", Signature: "s", SignatureNonce: "n", SignatureMethod: "HMAC-SHA1", SignatureVersion: "1.0", Timestamp: "t", Format: "JSON", MaxResults: "10" });
    expect(r).toEqual({ requestParameters: { Action: "LookupEvents", Version: "2020-07-06", MaxResults: "10" } });
  });

  it("cuts each long value to MAX_PARAM_CHARS and names the cut parameters", () => {
    const r = auditParams({ A: "a".repeat(100_000), B: "b".repeat(MAX_PARAM_CHARS), C: "c" });
    expect(r.requestParameters.A).toBe(`${"a".repeat(MAX_PARAM_CHARS)}…[cut: ${100_000 - MAX_PARAM_CHARS} characters]`);
    expect(r.requestParameters.B).toBe("b".repeat(MAX_PARAM_CHARS));
    expect(r.additionalEventData).toEqual({ cutParameters: ["A"] });
  });

  it("keeps at most MAX_PARAMS parameters and counts the rest, names too long to be parameters included", () => {
    const params: Record<string, string> = { ["N".repeat(MAX_PARAM_NAME_CHARS + 1)]: "x" };
    for (let i = 0; i < MAX_PARAMS + 5; i++) params[`P${i}`] = String(i);
    const r = auditParams(params);
    expect(Object.keys(r.requestParameters)).toHaveLength(MAX_PARAMS);
    expect(r.requestParameters.P0).toBe("0");
    expect(r.additionalEventData).toEqual({ omittedParameters: 6 });
  });

  it("keeps the whole record small even when every character needs escaping in JSON", () => {
    const params: Record<string, string> = {};
    for (let i = 0; i < MAX_PARAMS; i++) params[`P${i}`] = "\u0001".repeat(MAX_PARAM_CHARS);
    const r = auditParams(params);
    // 64 values of 4,096 control characters would be 1.5 MB as JSON; the kept part stays under 128 KB.
    expect(JSON.stringify(r.requestParameters).length).toBeLessThanOrEqual(128 * 1024 + 2);
    expect(r.additionalEventData?.omittedParameters).toBeGreaterThan(40);
  });
});
