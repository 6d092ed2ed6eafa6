import Link from "next/link";

export default function NotFound() {
  return (
    <main className="grid min-h-screen place-items-center">
      <div className="text-center">
        <h1 className="text-lg font-semibold">Page not found</h1>
        <Link href="/events" className="mt-2 inline-block text-orange-700 hover:underline">
          Go to Event Detail Query
        </Link>
      </div>
    </main>
  );
}
