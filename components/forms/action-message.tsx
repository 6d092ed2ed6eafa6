import type { ActionResult } from "@/lib/actions/action-result";

/**
 * What an action answered: a status on success, an alert on failure (`failuresOnly` for forms whose
 * success shows itself). With children (a secret shown once, a link) the message is a paragraph in a box.
 */
export function ActionMessage({
  state,
  failuresOnly = false,
  className = "",
  children,
}: {
  state: Pick<ActionResult<unknown>, "ok" | "message">;
  failuresOnly?: boolean;
  className?: string;
  children?: React.ReactNode;
}) {
  if (!state.message || (failuresOnly && state.ok)) return null;
  const role = state.ok ? "status" : "alert";
  const look = `rounded-md px-3 py-2 ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"} ${className}`;
  // `children` is undefined only when none are written: `{x && …}` that is false still asks for the box.
  if (children === undefined) {
    return (
      <p role={role} className={look}>
        {state.message}
      </p>
    );
  }
  return (
    <div role={role} className={look}>
      <p>{state.message}</p>
      {children}
    </div>
  );
}
