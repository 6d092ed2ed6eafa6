// Alibaba Cloud RPC signature v1.0 (lib/openapi/signature.ts) against known vectors.
// Expected values are written out literally and checked by hand, and every expected signature is
// computed here with node's crypto from a literal string-to-sign, never by the module under test.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  canonicalQuery,
  checkTimestamp,
  percentEncode,
  sign,
  stringToSign,
  verifySignature,
} from "@/lib/openapi/signature";

/** Independent reference: base64(HMAC-SHA1(secret + "&", literal string to sign)). */
function refSign(literalStringToSign: string, secret: string): string {
  return createHmac("sha1", secret + "&").update(literalStringToSign, "utf8").digest("base64");
}

// The documented example from Alibaba Cloud's "Request signatures" page for RPC APIs (ECS DescribeRegions).
const DOC_PARAMS = {
  AccessKeyId: "testid",
  Action: "DescribeRegions",
  Format: "XML",
  SignatureMethod: "HMAC-SHA1",
  SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
  SignatureVersion: "1.0",
  Timestamp: "2016-02-23T12:46:24Z",
  Version: "2014-05-26",
};
const DOC_CANONICAL =
  "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1" +
  "&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0" +
  "&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26";
const DOC_STRING_TO_SIGN =
  "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1" +
  "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" +
  "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26";
const DOC_SIGNATURE = "OLeaidS1JvxuMvnyHOwuJ+uX5qY=";

describe("the documented Alibaba example (DescribeRegions, testid/testsecret)", () => {
  it("the hand-built string to sign, HMAC'd by node's crypto, gives the documented signature", () => {
    expect(refSign(DOC_STRING_TO_SIGN, "testsecret")).toBe(DOC_SIGNATURE);
  });

  it("builds the documented canonical query and string to sign", () => {
    expect(canonicalQuery(DOC_PARAMS)).toBe(DOC_CANONICAL);
    expect(stringToSign("GET", DOC_PARAMS)).toBe(DOC_STRING_TO_SIGN);
  });

  it("signs to the documented value", () => {
    expect(sign("GET", DOC_PARAMS, "testsecret")).toBe(DOC_SIGNATURE);
  });

  it("does not depend on the order the parameters were given in", () => {
    const reversed = Object.fromEntries(Object.entries(DOC_PARAMS).reverse());
    expect(sign("GET", reversed, "testsecret")).toBe(DOC_SIGNATURE);
  });

  it("verifies the documented signature, and a Signature parameter is excluded from signing", () => {
    const signed = { ...DOC_PARAMS, Signature: DOC_SIGNATURE };
    expect(canonicalQuery(signed)).toBe(DOC_CANONICAL);
    expect(sign("GET", signed, "testsecret")).toBe(DOC_SIGNATURE);
    expect(verifySignature("GET", signed, "testsecret")).toBe(true);
  });

  it("POST signs a different string (the method is part of it)", () => {
    const postString = "POST" + DOC_STRING_TO_SIGN.slice("GET".length);
    expect(stringToSign("POST", DOC_PARAMS)).toBe(postString);
    const postSig = refSign(postString, "testsecret");
    expect(postSig).not.toBe(DOC_SIGNATURE);
    expect(sign("POST", DOC_PARAMS, "testsecret")).toBe(postSig);
    expect(verifySignature("POST", { ...DOC_PARAMS, Signature: postSig }, "testsecret")).toBe(true);
    expect(verifySignature("GET", { ...DOC_PARAMS, Signature: postSig }, "testsecret")).toBe(false);
  });
});

