"use client";

import { ChevronRight } from "lucide-react";

/** The chevron that opens a table row's details (event tables, timelines). */
export function ExpandToggle({ expanded, onToggle, label }: { expanded: boolean; onToggle: () => void; label: string }) {
  return (
    <button type="button" onClick={onToggle} aria-expanded={expanded} aria-label={label} title="Details" className="grid size-7 place-items-center rounded hover:bg-slate-200">
      <ChevronRight className={`size-4 transition-transform ${expanded ? "rotate-90" : ""}`} aria-hidden />
    </button>
  );
}
