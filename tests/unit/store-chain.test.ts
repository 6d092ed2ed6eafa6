// The pure parts of the query store chain (lib/integrity/store-chain.ts): the leaf, the Merkle root as
// RFC 6962 builds it, and the block hash; each covered field changes what it covers.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { EVENT_COLUMNS } from "@/lib/events/ingest";
import { blockHash, LEAF_COLUMNS, leafHash, merkleRoot, type BlockHeader, type LeafValues } from "@/lib/integrity/store-chain";

const h = (...parts: Buffer[]) => crypto.createHash("sha256").update(Buffer.concat(parts)).digest();
const leafOf = (s: string) => h(Buffer.from([0]), Buffer.from(s)).toString("hex");
const node = (a: string, b: string) => h(Buffer.from([1]), Buffer.from(a, "hex"), Buffer.from(b, "hex")).toString("hex");

function values(overrides: Partial<Record<string, unknown>> = {}): LeafValues {
  const v: Record<string, unknown> = {};
  for (const c of LEAF_COLUMNS) v[c] = `${c}-value`;
  v.is_global = false;
  v.user_name = null;
  return { ...v, ...overrides } as LeafValues;
}

describe("the store chain's leaf", () => {
  it("covers every listed column, the event id and the row's place, and nothing else", () => {
    const base = leafHash(7, values());
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(leafHash(7, values())).toBe(base);
    expect(leafHash(8, values())).not.toBe(base);
    for (const c of LEAF_COLUMNS) expect(leafHash(7, values({ [c]: `${c}-changed` })), c).not.toBe(base);
    // `sensitive` is re-flagged in place by the catalogue: not part of the leaf.
    expect(leafHash(7, { ...values(), sensitive: true } as LeafValues)).toBe(base);
    // A null is not the text "null"; raw is byte-exact (a trailing space counts).
    expect(leafHash(7, values({ user_name: "null" }))).not.toBe(base);
    expect(leafHash(7, values({ raw: "raw-value " }))).not.toBe(base);
  });

  it("is SHA-256 over 0x00, the JSON of the other fields, then raw's bytes", () => {
    const v = values();
    const others = [1, 7, ...LEAF_COLUMNS.filter((c) => c !== "raw").map((c) => (c === "is_global" ? 0 : v[c]))];
    expect(leafHash(7, v)).toBe(h(Buffer.from([0]), Buffer.from(JSON.stringify(others)), Buffer.from("raw-value")).toString("hex"));
  });

  it("reads booleans the same from either store (true/false, 1/0)", () => {
    expect(leafHash(1, values({ is_global: true }))).toBe(leafHash(1, values({ is_global: 1 })));
    expect(leafHash(1, values({ is_global: false }))).toBe(leafHash(1, values({ is_global: 0 })));
    expect(leafHash(1, values({ is_global: 1n }))).toBe(leafHash(1, values({ is_global: 1 })));
  });

  it("names only columns that ingestion writes", () => {
    for (const c of LEAF_COLUMNS) expect(EVENT_COLUMNS as readonly string[]).toContain(c);
    expect(LEAF_COLUMNS).toContain("raw");
    expect(LEAF_COLUMNS).toContain("event_id");
  });
});

describe("the Merkle root (RFC 6962 shape)", () => {
  const [a, b, c, d, e] = ["a", "b", "c", "d", "e"].map(leafOf);

  it("is built by splitting at the largest power of two below n", () => {
    expect(merkleRoot([])).toBe(crypto.createHash("sha256").digest("hex"));
    expect(merkleRoot([a])).toBe(a);
    expect(merkleRoot([a, b])).toBe(node(a, b));
    expect(merkleRoot([a, b, c])).toBe(node(node(a, b), c));
    expect(merkleRoot([a, b, c, d])).toBe(node(node(a, b), node(c, d)));
    expect(merkleRoot([a, b, c, d, e])).toBe(node(node(node(a, b), node(c, d)), e));
  });

  it("changes with a leaf's content, order, removal or addition", () => {
    const root = merkleRoot([a, b, c]);
    expect(merkleRoot([a, c, b])).not.toBe(root);
    expect(merkleRoot([a, b])).not.toBe(root);
    expect(merkleRoot([a, b, c, c])).not.toBe(root);
    expect(merkleRoot([a, leafOf("x"), c])).not.toBe(root);
  });
});

describe("the block hash", () => {
  it("covers every header field", () => {
    const header: BlockHeader = { number: 3, prevHash: "ab".repeat(32), merkleRoot: "cd".repeat(32), leafCount: 2, totalLeaves: 9, firstPk: 10, lastPk: 11, createdAt: "2026-12-02T00:00:00.000Z" };
    const base = blockHash(header);
    const changes: Partial<BlockHeader>[] = [
      { number: 4 }, { prevHash: "ef".repeat(32) }, { merkleRoot: "ef".repeat(32) }, { leafCount: 3 }, { totalLeaves: 10 }, { firstPk: 9 }, { lastPk: 12 }, { createdAt: "2026-12-02T00:00:00.001Z" },
    ];
    for (const change of changes) expect(blockHash({ ...header, ...change }), JSON.stringify(change)).not.toBe(base);
  });
});
