"use client";

import { LoadFailed } from "./load-failed";

/** The designed error state of a console route (the error.tsx boundary): what failed, and a retry. */
export function RouteError({ what, reset }: { what: string; reset: () => void }) {
  return (
    <LoadFailed
      title={`Something went wrong while loading ${what}.`}
      hint="Nothing was lost. Try again; if it keeps happening, the server log has the details."
      className="mx-auto mt-10 max-w-lg"
    >
      <button type="button" onClick={reset} className="mt-3 rounded-md bg-red-600 px-3 py-1.5 text-white hover:bg-red-700">
        Try again
      </button>
    </LoadFailed>
  );
}
