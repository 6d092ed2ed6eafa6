// digest public-key | rotate-key — the keys that sign the digests (docs/integrity.md "Keys").
import { publicKeysText, rotateSigningKey } from "@/lib/integrity/keys";
import { cliActor, parseCommandArgs } from "./common";

/** The current public key's PEM (--all: every key, retired ones too), each after a `# key id` line. */
export async function digestPublicKey(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, { all: { type: "boolean", default: false } });
  process.stdout.write(await publicKeysText({ all: values.all }));
}

export async function digestRotateKey(args: string[]): Promise<void> {
  parseCommandArgs(args, {});
  const { retired, current } = await rotateSigningKey({ actor: cliActor() });
  console.log(`Retired signing key ${retired.join(", ") || "(none)"}; new digests are signed with key ${current}.`);
  console.log("Digests signed before stay verifiable with the retired key: give auditors `digest public-key --all`.");
}