describe("percentEncode", () => {
  const unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
  it.each<[string, [input: string, encoded: string][]]>([
    ["leaves only the RFC 3986 unreserved characters as they are", [[unreserved, unreserved]]],
    ["encodes space as %20 (never +), and + itself as %2B", [["a b", "a%20b"], ["a+b", "a%2Bb"]]],
    ["encodes * as %2A and keeps ~", [["*", "%2A"], ["~", "~"], ["a*b~c", "a%2Ab~c"]]],
    ["encodes the characters encodeURIComponent leaves: ! ' ( )", [["!'()", "%21%27%28%29"]]],
    ["encodes / = & : , ; ? # @ $ % with upper-case hex", [["/", "%2F"], ["=", "%3D"], ["&", "%26"], [":,;?#@$%", "%3A%2C%3B%3F%23%40%24%25"]]],
    ["encodes unicode as percent-encoded UTF-8", [["中", "%E4%B8%AD"], ["é", "%C3%A9"], ["😀", "%F0%9F%98%80"]]],
  ])("%s", (_, cases) => {
    for (const [input, encoded] of cases) expect(percentEncode(input), input).toBe(encoded);
  });

  it("is the inner encoding of the string to sign (a value's % becomes %25 there)", () => {
    expect(percentEncode(percentEncode("a b"))).toBe("a%2520b");
  });
});

describe("canonicalQuery", () => {
  it("encodes / = & inside values so they cannot break the pairs", () => {
    expect(canonicalQuery({ Path: "/a/b", Expr: "x=1&y=2" })).toBe("Expr=x%3D1%26y%3D2&Path=%2Fa%2Fb");
  });

  it("sorts by byte order: upper-case before underscore before lower-case", () => {
    expect(canonicalQuery({ a: "1", B: "2", Z: "3", A_b: "4", Ab: "5" })).toBe("A_b=4&Ab=5&B=2&Z=3&a=1");
  });

  it("sorts by the percent-encoded name, not the raw one", () => {
    // Raw, "a-" (0x2D) < "a/" (0x2F); encoded, "a%2F" (%=0x25) < "a-". Likewise "é" → "%C3%A9" sorts first.
    expect(canonicalQuery({ "a-": "1", "a/": "2", é: "3", b: "4" })).toBe("%C3%A9=3&a%2F=2&a-=1&b=4");
  });

  it("orders indexed parameters the way Alibaba does (LookupAttribute.1 < .10 < .2)", () => {
    expect(
      canonicalQuery({ "LookupAttribute.2.Key": "c", "LookupAttribute.10.Key": "b", "LookupAttribute.1.Key": "a" }),
    ).toBe("LookupAttribute.1.Key=a&LookupAttribute.10.Key=b&LookupAttribute.2.Key=c");
  });

  it("excludes Signature (exact name only) and keeps empty values", () => {
    expect(canonicalQuery({ Signature: "x", SignatureMethod: "HMAC-SHA1", Empty: "" })).toBe(
      "Empty=&SignatureMethod=HMAC-SHA1",
    );
  });
});

describe("a hand-checked vector with spaces, *, ~, unicode and reserved characters", () => {
  const params = {
    Action: "LookupEvents",
    "LookupAttribute.1.Key": "ResourceName",
    "LookupAttribute.1.Value": "my bucket*/中~x=1&y",
    AccessKeyId: "LTAIexample",
    a: "lower",
  };
  // Sorted by encoded name: AccessKeyId, Action, LookupAttribute.1.Key, LookupAttribute.1.Value, a.
  const canonical =
    "AccessKeyId=LTAIexample&Action=LookupEvents&LookupAttribute.1.Key=ResourceName" +
    "&LookupAttribute.1.Value=my%20bucket%2A%2F%E4%B8%AD~x%3D1%26y&a=lower";
  const toSign =
    "POST&%2F&AccessKeyId%3DLTAIexample%26Action%3DLookupEvents%26LookupAttribute.1.Key%3DResourceName" +
    "%26LookupAttribute.1.Value%3Dmy%2520bucket%252A%252F%25E4%25B8%25AD~x%253D1%2526y%26a%3Dlower";

  it("matches the literal canonical query and string to sign", () => {
    expect(canonicalQuery(params)).toBe(canonical);
    expect(stringToSign("POST", params)).toBe(toSign);
  });

  it("signs to the value node's crypto gives for the literal string", () => {
    const expected = refSign(toSign, "s3cr3t/+=");
    expect(sign("POST", params, "s3cr3t/+=")).toBe(expected);
    expect(verifySignature("POST", { ...params, Signature: expected }, "s3cr3t/+=")).toBe(true);
  });
});

