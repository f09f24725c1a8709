// Deterministic randomness for the WB sandbox.
//
// Every generated value is a pure function of (seed, entity key): a generator is seeded from the
// hash of its key (e.g. ("orders", hourSlot)), never from a shared stream, so any time window or any
// single entity can be regenerated on its own, in any order, with identical results, and nothing
// has to be stored.

const UINT32 = 0x1_0000_0000;

/** FNV-1a over UTF-16 code units, then murmur3's finaliser for avalanche. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

/** murmur3 fmix32: spreads every input bit over the whole word. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds one key part into a running hash; numbers beyond 32 bits (timestamps) keep their high bits. */
function fold(h: number, part: number | string): number {
  if (typeof part === "string") return fmix(h ^ hashString(part)) ^ Math.imul(h, 0x9e3779b1);
  const lo = part >>> 0;
  const hi = Math.floor(part / UINT32) >>> 0;
  h = fmix((h ^ lo) + 0x9e3779b9);
  return fmix((h ^ hi) + 0x7f4a7c15);
}

/** A 32-bit key for (seed, ...parts). */
export function keyOf(seed: number, ...parts: (number | string)[]): number {
  let h = fmix(seed ^ 0x5bd1e995);
  for (const p of parts) h = fold(h, p);
  return h >>> 0;
}

/** A uniform float in [0, 1) for (seed, ...parts) without building a generator. */
export function unit(seed: number, ...parts: (number | string)[]): number {
  return keyOf(seed, ...parts) / UINT32;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const HEX = "0123456789abcdef";

/** mulberry32: tiny, fast and good enough for synthetic data (not for secrets). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / UINT32;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Index drawn with probability proportional to `weights[i]`. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal (Box–Muller), scaled. */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Poisson by inversion; the sandbox only needs small means (tens per hour). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 60) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  hex(length: number): string {
    let s = "";
    for (let i = 0; i < length; i++) s += HEX[Math.floor(this.next() * 16)];
    return s;
  }

  base62(length: number): string {
    let s = "";
    for (let i = 0; i < length; i++) s += BASE62[Math.floor(this.next() * 62)];
    return s;
  }

  digits(length: number): string {
    let s = String(this.int(1, 9));
    for (let i = 1; i < length; i++) s += String(this.int(0, 9));
    return s;
  }

  /** A version-4-shaped UUID (the variant/version nibbles WB's own ids carry). */
  uuid(): string {
    const h = this.hex(32);
    const variant = HEX[8 + Math.floor(this.next() * 4)] as string;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** A generator for (seed, ...parts). */
export function rngFor(seed: number, ...parts: (number | string)[]): Rng {
  return new Rng(keyOf(seed, ...parts));
}

/** Turns any seed option into the 32-bit number the generators use. */
export function normalizeSeed(seed: number | string | undefined): number {
  if (seed === undefined) return hashString("wb-assist-demo-cabinet");
  return typeof seed === "number" ? keyOf(seed >>> 0, Math.floor(seed / UINT32)) : hashString(seed);
}

/**
 * A bijection on [0, 10^digits): distinct keys give distinct numbers that do not look sequential.
 * Used for WB ids that must be unique (saleID, sticker): `a` is odd and not a multiple of 5, so
 * it is invertible modulo 10^n.
 */
export function scramble(key: number, digits: number, a: bigint, b: bigint): string {
  const mod = 10n ** BigInt(digits);
  const v = (BigInt(key) * a + b) % mod;
  return v.toString().padStart(digits, "0");
}

/** EAN-13 check digit for 12 leading digits. */
export function ean13(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return first12 + String((10 - (sum % 10)) % 10);
}

/** Cumulative sums, for binary-search sampling from a fixed distribution many times. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i] as number;
    out[i] = acc;
  }
  return out;
}

/** Index for a uniform `u` in [0,1) under cumulative weights `cum`. */
export function sampleCumulative(cum: Float64Array, u: number): number {
  const total = cum[cum.length - 1] ?? 0;
  const x = u * total;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cum[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Rounds to kopecks without binary drift (e.g. 1.005 → 1.01). */
export function round2(x: number): number {
  return Math.round((x + Number.EPSILON * Math.sign(x)) * 100) / 100;
}
