"use server";
// Bucket changes from the console (admins). lib/trails/buckets.ts checks and records them. The S3 secret
// is write-only: it is sealed on the way in and never sent back to the browser, not even in a refused
// form's values.
import { CAN } from "@/lib/auth/roles";
import { createBucket, deleteBucket, updateBucket } from "@/lib/trails/buckets";
import { formAction, text } from "./action-client";

export interface BucketFormValues {
  name: string;
  kind: "local" | "s3";
  endpoint: string;
  region: string;
  accessKeyId: string;
  forcePathStyle: boolean;
}

function readBucketForm(form: FormData): { values: BucketFormValues; secret: string; editing: boolean } {
  const s = (k: string) => text(form, k).trim();
  return {
    values: {
      name: s("name"),
      kind: s("kind") === "s3" ? "s3" : "local",
      endpoint: s("endpoint"),
      region: s("region"),
      accessKeyId: s("accessKeyId"),
      forcePathStyle: form.get("forcePathStyle") === "on",
    },
    secret: text(form, "secret"),
    editing: form.get("mode") === "edit",
  };
}

export const saveBucketAction = formAction({
  name: "saveBucket",
  roles: CAN.manageTrails,
  read: readBucketForm,
  run: ({ values, secret, editing }, { actor }) => {
    const input = { ...values, secret: secret || undefined };
    return editing ? updateBucket(values.name, input, { actor }) : createBucket(input, { actor });
  },
  echo: ({ values }) => values,
  done: (_, { values, editing }) => `${editing ? "Updated" : "Created"} bucket ${values.name}.`,
  failure: ({ editing }) => `The bucket could not be ${editing ? "updated" : "created"}. Try again.`,
  revalidate: ["/trails/buckets"],
});

export const deleteBucketAction = formAction({
  name: "deleteBucket",
  roles: CAN.manageTrails,
  read: (form) => ({ name: text(form, "name") }),
  run: ({ name }, { actor }) => deleteBucket(name, { actor }),
  done: (_, { name }) => `Deleted bucket ${name}.`,
  failure: "The bucket could not be deleted. Try again.",
  // The row shows one message, no fields.
  fieldsShown: false,
  revalidate: ["/trails/buckets"],
});
