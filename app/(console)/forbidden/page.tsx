import { ShieldX } from "lucide-react";
import Link from "next/link";
import { getSessionUser } from "@/lib/auth/session";

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ need?: string }> }) {
  const [{ need }, user] = await Promise.all([searchParams, getSessionUser()]);
  return (
    <div className="mx-auto mt-16 max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-xs">
      <ShieldX className="mx-auto mb-3 size-10 text-red-500" aria-hidden />
      <h1 className="text-lg font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-slate-600">
        It needs the role {need ? need.split(",").join(" or ") : "admin"}; you are signed in as {user?.username} ({user?.role}).
      </p>
      <Link href="/events" className="mt-5 inline-block text-orange-700 hover:underline">
        Back to Event Detail Query
      </Link>
    </div>
  );
}
