"use client";

import type { ReactNode } from "react";
import { Button } from "./button";

/**
 * The second step of a two-step removal: the form that sends it, what the caller puts first (its hidden
 * fields and a warning), the danger button ("Confirm delete KEY" to screen readers) and a way back.
 */
export function ConfirmForm({
  action,
  verb,
  busy,
  pending,
  subject,
  onCancel,
  className,
  children,
}: {
  action: (form: FormData) => void;
  /** "Delete", "Remove": the button's text; `busy` while pending ("Deleting…"). */
  verb: string;
  busy: string;
  pending: boolean;
  /** What is removed, as the button's accessible name ends. */
  subject: string;
  onCancel: () => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form action={action} className={className}>
      {children}
      <Button type="submit" variant="danger" disabled={pending} aria-label={`Confirm ${verb.toLowerCase()} ${subject}`}>
        {pending ? busy : verb}
      </Button>
      <Button type="button" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}
