import { CopyButton } from "./copy-button";

/** A value shown once (a token, a signing secret, an AccessKey pair) beside a button that copies it exactly. */
export function SecretValue({
  text,
  testId,
  copyLabel,
  as: Tag = "div",
  className = "flex items-center gap-2",
}: {
  text: string;
  testId?: string;
  copyLabel?: string;
  as?: "div" | "dd";
  className?: string;
}) {
  return (
    <Tag className={className}>
      <code data-testid={testId} className="rounded bg-white px-2 py-1 font-mono text-xs break-all">
        {text}
      </code>
      <CopyButton text={text} label={copyLabel} />
    </Tag>
  );
}
