import { AlertTriangle } from "lucide-react";

/**
 * The designed state of data that could not be loaded (the store did not answer, a route failed):
 * what failed, what to do, and any action to retry. One look for every page and panel.
 */
export function LoadFailed({
  title,
  hint = "The store did not answer. Try again in a moment; if it persists, check the server log.",
  className = "",
  children,
}: {
  title: string;
  hint?: string;
  className?: string;
  children?: React.ReactNode;
}) {
  return (
    <div role="alert" className={`flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-red-800 ${className}`}>
      <AlertTriangle className="mt-0.5 size-5 shrink-0" aria-hidden />
      <div>
        <p className="font-medium">{title}</p>
        <p className="text-red-700">{hint}</p>
        {children}
      </div>
    </div>
  );
}
