"use client";

/** The designed error state of the insight and alert pages (their error.tsx boundaries). */
export function LoadError({ what, reset }: { what: string; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto mt-10 max-w-lg rounded-lg border border-red-200 bg-red-50 p-6 text-red-800">
      <p className="font-medium">Something went wrong while loading {what}.</p>
      <p className="mt-1 text-red-700">Nothing was lost. Try again; if it keeps happening, the server log has the details.</p>
      <button type="button" onClick={reset} className="mt-3 rounded-md bg-red-600 px-3 py-1.5 text-white hover:bg-red-700">
        Try again
      </button>
    </div>
  );
}
