// handleOpenApi for the integration tests that read a call's own audit event back: the event is queued
// off the request path (lib/audit/queue.ts), so the queue is written before the answer is returned.
import { flushAuditQueue } from "@/lib/audit/queue";
import { handleOpenApi, type OpenApiRequest, type OpenApiResponse } from "@/lib/openapi/handle";

export async function callAndAudit(req: OpenApiRequest): Promise<OpenApiResponse> {
  const res = await handleOpenApi(req);
  await flushAuditQueue();
  return res;
}
