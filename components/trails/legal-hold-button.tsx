import { Lock, LockOpen } from "lucide-react";
import { setLegalHoldAction } from "@/lib/actions/trails";
import { Button } from "@/components/ui/button";

/** Set or lift the log store's legal hold (admins only: the caller decides whether to render it; the action checks too). */
export function LegalHoldButton({ name, legalHold }: { name: string; legalHold: boolean }) {
  return (
    <form action={setLegalHoldAction}>
      <input type="hidden" name="name" value={name} />
      <input type="hidden" name="legalHold" value={legalHold ? "off" : "on"} />
      <Button type="submit" variant="secondary">
        {legalHold ? <LockOpen className="size-3.5" aria-hidden /> : <Lock className="size-3.5" aria-hidden />}
        {legalHold ? "Lift legal hold" : "Set legal hold"}
      </Button>
    </form>
  );
}
