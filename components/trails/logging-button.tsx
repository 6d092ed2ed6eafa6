import { Play, Square } from "lucide-react";
import { setLoggingAction } from "@/lib/actions/trails";
import { Button } from "@/components/ui/button";

/** Start or Stop logging (admins only: the caller decides whether to render it; the action checks too). */
export function LoggingButton({ name, isLogging }: { name: string; isLogging: boolean }) {
  return (
    <form action={setLoggingAction}>
      <input type="hidden" name="name" value={name} />
      <input type="hidden" name="logging" value={isLogging ? "stop" : "start"} />
      {isLogging ? (
        <Button type="submit" variant="secondary">
          <Square className="size-3.5" aria-hidden /> Stop logging
        </Button>
      ) : (
        <Button type="submit">
          <Play className="size-3.5" aria-hidden /> Start logging
        </Button>
      )}
    </form>
  );
}
