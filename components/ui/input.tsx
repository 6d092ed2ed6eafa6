export const INPUT_CLASS =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus:border-orange-500 focus:ring-1 focus:ring-orange-500 focus:outline-none aria-invalid:border-red-500";

export function Input({ className = "", ...props }: React.InputHTMLAttributes<HTMLInputElement>) {
  return <input className={`${INPUT_CLASS} ${className}`} {...props} />;
}

export function Select({ className = "", ...props }: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={`${INPUT_CLASS} pr-8 ${className}`} {...props} />;
}

/** A label above its control, with an optional error tied to it by id. */
export function Field({
  label,
  htmlFor,
  error,
  errorId,
  children,
  className = "",
}: {
  label: string;
  htmlFor: string;
  error?: string;
  errorId?: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
      {error && (
        <p id={errorId} className="mt-1 text-xs wrap-anywhere text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
