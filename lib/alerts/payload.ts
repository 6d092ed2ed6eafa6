// The JSON body of an alert webhook (README: "Webhook format").
import { eventsUrl, type EventsLink } from "@/lib/events/events-url";
import type { EventListRow } from "@/lib/events/query";
import { insightEventFilters, insightSummary, type InsightRow } from "@/lib/insights/insights";
import type { AlertRuleRow } from "./rules";

/** Where links in notifications point: TRAILKEEPER_PUBLIC_URL, else NEXTAUTH_URL, else localhost. */
export function consoleBaseUrl(): string {
  const base = process.env.TRAILKEEPER_PUBLIC_URL || process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT || 3000}`;
  return base.replace(/\/+$/, "");
}

function ruleSummary(rule: Pick<AlertRuleRow, "id" | "name" | "trigger" | "insightType">) {
  return { id: rule.id, name: rule.name, trigger: rule.trigger, ...(rule.insightType ? { insightType: rule.insightType } : {}), link: `${consoleBaseUrl()}/alerts/${rule.id}` };
}

/** The envelope both kinds share: the rule, the event or insight under its kind, and its two links. */
function alertPayload(kind: "event" | "insight", rule: AlertRuleRow, fields: Record<string, unknown>, path: string, events: EventsLink, now: Date): string {
  const base = consoleBaseUrl();
  return JSON.stringify({
    kind,
    rule: ruleSummary(rule),
    [kind]: { ...fields, link: `${base}${path}`, eventsLink: `${base}${eventsUrl(events)}` },
    createdAt: now.toISOString(),
  });
}

export function eventAlertPayload(rule: AlertRuleRow, e: EventListRow, now = new Date()): string {
  const fields = {
    eventId: e.eventId, eventTime: e.eventTime, eventName: e.eventName, eventType: e.eventType, eventRW: e.eventRW,
    serviceName: e.serviceName, region: e.queryRegion, userName: e.userName, accessKeyId: e.accessKeyId,
    sourceIp: e.sourceIp, errorCode: e.errorCode, sensitive: e.sensitive, resourceType: e.resourceType, resourceName: e.resourceName,
  };
  const events = { region: e.queryRegion, eventId: e.eventId, start: e.eventTime, end: e.eventTime };
  return alertPayload("event", rule, fields, `/events/${encodeURIComponent(e.eventId)}`, events, now);
}

export function insightAlertPayload(rule: AlertRuleRow, i: InsightRow, now = new Date()): string {
  const fields = {
    id: i.id, type: i.type, subjectKind: i.subjectKind, subject: i.subject, region: i.region, sourceIp: i.sourceIp,
    startTime: i.startTime, endTime: i.endTime, eventCount: i.eventCount, summary: insightSummary(i), evidence: i.evidence,
  };
  return alertPayload("insight", rule, fields, `/insights/${i.id}`, insightEventFilters(i), now);
}
