"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the server components of the page every `seconds`, while the tab is visible. */
export function AutoRefresh({ seconds = 5 }: { seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1000);
    return () => clearInterval(id);
  }, [router, seconds]);
  return (
    <span className="text-xs text-slate-500" aria-live="off">
      Refreshes every {seconds} s
    </span>
  );
}
