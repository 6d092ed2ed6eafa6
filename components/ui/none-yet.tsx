import { Plus } from "lucide-react";
import { ButtonLink } from "./button";

/** The create button of a list page, in its header and in its empty state. */
export function CreateLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <ButtonLink href={href} variant="primary" icon={Plus}>
      {children}
    </ButtonLink>
  );
}

/**
 * The empty state of a list page: nothing yet, why one would add some, and the way to add one for
 * those who may (`create`), or who can (an administrator) for those who may not.
 */
export function NoneYet({ title, create, children }: { title: string; create?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="px-6 py-14 text-center">
      <p className="font-medium">{title}</p>
      <p className="mx-auto mt-1 max-w-md text-slate-500">{children}</p>
      {create ? <div className="mt-4">{create}</div> : <p className="mt-3 text-slate-500">An administrator can create one.</p>}
    </div>
  );
}
