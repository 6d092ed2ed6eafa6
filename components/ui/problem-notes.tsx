/** What a page made of URL parameters it could not use ("start is not a date; showing the last 24 hours"). */
export function ProblemNotes({ problems }: { problems: readonly string[] }) {
  if (!problems.length) return null;
  return (
    <ul role="status" className="space-y-0.5 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}
