// The remaining service operations: DescribeTrailDeliveryMetricData, CheckOssConfig, ListServiceTrail,
// CreateServiceLinkedRole and OpenService. Fields, paging and codes: docs/actiontrail-catalogue.md.
import { CAN } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { DAY_MS } from "@/lib/events/filters";
import { checkBucket } from "@/lib/trails/check-bucket";
import { DELIVERY_METRICS, MAX_METRIC_POINTS, deliveryMetric, isDeliveryMetric, metricPointCount } from "@/lib/trails/delivery-metrics";
import { recordCall } from "../audit";
import { invalidParameter, trailNotFound } from "../errors";
import { optional, optionalInteger, required, type Params } from "../params";
import { EXAMPLE_TRAIL, read, write, type ActionContext, type ActionTable } from "./define";

/** The longest window of one DescribeTrailDeliveryMetricData call. */
export const METRIC_WINDOW_DAYS = 31;

function requiredTime(p: Params, name: string): Date {
  const v = required(p, name);
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw invalidParameter(name, "Use ISO 8601, e.g. 2026-04-09T01:00:00Z.");
  return new Date(t);
}

export async function describeTrailDeliveryMetricDataAction(p: Params) {
  const trailName = required(p, "TrailName");
  const metric = required(p, "MetricName");
  if (!isDeliveryMetric(metric)) throw invalidParameter("MetricName", `Use one of ${Object.keys(DELIVERY_METRICS).join(", ")}.`);
  const period = optionalInteger(p, "Period", 60, 86_400);
  if (period === undefined) throw invalidParameter("Period", "Period is required: seconds, 60 or a multiple of 60 (60, 900, 3600 …).");
  if (period % 60 !== 0) throw invalidParameter("Period", "Period is 60 or a multiple of 60 seconds.");
  const start = requiredTime(p, "StartTime");
  const end = requiredTime(p, "EndTime");
  if (start >= end) throw invalidParameter("StartTime", "StartTime must be before EndTime.");
  if (end.getTime() - start.getTime() > METRIC_WINDOW_DAYS * DAY_MS) throw invalidParameter("EndTime", `The window is at most ${METRIC_WINDOW_DAYS} days.`);
  if (metricPointCount(start, end, period) > MAX_METRIC_POINTS) throw invalidParameter("Period", `At most ${MAX_METRIC_POINTS} points a call; use a longer Period.`);
  if (!(await prisma.trail.findUnique({ where: { name: trailName }, select: { name: true } }))) throw trailNotFound(trailName);
  const points = await deliveryMetric(trailName, metric, { start, end, periodSeconds: period });
  return { MetricList: points.map((pt) => ({ Count: pt.count, Timestamp: pt.timestamp })) };
}

export async function checkOssConfigAction(p: Params, ctx: ActionContext) {
  const name = required(p, "OssBucketName");
  if (name.length > 255) throw invalidParameter("OssBucketName", "At most 255 characters.");
  const prefix = optional(p, "OssKeyPrefix") ?? "";
  if (prefix.length > 512) throw invalidParameter("OssKeyPrefix", "At most 512 characters.");
  const result = await checkBucket(name, { prefix, now: ctx.now });
  // The probe wrote to the bucket: a Write, recorded under ActionTrail's own event name.
  await recordCall(ctx.actor, "CheckOssConfig", p);
  // A check answers what it found: a bucket that does not exist is a finding, not a refused call.
  if (!result) {
    const message = `No Trailkeeper bucket is named ${name} (Trails › Buckets lists them).`;
    return {
      OssBucketName: name,
      BucketExists: false,
      BucketKind: "",
      IsReachable: false,
      IsWritable: false,
      IsDeletable: false,
      Passed: false,
      Checks: (["Reachable", "Write", "Delete"] as const).map((c) => ({ Check: c, Passed: false, Message: message })),
    };
  }
  const by = (c: string) => result.checks.find((x) => x.check === c)!;
  return {
    OssBucketName: result.bucket,
    BucketExists: true,
    BucketKind: result.kind,
    IsReachable: by("Reachable").passed,
    IsWritable: by("Write").passed,
    IsDeletable: by("Delete").passed,
    Passed: result.passed,
    Checks: result.checks.map((c) => ({ Check: c.check, Passed: c.passed, Message: c.message })),
  };
}

