import { Footprints } from "lucide-react";

export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <span className="grid size-7 place-items-center rounded-md bg-orange-500 text-white">
        <Footprints className="size-4" aria-hidden />
      </span>
      Trailkeeper
    </span>
  );
}
