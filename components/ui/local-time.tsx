"use client";

import { format } from "date-fns";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * A UTC instant shown in the viewer's time zone, with the UTC time on hover. The server renders UTC;
 * the browser switches to local time after hydration (so the two never disagree mid-hydration).
 */
export function LocalTime({ iso, withSeconds = true }: { iso: string; withSeconds?: boolean }) {
  const isClient = useSyncExternalStore(subscribe, () => true, () => false);
  const date = new Date(iso);
  const utc = `${iso.replace("T", " ").replace(/\.\d+Z$/, "").replace("Z", "")} UTC`;
  const text = isClient ? format(date, withSeconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm") : utc;
  return (
    <time dateTime={iso} title={utc} className="tabular-nums">
      {text}
    </time>
  );
}

/** The viewer's UTC offset, e.g. "UTC+08:00", once in the browser; "UTC" while server-rendered. */
export function LocalZone() {
  const isClient = useSyncExternalStore(subscribe, () => true, () => false);
  return <>{isClient ? `UTC${format(new Date(), "xxx")}` : "UTC"}</>;
}
