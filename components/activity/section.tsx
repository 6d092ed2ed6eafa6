/** A card with a heading; `count` says how many rows exist when the list shows only some. */
export function Section({
  title,
  note,
  children,
  className = "",
}: {
  title: string;
  note?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <section aria-label={title} className={`min-w-0 rounded-lg border border-slate-200 bg-white shadow-xs ${className}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-2.5">
        <h2 className="font-semibold text-slate-800">{title}</h2>
        {note && <p className="text-xs text-slate-500">{note}</p>}
      </div>
      {children}
    </section>
  );
}

export function EmptyRow({ children }: { children: React.ReactNode }) {
  return <p className="px-4 py-6 text-center text-slate-500">{children}</p>;
}

/** One figure of a page's summary strip. */
export function Stat({ label, children, small = false }: { label: string; children: React.ReactNode; small?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className={`mt-0.5 truncate text-slate-900 tabular-nums ${small ? "pt-1 font-medium" : "text-lg font-semibold"}`}>{children}</dd>
    </div>
  );
}
