import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { ActionsTable, ErrorsTable } from "@/components/docs/api-tables";
import { CopyButton } from "@/components/ui/copy-button";
import { PageShell } from "@/components/ui/page-shell";
import { requireUser } from "@/lib/auth/session";
import { API_VERSION } from "@/lib/openapi/handle";
import { ACTION_GROUPS } from "@/lib/openapi/actions/define";
import { ACTION_DOCS, ERROR_DOCS, aliyunCliExample, curlExample, nodeExample, nodeV2Example, rolesOf } from "@/lib/openapi/reference";

export const metadata: Metadata = { title: "API reference" };

const PLACEHOLDER = { accessKeyId: "<AccessKeyId>", accessKeySecret: "<AccessKeySecret>" };

/** The origin the browser reached us on, so the examples can be pasted as they are. */
async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "127.0.0.1:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

function Example({ title, code, note }: { title: string; code: string; note: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-xs" aria-label={`${title} example`}>
      <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-2">
        <div>
          <h3 className="font-medium">{title}</h3>
          <p className="text-xs text-slate-500">{note}</p>
        </div>
        <CopyButton text={code} />
      </div>
      <pre className="overflow-x-auto bg-slate-950 px-4 py-3 font-mono text-xs leading-relaxed text-slate-100">{code}</pre>
    </section>
  );
}

export default async function ApiReferencePage() {
  await requireUser();
  const base = await origin();
  const x = { origin: base, ...PLACEHOLDER };
  return (
    <PageShell
      width="xl"
      title="API reference"
      description="Scripts, SIEMs and the official Alibaba Cloud SDKs and CLI use Trailkeeper as they use ActionTrail: point them at this endpoint."
    >

      <section aria-label="Endpoint" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <p className="text-xs font-medium text-slate-500 uppercase">Endpoint</p>
          <p className="font-mono text-xs break-all">{base}/openapi</p>
          <p className="text-xs text-slate-500">The bare host works too.</p>
        </div>
        <div>
          <p className="text-xs font-medium text-slate-500 uppercase">Style</p>
          <p>RPC, Version {API_VERSION}</p>
          <p className="text-xs text-slate-500">GET query or form POST; Format JSON or XML.</p>
        </div>
        <div>
          <p className="text-xs font-medium text-slate-500 uppercase">Signature</p>
          <p>ACS3-HMAC-SHA256 or v1.0 HMAC-SHA1</p>
          <p className="text-xs text-slate-500">What the V2.0 and V1 SDKs send; either way the date is within 15 min and each nonce is used once.</p>
        </div>
        <div>
          <p className="text-xs font-medium text-slate-500 uppercase">AccessKeys</p>
          <p>
            <Link href="/account/access-keys" className="text-orange-700 hover:underline">
              Create yours
            </Link>
          </p>
          <p className="text-xs text-slate-500">A key acts with its owner&apos;s role. Every call is recorded as an ApiCall event.</p>
        </div>
      </section>

      <div className="space-y-3">
        <h2 className="text-base font-semibold">Examples</h2>
        <Example title="aliyun CLI" note="--endpoint takes the bare host; --insecure sends plain HTTP." code={aliyunCliExample(x)} />
        <Example title="Node.js SDK V2.0" note="The V2.0 core (@alicloud/openapi-client) that every generated ActionTrail SDK calls, signing with ACS3-HMAC-SHA256." code={nodeV2Example(x)} />
        <Example title="Node.js SDK V1" note="The official @alicloud/pop-core client (signature v1)." code={nodeExample(x)} />
        <Example title="curl" note="Signature v1 by hand with openssl (bash)." code={curlExample(x)} />
      </div>

      <section aria-label="Actions" className="space-y-3">
        <h2 className="text-base font-semibold">Actions</h2>
        {ACTION_GROUPS.filter((group) => ACTION_DOCS.some((a) => a.group === group)).map((group) => (
          <div key={group} className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
            <h3 className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm font-medium">{group}</h3>
            <ActionsTable actions={ACTION_DOCS.filter((a) => a.group === group).map((a) => ({ ...a, roles: rolesOf(a.action) }))} />
          </div>
        ))}
      </section>

      <section aria-label="Errors" className="space-y-3">
        <h2 className="text-base font-semibold">Errors</h2>
        <p className="text-slate-500">
          Errors come back as <code className="font-mono text-xs">{"{ RequestId, HostId, Code, Message }"}</code> with the HTTP status below.
        </p>
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
          <ErrorsTable errors={ERROR_DOCS} />
        </div>
      </section>
    </PageShell>
  );
}
