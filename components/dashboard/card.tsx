import { useId } from "react";

/** A dashboard panel: a titled, bordered section that fills its grid cell. */
export function Card({
  title,
  note,
  actions,
  className = "",
  children,
}: {
  title: string;
  note?: React.ReactNode;
  actions?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={`flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white shadow-xs ${className}`}>
      <header className="flex min-h-13 flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-2">
        <div className="min-w-0">
          <h2 id={id} className="text-sm font-semibold text-slate-900">{title}</h2>
          {note && <p className="truncate text-xs text-slate-500">{note}</p>}
        </div>
        {actions}
      </header>
      <div className="flex-1 p-3">{children}</div>
    </section>
  );
}
