/**
 * The console's sections as the navigation names them: the nav links and the first breadcrumb of
 * every page below a section read these, so a section is renamed or moved in one place. Plain data
 * (no "use client"), so server pages can read it too.
 */
export const SECTIONS = {
  dashboard: { href: "/dashboard", label: "Dashboard" },
  events: { href: "/events", label: "Event Detail Query" },
  insights: { href: "/insights", label: "Insights" },
  accessKeys: { href: "/access-keys", label: "AccessKey audit" },
  resources: { href: "/resources", label: "Resources" },
  trails: { href: "/trails", label: "Trails" },
  alerts: { href: "/alerts", label: "Alerts" },
  integrity: { href: "/integrity", label: "Integrity" },
  sensitiveActions: { href: "/settings/sensitive-actions", label: "Sensitive operations" },
  settings: { href: "/settings", label: "Settings" },
  apiDocs: { href: "/docs/api", label: "API reference" },
} as const;
