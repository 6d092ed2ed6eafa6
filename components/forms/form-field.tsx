import { Field, Input, Select } from "@/components/ui/input";

/**
 * A labelled control. A field that can be refused passes `error` (even while it is undefined): the
 * control is then tied to its message by `<id>-error` and marked invalid while there is one.
 */
type FieldProps = { label: string; id: string; error?: string; className?: string; inputClassName?: string };

function errorWiring(props: { id: string; error?: string }) {
  return "error" in props ? { errorId: `${props.id}-error`, control: { "aria-invalid": !!props.error, "aria-describedby": `${props.id}-error` } } : { control: {} };
}

export function TextField(props: FieldProps & Omit<React.InputHTMLAttributes<HTMLInputElement>, "id" | "className">) {
  const { label, id, error, className, inputClassName, ...input } = props;
  const wiring = errorWiring(props);
  return (
    <Field label={label} htmlFor={id} error={error} errorId={wiring.errorId} className={className}>
      <Input id={id} className={inputClassName} {...wiring.control} {...input} />
    </Field>
  );
}

/** A select of plain values, each its own label (roles, usernames). */
export function SelectField(props: FieldProps & { options: readonly string[] } & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "id" | "className" | "children">) {
  const { label, id, error, className, inputClassName, options, ...select } = props;
  const wiring = errorWiring(props);
  return (
    <Field label={label} htmlFor={id} error={error} errorId={wiring.errorId} className={className}>
      <Select id={id} className={inputClassName} {...wiring.control} {...select}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </Select>
    </Field>
  );
}
