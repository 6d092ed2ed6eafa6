/**
 * A titled card of a settings or detail page: its heading (`<id>-heading`, which names the section),
 * an optional line under it and actions on the right, then the body (a table, a list, a form).
 */
export function Panel({
  id,
  title,
  description,
  actions,
  className = "",
  children,
}: {
  id: string;
  title: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  const heading = (
    <>
      <h2 id={`${id}-heading`} className="font-semibold">
        {title}
      </h2>
      {description && <p className="text-slate-500">{description}</p>}
    </>
  );
  return (
    <section aria-labelledby={`${id}-heading`} className={`rounded-lg border border-slate-200 bg-white shadow-xs ${className}`}>
      {actions ? (
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <div>{heading}</div>
          {actions}
        </div>
      ) : (
        <div className="border-b border-slate-200 px-4 py-3">{heading}</div>
      )}
      {children}
    </section>
  );
}
