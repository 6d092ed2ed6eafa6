// Runs every action's example of the API reference (lib/openapi/actions/define.ts ActionExample) in the
// reference's order through a client the caller gives: the integration tests with the V2.0 core and
// pop-core on each store, the e2e suite against the running server. Relative imports: e2e loads it too.
import type { ActionDoc } from "../../lib/openapi/reference";

export type ApiCall = (action: string, params: Record<string, string>) => Promise<Record<string, unknown>>;

export interface ExampleRun {
  action: string;
  params: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * `${Field}` → a saved response field, or `${AccessKeyId}` → the key the examples are signed with; an
 * example naming one that no earlier example saved is a mistake.
 */
function fill(params: Record<string, string>, saved: Map<string, string>, action: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      v.replace(/\$\{(\w+)\}/g, (_, name: string) => {
        const value = saved.get(name);
        if (value === undefined) throw new Error(`${action}'s example uses \${${name}}, which no earlier example saves`);
        return value;
      }),
    ]),
  );
}

/**
 * Every example in order, then the `last` ones; `beforeLast` lets the caller wait for what the examples
 * started (a delivery history job) to finish. Throws with the action's name on the first failure.
 */
export async function runExamples(
  docs: ActionDoc[],
  call: ApiCall,
  signingKeyId: string,
  beforeLast?: () => Promise<void>,
): Promise<ExampleRun[]> {
  const saved = new Map<string, string>([["AccessKeyId", signingKeyId]]);
  const runs: ExampleRun[] = [];
  const ordered = [...docs.filter((d) => !d.example.last), ...docs.filter((d) => d.example.last)];
  let lastPhase = false;
  for (const doc of ordered) {
    if (doc.example.last && !lastPhase) {
      lastPhase = true;
      await beforeLast?.();
    }
    const params = fill(doc.example.params, saved, doc.action);
    let body: Record<string, unknown>;
    try {
      body = await call(doc.action, params);
    } catch (e) {
      throw new Error(`the example of ${doc.action} (${JSON.stringify(params)}) failed: ${(e as Error).message}`, { cause: e });
    }
    for (const field of doc.example.saves ?? []) {
      if (body[field] === undefined || body[field] === null) throw new Error(`${doc.action}'s answer has no ${field} to save`);
      saved.set(field, String(body[field]));
    }
    runs.push({ action: doc.action, params, body });
  }
  return runs;
}
