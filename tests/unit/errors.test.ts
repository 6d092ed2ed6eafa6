// The one error hierarchy (lib/errors.ts) through its three translations: the console's action
// answer (lib/actions/action-result.ts refusal), the CLI's report (cli/report.ts) and the compatible
// API's error (lib/openapi/errors.ts asOpenApiError). One AppError of each code, and the edges.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { UsageError } from "@/cli/commands/common";
import { report } from "@/cli/report";
import { CHECK_FIELDS, refusal } from "@/lib/actions/action-result";
import { AppError, Conflict, Forbidden, InvalidInput, NotFound, Throttled } from "@/lib/errors";
import { asOpenApiError, OpenApiError } from "@/lib/openapi/errors";
import { ZCreateTrailInput } from "@/lib/trails/rules";

function cli(e: unknown): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = report(e, (line) => lines.push(line));
  return { code, lines };
}

function api(e: unknown) {
  const out = asOpenApiError(e);
  expect(out).toBeInstanceOf(OpenApiError);
  const { code, message, status, retryAfterSeconds } = out as OpenApiError;
  return { code, message, status, retryAfterSeconds };
}

/** A trail refused by its schema: the field problems of a real safeParse. */
function badTrail(): InvalidInput {
  const r = ZCreateTrailInput.safeParse({ name: "9trail", homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All" });
  if (r.success) throw new Error("expected the trail to be refused");
  return InvalidInput.ofZod(r.error);
}

describe("invalid-input", () => {
  it("from a schema: the form points at its fields, the CLI and the API get one line", () => {
    const e = badTrail();
    expect(e).toMatchObject({ code: "invalid-input", summary: true, status: 400 });
    expect(refusal(e)).toEqual({
      ok: false,
      message: CHECK_FIELDS,
      errors: { name: ["must start with a letter"], destination: ["choose a bucket, the log store or both: a trail needs at least one destination"] },
    });
    expect(cli(e)).toEqual({
      code: 1,
      lines: ["Error: name: must start with a letter; destination: choose a bucket, the log store or both: a trail needs at least one destination"],
    });
    expect(api(e)).toEqual({
      code: "InvalidParameter",
      message:
        "The specified parameter Name is not valid: Name must start with a letter; OssBucketName/SlsProjectArn choose a bucket, the log store or both: a trail needs at least one destination.",
      status: 400,
      retryAfterSeconds: undefined,
    });
  });

  it("a form that shows no fields reads the first problem; a problem of the whole form is the message", () => {
    expect(refusal(badTrail(), { fieldsShown: false }).message).toBe("must start with a letter");
    const scalar = z.string().min(8, "password must be at least 8 characters").safeParse("short");
    const e = InvalidInput.ofZod(scalar.error!);
    expect(e.fields).toEqual({ form: ["password must be at least 8 characters"] });
    expect(refusal(e).message).toBe("password must be at least 8 characters");
    expect(api(e)).toMatchObject({ code: "InvalidParameter", message: "The specified parameter form is not valid: password must be at least 8 characters." });
  });

  it("a sentence of its own stays the message everywhere, its field marked in the form", () => {
    const e = new InvalidInput("The label is too long.", { fields: { label: ["At most 64 characters."] } });
    expect(refusal(e)).toEqual({ ok: false, message: "The label is too long.", errors: { label: ["At most 64 characters."] } });
    expect(cli(e).lines).toEqual(["Error: The label is too long."]);
  });

  it("a CLI usage error is invalid input", () => {
    const e = new UsageError("--label is required");
    expect(e).toBeInstanceOf(InvalidInput);
    expect(e.name).toBe("UsageError");
    expect(cli(e)).toEqual({ code: 1, lines: ["Error: --label is required"] });
  });

  it("a refusal with a reason gets the API's own code", () => {
    const e = InvalidInput.ofFields({ ossBucketName: ["bucket nope does not exist; create it under Trails › Buckets first"] }, { reason: "bucket-missing" });
    expect(api(e)).toMatchObject({ code: "OssBucketNotExistException", message: "OssBucketName bucket nope does not exist; create it under Trails › Buckets first.", status: 400 });
  });
});

describe("not-found", () => {
  it("keeps its message; the API answers the code of what is missing", () => {
    const e = new NotFound("Trail audit-gone does not exist", { reason: "trail-missing" });
    expect(e.status).toBe(404);
    expect(refusal(e)).toEqual({ ok: false, message: "Trail audit-gone does not exist", errors: undefined });
    expect(cli(e).lines).toEqual(["Error: Trail audit-gone does not exist"]);
    expect(api(e)).toMatchObject({ code: "TrailNotFoundException", message: "Trail audit-gone does not exist.", status: 404 });
    expect(api(new NotFound("History job 7 does not exist", { reason: "job-missing" }))).toMatchObject({ code: "DeliveryHistoryJobNotFoundException", status: 404 });
    expect(api(new NotFound("There is no console user nobody"))).toMatchObject({ code: "InvalidParameter", message: "There is no console user nobody", status: 400 });
  });
});

describe("conflict", () => {
  it("from fields, with a reason: the form's field, the CLI's line, ActionTrail's code", () => {
    const e = Conflict.ofFields({ name: ["a trail named audit-all already exists"] }, { reason: "trail-exists" });
    expect(e.status).toBe(409);
    expect(refusal(e)).toEqual({ ok: false, message: CHECK_FIELDS, errors: { name: ["a trail named audit-all already exists"] } });
    expect(cli(e).lines).toEqual(["Error: name: a trail named audit-all already exists"]);
    expect(api(e)).toMatchObject({ code: "TrailExistedException", message: "Name a trail named audit-all already exists.", status: 400 });
  });

  it("a sentence of its own: the banner and the field both say it", () => {
    const e = new Conflict("User carol already exists", { fields: { username: ["User carol already exists"] } });
    expect(refusal(e)).toEqual({ ok: false, message: "User carol already exists", errors: { username: ["User carol already exists"] } });
    expect(cli(e).lines).toEqual(["Error: User carol already exists"]);
  });

  it("a job that is still running: the form-level problem is the message", () => {
    const e = Conflict.ofFields({ form: ["history job 3 is running; cancel it before deleting it"] });
    expect(refusal(e).message).toBe("history job 3 is running; cancel it before deleting it");
    expect(api(e)).toMatchObject({ code: "InvalidParameter", message: "The specified parameter form is not valid: history job 3 is running; cancel it before deleting it." });
  });
});

describe("forbidden", () => {
  it("is the caller's message in the console and the CLI, Forbidden.RAM in the API", () => {
    const e = new Forbidden("Only an administrator can create AccessKeys for other users.");
    expect(e.status).toBe(403);
    expect(refusal(e)).toEqual({ ok: false, message: "Only an administrator can create AccessKeys for other users.", errors: undefined });
    expect(cli(e).lines).toEqual(["Error: Only an administrator can create AccessKeys for other users."]);
    expect(api(e)).toMatchObject({ code: "Forbidden.RAM", status: 403 });
  });
});

describe("throttled", () => {
  it("says when to try again; the API sends Throttling with Retry-After", () => {
    const message = "Too many wrong passwords. Try again in 5 minutes.";
    const e = new Throttled(message, { fields: { currentPassword: [message] }, retryAfter: 300 });
    expect(e.status).toBe(429);
    expect(refusal(e)).toEqual({ ok: false, message, errors: { currentPassword: [message] } });
    expect(cli(e).lines).toEqual([`Error: ${message}`]);
    expect(api(e)).toEqual({ code: "Throttling", message, status: 400, retryAfterSeconds: 300 });
  });
});

describe("anything else", () => {
  it("is not translated: the API passes it on, the CLI prints its message", () => {
    const bug = new TypeError("cannot read properties of undefined");
    expect(asOpenApiError(bug)).toBe(bug);
    expect(cli(bug)).toEqual({ code: 1, lines: ["Error: cannot read properties of undefined"] });
    expect(bug).not.toBeInstanceOf(AppError);
  });
});
