"use client";

/** The error boundary of the activity pages: what failed, that nothing changed, and a retry. */
export function ActivityError({ what, reset }: { what: string; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto mt-10 max-w-lg rounded-lg border border-red-200 bg-red-50 p-6 text-red-800">
      <p className="font-medium">The {what} could not be loaded.</p>
      <p className="mt-1 text-red-700">The store did not answer. Try again; if it keeps happening, the server log has the details.</p>
      <button type="button" onClick={reset} className="mt-3 rounded-md bg-red-600 px-3 py-1.5 text-white hover:bg-red-700">
        Try again
      </button>
    </div>
  );
}

/** Shown while an activity page's aggregates run (a busy user over 90 days takes a few hundred ms). */
export function ActivitySkeleton({ label }: { label: string }) {
  return (
    <div aria-busy="true" aria-label={label} className="mx-auto max-w-[1400px] space-y-4">
      <div className="h-6 w-64 animate-pulse rounded bg-slate-200" />
      <div className="h-20 animate-pulse rounded-lg bg-white shadow-xs" />
      <div className="h-64 animate-pulse rounded-lg bg-white shadow-xs" />
      <div className="h-40 animate-pulse rounded-lg bg-white shadow-xs" />
    </div>
  );
}
