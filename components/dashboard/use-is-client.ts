"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False while server-rendering and hydrating, true after: local-time rendering waits for it. */
export function useIsClient(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
