/** One label and its value in a card of facts. */
export function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words">{children}</dd>
    </div>
  );
}

/** A fact row; `false` leaves out a fact that does not apply (`cond && { label, value }`). */
export type FactRow = { label: string; value: React.ReactNode } | false | undefined | "";

/**
 * A card of label/value pairs under a grid: a record's details (`facts`, drawn as `Fact`s) or a page's
 * summary strip (`children`, any `dt`/`dd` pairs). `columns` are the grid's column classes.
 */
export function FactsCard({
  label,
  columns,
  facts,
  children,
  footer,
}: {
  label: string;
  columns: string;
  facts?: FactRow[];
  children?: React.ReactNode;
  footer?: React.ReactNode;
}) {
  return (
    <section aria-label={label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
      <dl className={`grid gap-4 ${columns}`}>
        {facts?.map(
          (f) =>
            f && (
              <Fact key={f.label} label={f.label}>
                {f.value}
              </Fact>
            ),
        )}
        {children}
      </dl>
      {footer}
    </section>
  );
}
