/** The header row of the console's small plain tables; a column named "" is an unlabelled actions column. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead className="bg-slate-50 text-xs text-slate-500">
      <tr>
        {columns.map((label, i) => (
          <th key={label || `col-${i}`} scope="col" className="px-4 py-2 font-medium">
            {label || <span className="sr-only">Actions</span>}
          </th>
        ))}
      </tr>
    </thead>
  );
}
