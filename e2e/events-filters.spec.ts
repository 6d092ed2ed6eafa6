// Event Detail Query: every filter through the form (or the region control), all of them together,
// time-range presets, the 90-day limit of a custom window, and paging.
import { expect, test, type Page } from "@playwright/test";
import {
  craftEvent,
  expectParam,
  expectRows,
  filterForm,
  ingest,
  openEvents,
  rowToggle,
  rowToggles,
  searchWith,
  shot,
  uniqueIp,
  uniqueName,
  type CraftOptions,
} from "./fixtures";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function regionSelect(page: Page) {
  return page.getByRole("combobox", { name: "Region", exact: true });
}

async function chooseRegion(page: Page, region: string) {
  await regionSelect(page).selectOption(region);
  await expectParam(page, "region", region);
  await expect(regionSelect(page)).toHaveValue(region);
  await page.waitForLoadState("networkidle");
}

/** A datetime-local value in the browser's time zone. */
async function localInput(page: Page, ms: number): Promise<string> {
  return page.evaluate((t) => {
    const d = new Date(t);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, ms);
}

// One test per text filter: a target and a decoy that differ only in that field; the filter's value is
// unique to this run, so neither the demo data nor other tests can match it.
const TEXT_FILTER_CASES: {
  param: string;
  label: string;
  make: () => { target: Partial<CraftOptions>; decoy: Partial<CraftOptions> };
  value: (target: Record<string, unknown>, opts: Partial<CraftOptions>) => string;
}[] = [
  {
    param: "user",
    label: "Operator (username)",
    make: () => ({ target: { user: uniqueName("e2e-user-a") }, decoy: { user: uniqueName("e2e-user-b") } }),
    value: (_, o) => o.user!,
  },
  {
    param: "service",
    label: "Service Name",
    make: () => ({ target: { service: uniqueName("E2eSvcA") }, decoy: { service: uniqueName("E2eSvcB") } }),
    value: (_, o) => o.service!,
  },
  {
    param: "eventName",
    label: "Event Name",
    make: () => ({ target: { eventName: uniqueName("E2eNameA") }, decoy: { eventName: uniqueName("E2eNameB") } }),
    value: (_, o) => o.eventName!,
  },
  {
    param: "resourceType",
    label: "Resource Type",
    make: () => {
      const name = uniqueName("res");
      return { target: { resource: { type: uniqueName("ACS::E2E::TypeA"), name } }, decoy: { resource: { type: uniqueName("ACS::E2E::TypeB"), name } } };
    },
    value: (_, o) => o.resource!.type,
  },
  {
    param: "resourceName",
    label: "Resource Name",
    make: () => ({
      target: { resource: { type: "ACS::ECS::Instance", name: uniqueName("i-e2e-a") } },
      decoy: { resource: { type: "ACS::ECS::Instance", name: uniqueName("i-e2e-b") } },
    }),
    value: (_, o) => o.resource!.name,
  },
  {
    param: "accessKeyId",
    label: "AccessKey ID",
    make: () => ({ target: { accessKeyId: uniqueName("LTAI5tE2eA") }, decoy: { accessKeyId: uniqueName("LTAI5tE2eB") } }),
    value: (_, o) => o.accessKeyId!,
  },
  {
    param: "sourceIp",
    label: "Source IP",
    make: () => {
      const a = uniqueIp();
      let b = uniqueIp();
      while (b === a) b = uniqueIp();
      return { target: { sourceIp: a }, decoy: { sourceIp: b } };
    },
    value: (_, o) => o.sourceIp!,
  },
  {
    param: "errorCode",
    label: "Error code",
    make: () => ({ target: { errorCode: uniqueName("E2E.DeniedA") }, decoy: { errorCode: uniqueName("E2E.DeniedB") } }),
    value: (_, o) => o.errorCode!,
  },
  {
    param: "roleName",
    label: "Role Name",
    make: () => {
      const assumed = (role: string) => ({ extra: { userIdentity: { type: "assumed-role", principalId: "3:s", userName: `${role}/e2e`, sessionContext: { sessionIssuer: { type: "role", userName: role } } } } });
      return { target: assumed(uniqueName("E2eRoleA")), decoy: assumed(uniqueName("E2eRoleB")) };
    },
    value: (t) => String(((t.userIdentity as Record<string, unknown>).sessionContext as { sessionIssuer: { userName: string } }).sessionIssuer.userName),
  },
  {
    param: "eventId",
    label: "Event ID",
    make: () => ({ target: {}, decoy: {} }),
    value: (t) => String(t.eventId),
  },
];

for (const c of TEXT_FILTER_CASES) {
  test(`filter by ${c.label} (${c.param})`, async ({ page, request }) => {
    const user = uniqueName("e2e-filter");
    const { target: to, decoy: d } = c.make();
    const target = craftEvent({ user, ...to });
    const decoy = craftEvent({ user, agoMs: 61_000, ...d });
    await ingest(request, [target, decoy]);
    await openEvents(page);
    const value = c.value(target, to);
    await searchWith(page, { [c.label]: value });
    await expectParam(page, c.param, value);
    await expectParam(page, "region", "cn-hangzhou");
    await expectRows(page, [target], [decoy]);
    // The form shows the condition it ran with.
    await expect(filterForm(page).getByLabel(c.label, { exact: true })).toHaveValue(value);
    if (c.param === "roleName") await shot(page, "filters-role-name");
  });
}

test("error code * lists only the failed events", async ({ page, request }) => {
  const user = uniqueName("e2e-err-any");
  const failed = craftEvent({ user, errorCode: "Forbidden.RAM" });
  const ok = craftEvent({ user, agoMs: 61_000 });
  await ingest(request, [failed, ok]);
  await openEvents(page);
  await searchWith(page, { "Operator (username)": user, "Error code": "*" });
  await expectParam(page, "errorCode", "*");
  await expectRows(page, [failed], [ok]);
});

test("filter by Read/Write Type", async ({ page, request }) => {
  const user = uniqueName("e2e-rw");
  const read = craftEvent({ user, eventRW: "Read", eventName: uniqueName("E2eDescribe") });
  const write = craftEvent({ user, eventRW: "Write", eventName: uniqueName("E2eModify"), agoMs: 61_000 });
  await ingest(request, [read, write]);
  await openEvents(page);

  await test.step("Read", async () => {
    await filterForm(page).getByLabel("Read/Write Type").selectOption("Read");
    await searchWith(page, { "Operator (username)": user });
    await expectParam(page, "eventRW", "Read");
    await expectParam(page, "user", user);
    await expectRows(page, [read], [write]);
  });
  await test.step("Write", async () => {
    await filterForm(page).getByLabel("Read/Write Type").selectOption("Write");
    await filterForm(page).getByRole("button", { name: "Search" }).click();
    await expectParam(page, "eventRW", "Write");
    await expectRows(page, [write], [read]);
  });
  await test.step("All", async () => {
    await filterForm(page).getByLabel("Read/Write Type").selectOption("");
    await filterForm(page).getByRole("button", { name: "Search" }).click();
    await expectParam(page, "eventRW", null);
    await expectRows(page, [read, write]);
  });
});

test("Sensitive Operation only", async ({ page, request }) => {
  const user = uniqueName("e2e-sensitive");
  const flagged = craftEvent({ user, sensitive: true, eventName: uniqueName("E2eFlagged") });
  const catalogued = craftEvent({ user, eventName: "DeleteInstance", agoMs: 61_000 });
  const plain = craftEvent({ user, eventName: uniqueName("E2ePlain"), agoMs: 62_000 });
  await ingest(request, [flagged, catalogued, plain]);
  await openEvents(page);
  await filterForm(page).getByLabel("Sensitive Operation only").check();
  await searchWith(page, { "Operator (username)": user });
  await expectParam(page, "sensitive", "true");
  await expectRows(page, [flagged, catalogued], [plain]);
  await expect(filterForm(page).getByLabel("Sensitive Operation only")).toBeChecked();
  await expect(rowToggles(page)).toHaveCount(2);
  await expect(page.getByRole("table").getByText("Sensitive", { exact: true })).toHaveCount(2);
});

test("region: the top-bar selector, with global events only under ap-southeast-1", async ({ page, request }) => {
  const user = uniqueName("e2e-region");
  const shanghai = craftEvent({ user, region: "cn-shanghai", eventName: uniqueName("E2eShanghai") });
  const global = craftEvent({ user, region: "cn-beijing", isGlobal: true, service: "Ram", eventName: uniqueName("E2eGlobal"), agoMs: 61_000 });
  const hangzhou = craftEvent({ user, region: "cn-hangzhou", eventName: uniqueName("E2eHangzhou"), agoMs: 62_000 });
  await ingest(request, [shanghai, global, hangzhou]);
  await openEvents(page, { user });

  await test.step("default region cn-hangzhou", async () => {
    await expect(regionSelect(page)).toHaveValue("cn-hangzhou");
    await expectRows(page, [hangzhou], [shanghai, global]);
  });
  await test.step("cn-shanghai keeps the user filter", async () => {
    await chooseRegion(page, "cn-shanghai");
    await expectParam(page, "user", user);
    await expectRows(page, [shanghai], [hangzhou, global]);
  });
  await test.step("the global event is under ap-southeast-1", async () => {
    await chooseRegion(page, "ap-southeast-1");
    await expectRows(page, [global], [hangzhou, shanghai]);
  });
  await test.step("and not under its acsRegion", async () => {
    await chooseRegion(page, "cn-beijing");
    await expectRows(page, []);
  });
  await test.step("a search keeps the chosen region", async () => {
    await chooseRegion(page, "cn-shanghai");
    await searchWith(page, { "Event Name": String(shanghai.eventName) });
    await expectParam(page, "region", "cn-shanghai");
    await expectRows(page, [shanghai]);
  });
});

test("time range presets", async ({ page, request }) => {
  const user = uniqueName("e2e-range");
  const [m30, h3, d3, d20, d60] = [30 * 60_000, 3 * HOUR, 3 * DAY, 20 * DAY, 60 * DAY].map((agoMs) =>
    craftEvent({ user, agoMs, eventName: uniqueName("E2eRange") }),
  );
  await ingest(request, [m30, h3, d3, d20, d60]);
  await openEvents(page);
  await filterForm(page).getByLabel("Operator (username)").fill(user);

  const cases = [
    { label: "1 h", param: "1h", shown: [m30], hidden: [h3, d3, d20, d60] },
    { label: "7 d", param: "7d", shown: [m30, h3, d3], hidden: [d20, d60] },
    { label: "30 d", param: "30d", shown: [m30, h3, d3, d20], hidden: [d60] },
    { label: "90 d", param: "90d", shown: [m30, h3, d3, d20, d60], hidden: [] },
    // 24 hours is the default window: it leaves no range parameter in the URL.
    { label: "24 h", param: null, shown: [m30, h3], hidden: [d3, d20, d60] },
  ];
  for (const c of cases) {
    await test.step(c.label, async () => {
      await filterForm(page).getByRole("button", { name: c.label, exact: true }).click();
      await expectParam(page, "range", c.param);
      await expectParam(page, "user", user);
      await expect(filterForm(page).getByRole("button", { name: c.label, exact: true })).toHaveAttribute("aria-pressed", "true");
      await expectRows(page, c.shown, c.hidden);
    });
  }
});

test("a custom window: over 90 days is refused, a valid one applies", async ({ page, request }) => {
  const user = uniqueName("e2e-custom");
  const d2 = craftEvent({ user, agoMs: 2 * DAY, eventName: uniqueName("E2eTwoDays") });
  const d5 = craftEvent({ user, agoMs: 5 * DAY, eventName: uniqueName("E2eFiveDays") });
  await ingest(request, [d2, d5]);
  await openEvents(page, { user });
  const form = filterForm(page);

  await test.step("a start 100 days ago shows an alert and does not navigate", async () => {
    await form.getByRole("button", { name: "Custom", exact: true }).click();
    await expect(form.getByLabel("Start", { exact: true })).toBeVisible();
    const before = page.url();
    await form.getByLabel("Start", { exact: true }).fill(await localInput(page, Date.now() - 100 * DAY));
    await form.getByLabel("End", { exact: true }).fill(await localInput(page, Date.now() - DAY));
    await form.getByRole("button", { name: "Search" }).click();
    await expect(form.getByRole("alert")).toContainText("90 days");
    await shot(page, "filters-custom-90-days");
    expect(page.url()).toBe(before);
  });

  await test.step("3 days ago to 1 day ago lists the 2-day-old event only", async () => {
    await form.getByLabel("Start", { exact: true }).fill(await localInput(page, Date.now() - 3 * DAY));
    await form.getByLabel("End", { exact: true }).fill(await localInput(page, Date.now() - DAY));
    await form.getByRole("button", { name: "Search" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("start")).not.toBeNull();
    await expectParam(page, "user", user);
    const start = Date.parse(new URL(page.url()).searchParams.get("start")!);
    const end = Date.parse(new URL(page.url()).searchParams.get("end") ?? "");
    expect(Math.abs(start - (Date.now() - 3 * DAY))).toBeLessThan(5 * 60_000);
    expect(Math.abs(end - (Date.now() - DAY))).toBeLessThan(5 * 60_000);
    await expectRows(page, [d2], [d5]);
  });
});

test("all filters together, and Reset", async ({ page, request }) => {
  const region = "cn-shenzhen";
  const match: CraftOptions = {
    user: uniqueName("e2e-all"),
    service: uniqueName("E2eSvc"),
    eventName: uniqueName("E2eAll"),
    resource: { type: uniqueName("ACS::E2E::Type"), name: uniqueName("r-e2e") },
    accessKeyId: uniqueName("LTAI5tE2eAll"),
    sourceIp: uniqueIp(),
    errorCode: uniqueName("E2E.Failed"),
    eventRW: "Read",
    sensitive: true,
    region,
    agoMs: 2 * HOUR,
  };
  const target = craftEvent(match);
  // Each decoy differs from the target in exactly one condition (and in time, by a second, so rows differ).
  const variants: [string, Partial<CraftOptions>][] = [
    ["user", { user: uniqueName("e2e-all-other") }],
    ["service", { service: uniqueName("E2eSvcOther") }],
    ["eventName", { eventName: uniqueName("E2eAllOther") }],
    ["resourceType", { resource: { type: uniqueName("ACS::E2E::Other"), name: match.resource!.name } }],
    ["resourceName", { resource: { type: match.resource!.type, name: uniqueName("r-e2e-other") } }],
    ["accessKeyId", { accessKeyId: uniqueName("LTAI5tE2eOther") }],
    ["sourceIp", { sourceIp: uniqueIp() }],
    ["errorCode", { errorCode: uniqueName("E2E.Other") }],
    ["eventRW", { eventRW: "Write" }],
    ["sensitive", { sensitive: false }],
    ["region", { region: "cn-guangzhou" }],
    ["time", { agoMs: 3 * DAY }],
  ];
  const decoys = variants.map(([, v], i) => craftEvent({ ...match, agoMs: match.agoMs! + (i + 1) * 1_000, ...v }));
  await ingest(request, [target, ...decoys]);

  await openEvents(page);
  await chooseRegion(page, region);
  const form = filterForm(page);
  const fields: Record<string, string> = {
    "Operator (username)": match.user,
    "Service Name": match.service!,
    "Event Name": match.eventName!,
    "Resource Type": match.resource!.type,
    "Resource Name": match.resource!.name,
    "AccessKey ID": match.accessKeyId!,
    "Source IP": match.sourceIp!,
    "Error code": match.errorCode!,
  };

  await test.step("every condition applies", async () => {
    await form.getByLabel("Read/Write Type").selectOption("Read");
    await form.getByLabel("Sensitive Operation only").check();
    await searchWith(page, fields);
    const expected: Record<string, string> = {
      region,
      user: match.user,
      service: match.service!,
      eventName: match.eventName!,
      resourceType: match.resource!.type,
      resourceName: match.resource!.name,
      accessKeyId: match.accessKeyId!,
      sourceIp: match.sourceIp!,
      errorCode: match.errorCode!,
      eventRW: "Read",
      sensitive: "true",
    };
    for (const [k, v] of Object.entries(expected)) await expectParam(page, k, v);
    await expectRows(page, [target], decoys);
    await shot(page, "filters-all-together");
  });

  await test.step("adding the target's Event ID still finds it; a decoy's finds nothing", async () => {
    await searchWith(page, { "Event ID": String(target.eventId) });
    await expectParam(page, "eventId", String(target.eventId));
    await expectRows(page, [target]);
    await searchWith(page, { "Event ID": String(decoys[0].eventId) });
    await expectParam(page, "eventId", String(decoys[0].eventId));
    await expectRows(page, []);
  });

  await test.step("Reset clears the conditions and keeps the region", async () => {
    await form.getByRole("button", { name: "Reset" }).click();
    await expectParam(page, "user", null);
    await expect.poll(() => [...new URL(page.url()).searchParams.keys()]).toEqual(["region"]);
    await expectParam(page, "region", region);
    await expect(form.getByLabel("Operator (username)")).toHaveValue("");
    await expect(form.getByLabel("Sensitive Operation only")).not.toBeChecked();
  });
});

test("paging: 50 rows a page, Next and Previous, and a region change drops the cursor", async ({ page, request }) => {
  const user = uniqueName("e2e-paging");
  // Newest first: events[0] is the newest.
  const events = Array.from({ length: 60 }, (_, i) => craftEvent({ user, agoMs: 60_000 + i * 1_000, eventName: `E2ePage${String(i).padStart(2, "0")}` }));
  const shanghai = craftEvent({ user, region: "cn-shanghai", eventName: uniqueName("E2ePagingShanghai") });
  await ingest(request, [...events, shanghai]);
  await openEvents(page);
  await searchWith(page, { "Operator (username)": user });
  const pagination = page.getByRole("navigation", { name: "Pagination" });

  await test.step("page 1", async () => {
    await expectParam(page, "user", user);
    await expect(rowToggles(page)).toHaveCount(50);
    await expect(rowToggles(page).first()).toHaveAccessibleName(new RegExp(`^Details of ${events[0].eventName} at`));
    await expect(rowToggles(page).last()).toHaveAccessibleName(new RegExp(`^Details of ${events[49].eventName} at`));
    await expect(pagination.getByRole("link", { name: "Previous" })).toHaveCount(0);
  });
  await test.step("Next shows the other 10", async () => {
    await pagination.getByRole("link", { name: "Next" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("cursor")).not.toBeNull();
    await expectRows(page, events.slice(50), events.slice(0, 50));
    await expect(pagination.getByRole("link", { name: "Next" })).toHaveCount(0);
    await shot(page, "filters-paging-page-2");
  });
  await test.step("Previous returns to the first 50", async () => {
    await pagination.getByRole("link", { name: "Previous" }).click();
    await expect(rowToggles(page)).toHaveCount(50);
    await expect(rowToggle(page, events[0])).toBeVisible();
    await expect(rowToggle(page, events[49])).toBeVisible();
    await expect(rowToggle(page, events[50])).toHaveCount(0);
  });
  await test.step("changing the region keeps the filters and starts from the first page", async () => {
    await pagination.getByRole("link", { name: "Next" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("cursor")).not.toBeNull();
    await expect(rowToggles(page)).toHaveCount(10);
    await chooseRegion(page, "cn-shanghai");
    await expectParam(page, "cursor", null);
    await expectParam(page, "user", user);
    await expectRows(page, [shanghai], events);
  });
});