describe("verifySignature", () => {
  const signed = { ...DOC_PARAMS, Signature: DOC_SIGNATURE };

  it("fails for a tampered value", () => {
    expect(verifySignature("GET", { ...signed, Action: "DescribeTrails" }, "testsecret")).toBe(false);
    expect(verifySignature("GET", { ...signed, Timestamp: "2016-02-23T12:46:25Z" }, "testsecret")).toBe(false);
  });

  it("fails for an added parameter", () => {
    expect(verifySignature("GET", { ...signed, Extra: "1" }, "testsecret")).toBe(false);
  });

  it("fails for a different secret", () => {
    expect(verifySignature("GET", signed, "testsecret2")).toBe(false);
    expect(verifySignature("GET", signed, "")).toBe(false);
  });

  it("fails for a tampered, truncated, missing or empty signature", () => {
    expect(verifySignature("GET", { ...signed, Signature: "PLeaidS1JvxuMvnyHOwuJ+uX5qY=" }, "testsecret")).toBe(false);
    expect(verifySignature("GET", { ...signed, Signature: DOC_SIGNATURE.slice(0, -1) }, "testsecret")).toBe(false);
    expect(verifySignature("GET", { ...signed, Signature: "" }, "testsecret")).toBe(false);
    expect(verifySignature("GET", { ...DOC_PARAMS }, "testsecret")).toBe(false);
  });

  it("returns false rather than throwing for a value that cannot be UTF-8 encoded", () => {
    expect(verifySignature("GET", { ...signed, Bad: "\uD800" }, "testsecret")).toBe(false);
  });
});

describe("checkTimestamp", () => {
  const now = new Date("2026-11-23T12:00:00Z");

  it("accepts the same instant and anything within 15 minutes either side (inclusive)", () => {
    expect(checkTimestamp("2026-11-23T12:00:00Z", now)).toMatchObject({ ok: true });
    expect(checkTimestamp("2026-11-23T11:45:00Z", now)).toMatchObject({ ok: true });
    expect(checkTimestamp("2026-11-23T12:15:00Z", now)).toMatchObject({ ok: true });
    expect(checkTimestamp("2026-11-23T12:14:59.999Z", now)).toMatchObject({ ok: true });
  });

  it("returns the instant the request says it was signed (the nonce is kept until then + 15 minutes)", () => {
    expect(checkTimestamp("2026-11-23T12:10:00.250Z", now)).toEqual({ ok: true, at: new Date("2026-11-23T12:10:00.250Z") });
  });

  it("rejects anything past 15 minutes either side as InvalidTimeStamp.Expired", () => {
    for (const ts of ["2026-11-23T11:44:59Z", "2026-11-23T12:15:01Z", "2016-02-23T12:46:24Z"]) {
      const r = checkTimestamp(ts, now);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe("InvalidTimeStamp.Expired");
        expect(r.message).toMatch(/expired/i);
      }
    }
  });

  it("honours a different window", () => {
    expect(checkTimestamp("2026-11-23T12:04:00Z", now, 5)).toMatchObject({ ok: true });
    expect(checkTimestamp("2026-11-23T12:06:00Z", now, 5)).toMatchObject({ ok: false, code: "InvalidTimeStamp.Expired" });
  });

  it("rejects malformed values as InvalidTimeStamp.Format", () => {
    for (const ts of [
      "",
      "now",
      "2026-11-23",
      "2026-11-23 12:00:00Z",
      "2026-11-23T12:00:00", // no zone
      "2026-11-23T12:00:00+08:00", // not UTC
      "2026-11-23T12:00Z",
      "1700000000",
      "2026-13-01T00:00:00Z", // month 13
      "2026-02-30T00:00:00Z", // no such day
      "2026-11-23T24:00:00Z",
      "2026-11-23T12:60:00Z",
      " 2026-11-23T12:00:00Z",
    ]) {
      const r = checkTimestamp(ts, now);
      expect(r, ts).toMatchObject({ ok: false, code: "InvalidTimeStamp.Format" });
    }
  });
});
