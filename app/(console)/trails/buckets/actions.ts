"use server";
// Bucket changes from the console (admins only). The S3 secret is write-only: it is sealed on the way in
// and never sent back to the browser, not even in a failed form's values.
import { revalidatePath } from "next/cache";
import { CAN, consoleActor, requireUser } from "@/lib/auth/session";
import { createBucket, deleteBucket, updateBucket } from "@/lib/trails/buckets";
import { TrailInputError } from "@/lib/trails/errors";
import type { FieldErrors } from "@/lib/trails/rules";
import { UserInputError } from "@/lib/users/users";

export interface BucketFormValues {
  name: string;
  kind: "local" | "s3";
  endpoint: string;
  region: string;
  accessKeyId: string;
  forcePathStyle: boolean;
}

export interface BucketActionState {
  ok?: boolean;
  message?: string;
  errors?: FieldErrors;
  values?: BucketFormValues;
}

function readBucketForm(form: FormData): BucketFormValues & { secret: string } {
  const s = (k: string) => String(form.get(k) ?? "").trim();
  return {
    name: s("name"),
    kind: s("kind") === "s3" ? "s3" : "local",
    endpoint: s("endpoint"),
    region: s("region"),
    accessKeyId: s("accessKeyId"),
    forcePathStyle: form.get("forcePathStyle") === "on",
    secret: String(form.get("secret") ?? ""),
  };
}

function failure(e: unknown, values: BucketFormValues | undefined, what: string): BucketActionState {
  if (e instanceof TrailInputError) return { ok: false, message: e.fieldErrors.form?.[0] ?? "Check the highlighted fields.", errors: e.fieldErrors, values };
  if (e instanceof UserInputError) return { ok: false, message: e.message, values };
  console.error(`[buckets] ${what} failed`, e);
  return { ok: false, message: `The bucket could not be ${what}. Try again.`, values };
}

export async function saveBucketAction(_prev: BucketActionState, form: FormData): Promise<BucketActionState> {
  const user = await requireUser(CAN.manageTrails);
  const { secret, ...values } = readBucketForm(form);
  const editing = form.get("mode") === "edit";
  const input = { ...values, secret: secret || undefined };
  try {
    const actor = await consoleActor(user);
    if (editing) await updateBucket(values.name, input, { actor });
    else await createBucket(input, { actor });
  } catch (e) {
    return failure(e, values, editing ? "updated" : "created");
  }
  revalidatePath("/trails/buckets");
  return { ok: true, message: `${editing ? "Updated" : "Created"} bucket ${values.name}.` };
}

export async function deleteBucketAction(_prev: BucketActionState, form: FormData): Promise<BucketActionState> {
  const user = await requireUser(CAN.manageTrails);
  const name = String(form.get("name") ?? "");
  try {
    await deleteBucket(name, { actor: await consoleActor(user) });
  } catch (e) {
    if (e instanceof TrailInputError) return { ok: false, message: e.fieldErrors.name?.[0] ?? e.message };
    return failure(e, undefined, "deleted");
  }
  revalidatePath("/trails/buckets");
  return { ok: true, message: `Deleted bucket ${name}.` };
}
