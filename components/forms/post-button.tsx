import { Button } from "@/components/ui/button";

type ButtonProps = React.ComponentProps<typeof Button>;

/**
 * A form that is one button: it posts `fields` (as hidden inputs) to `action`. While `pending` the
 * button is disabled and reads `pendingLabel`; `onSubmit` may cancel the post (a confirmation).
 */
export function PostButton({
  action,
  fields,
  pending,
  pendingLabel,
  onSubmit,
  children,
  ...button
}: {
  action: (form: FormData) => void | Promise<void>;
  fields: Record<string, string | number>;
  pending?: boolean;
  pendingLabel?: string;
  onSubmit?: React.FormEventHandler<HTMLFormElement>;
} & Omit<ButtonProps, "type" | "disabled" | "onSubmit">) {
  return (
    <form action={action} onSubmit={onSubmit}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" disabled={pending} {...button}>
        {pending && pendingLabel ? pendingLabel : children}
      </Button>
    </form>
  );
}
