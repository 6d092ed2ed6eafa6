// Small deterministic random helpers for the demo-data generator (no Math.random anywhere).

export type Rng = () => number;

/** mulberry32: a fast 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3 finaliser: a bijection on 32-bit integers (distinct inputs give distinct outputs). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a hash of a string, for seeding per-key streams. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function randInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** A weighted choice precomputed as a cumulative table; sample() is a binary search. */
export class Weighted<T> {
  readonly items: T[];
  private readonly cdf: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    const kept = entries.filter(([, w]) => w > 0);
    if (kept.length === 0) throw new Error("Weighted: no positive weights");
    this.items = kept.map(([t]) => t);
    this.cdf = new Float64Array(kept.length);
    let acc = 0;
    kept.forEach(([, w], i) => {
      acc += w;
      this.cdf[i] = acc;
    });
    this.total = acc;
  }

  sampleIndex(rng: Rng): number {
    const x = rng() * this.total;
    const cdf = this.cdf;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  sample(rng: Rng): T {
    return this.items[this.sampleIndex(rng)];
  }
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const HEX_UPPER: string[] = HEX.map((h) => h.toUpperCase());

export function hex8(n: number): string {
  return HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];
}

function u32(rng: Rng): number {
  return (rng() * 4294967296) >>> 0;
}

/** A version-4-shaped UUID; when `first` is given it becomes the first 8 hex digits (used to guarantee uniqueness). */
export function uuid(rng: Rng, first?: number, upper = false): string {
  const T = upper ? HEX_UPPER : HEX;
  const a = first === undefined ? u32(rng) : first >>> 0;
  const b = u32(rng);
  const c = u32(rng);
  const d = u32(rng);
  return (
    T[a >>> 24] + T[(a >>> 16) & 255] + T[(a >>> 8) & 255] + T[a & 255] + "-" +
    T[b >>> 24] + T[(b >>> 16) & 255] + "-" +
    T[0x40 | ((b >>> 8) & 15)] + T[b & 255] + "-" +
    T[0x80 | ((c >>> 24) & 63)] + T[(c >>> 16) & 255] + "-" +
    T[(c >>> 8) & 255] + T[c & 255] + T[d >>> 24] + T[(d >>> 16) & 255] + T[(d >>> 8) & 255] + T[d & 255]
  );
}

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomString(rng: Rng, len: number, alphabet: "lower" | "upper" | "mixed" | "hex" | "digits"): string {
  const chars =
    alphabet === "lower" ? LOWER_ALNUM : alphabet === "upper" ? UPPER_ALNUM : alphabet === "mixed" ? ALNUM
      : alphabet === "hex" ? "0123456789abcdef" : "0123456789";
  let s = "";
  for (let i = 0; i < len; i++) s += chars[Math.floor(rng() * chars.length)];
  return s;
}