/** Trails that Alibaba Cloud services keep for themselves: Trailkeeper has none (there are no such services). */
export function listServiceTrailAction(p: Params) {
  const max = optionalInteger(p, "MaxResults", 1, 100) ?? 20;
  const token = optional(p, "NextToken");
  // The list is empty, so no token of ours can continue it.
  if (token) throw invalidParameter("NextToken", "There is no further page.");
  return { Trails: [], MaxResults: max, TotalCount: 0 };
}

/** Nothing to create or open: accepted, recorded, and answered as ActionTrail answers a done call. */
async function acceptedWithoutEffect(action: string, p: Params, ctx: ActionContext): Promise<void> {
  await recordCall(ctx.actor, action, p);
}

export const SERVICE_ACTIONS: ActionTable = {
  DescribeTrailDeliveryMetricData: read(CAN.readTrails, (p) => describeTrailDeliveryMetricDataAction(p), {
    group: "Trails",
    summary: "A trail's delivery metric per period: events delivered to the log store or bucket, or failed delivery attempts.",
    params: [
      { name: "TrailName", required: true, text: "The trail." },
      { name: "MetricName", required: true, text: "delivery_sls_success_count, delivery_sls_fail_count, delivery_oss_success_count or delivery_oss_fail_count." },
      { name: "Period", required: true, text: `Seconds per point: 60 or a multiple of 60 (at most ${MAX_METRIC_POINTS} points a call).` },
      { name: "StartTime, EndTime", required: true, text: `ISO 8601 UTC; at most ${METRIC_WINDOW_DAYS} days apart.` },
    ],
    returns: "MetricList: Count (events delivered, or failed attempts), Timestamp (start of the period, Unix milliseconds); every period has a point.",
    errors: [{ code: "TrailNotFoundException", status: 404, when: "No trail of that name." }],
    example: { params: { TrailName: EXAMPLE_TRAIL, MetricName: "delivery_sls_success_count", Period: "3600", StartTime: "2026-11-01T00:00:00Z", EndTime: "2026-11-02T00:00:00Z" } },
  }),
  CheckOssConfig: write(checkOssConfigAction, {
    group: "Trails",
    summary: "Checks that a bucket can take deliveries: reachable, a probe object written and deleted again (outside the delivery paths).",
    params: [
      { name: "OssBucketName", required: true, text: "A Trailkeeper bucket (local directory or S3-compatible)." },
      { name: "OssKeyPrefix", text: "Where to write the probe (default: the bucket's root)." },
    ],
    returns:
      "OssBucketName, BucketExists, BucketKind (local | s3), IsReachable, IsWritable, IsDeletable, Passed, Checks: Check (Reachable | Write | Delete), Passed, Message. An unknown bucket is answered with BucketExists false, not refused.",
    errors: [{ code: "InvalidParameter", status: 400, when: "OssBucketName or OssKeyPrefix too long." }],
    example: { params: { OssBucketName: "example-bucket" } },
  }),
  ListServiceTrail: read(CAN.readTrails, (p) => listServiceTrailAction(p), {
    group: "Regions and service",
    summary: "The trails Alibaba Cloud services keep for themselves: always empty in Trailkeeper.",
    params: [
      { name: "MaxResults", text: "1–100, default 20." },
      { name: "NextToken", text: "Refused: the list has a single, empty page." },
    ],
    returns: "Trails (empty), MaxResults, TotalCount (0); no NextToken.",
    example: { params: {} },
  }),
  CreateServiceLinkedRole: write(
    async (p, ctx) => {
      await acceptedWithoutEffect("CreateServiceLinkedRole", p, ctx);
      return {};
    },
    {
      group: "Regions and service",
      summary: "Succeeds without effect: Trailkeeper has no RAM and needs no service-linked role. For scripts that call it first.",
      params: [{ name: "ServiceName", text: "Accepted and ignored." }],
      returns: "RequestId.",
      example: { params: {} },
    },
    CAN.readEvents,
  ),
  OpenService: write(
    async (p, ctx) => {
      await acceptedWithoutEffect("OpenService", p, ctx);
      // Answered as for an account whose ActionTrail is already open.
      return { OrderId: "" };
    },
    {
      group: "Regions and service",
      summary: "Succeeds without effect: Trailkeeper is always open. For scripts that call it first.",
      params: [],
      returns: "OrderId (empty: nothing was ordered).",
      example: { params: {} },
    },
    CAN.readEvents,
  ),
};
