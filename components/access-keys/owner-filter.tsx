"use client";

import { usePathname, useRouter } from "next/navigation";
import { Select } from "@/components/ui/input";
import { ALL_USERS } from "./scope";


/** Admins only: whose AccessKeys the page lists; the choice lives in the URL (?user=NAME or ?user=*). */
export function OwnerFilter({ users, value, self }: { users: string[]; value: string; self: string }) {
  const router = useRouter();
  const pathname = usePathname();
  function choose(next: string) {
    router.replace(next === self ? pathname : `${pathname}?user=${encodeURIComponent(next)}`);
  }
  return (
    <label className="flex items-center gap-2 text-sm whitespace-nowrap text-slate-600">
      Show keys of
      <Select value={value} onChange={(e) => choose(e.target.value)} className="w-56!">
        <option value={self}>{self} (you)</option>
        <option value={ALL_USERS}>All users</option>
        {users
          .filter((u) => u !== self)
          .map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
      </Select>
    </label>
  );
}
