/**
 * A small seeded PRNG (mulberry32) and the draws the fuzzers need. Every case
 * gets its own generator from (run seed, class, case index), so case N of a
 * run can be replayed alone with `--from N --cases 1`.
 */

/** mulberry32: 32-bit state, period 2^32, good enough for input generation. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, to mix a class name into a seed. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The seed of case `index` of class `cls` in a run seeded with `seed`. */
export function caseSeed(seed: number, cls: string, index: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ fnv1a(cls) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
}

/** Deterministic random draws. */
export class Rng {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of weighted alternatives: `[[weight, value], ...]`. */
  weighted<T>(choices: readonly (readonly [number, T])[]): T {
    const total = choices.reduce((sum, [w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [w, value] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    return choices[choices.length - 1]![1];
  }

  /** `n` random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }

  /** A size skewed towards small values, at most `max`. */
  size(max: number): number {
    return Math.min(max, Math.floor(Math.pow(this.next(), 3) * (max + 1)));
  }
}
