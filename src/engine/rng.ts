/**
 * A small seeded PRNG (sfc32, from PractRand by Chris Doty-Humphrey) with standard normal
 * draws by the Box–Muller transform. Randomness in the engine always comes from here, seeded
 * by the RunSpec: the same spec gives the same frames.
 */
export interface Rng {
  /** Uniform on [0, 1) with 53 bits. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

/** sfc32 seeded from a 32-bit integer (splitmix32 expands the seed into the state). */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32();
  let spare = 0;
  let hasSpare = false;
  const uniform = (): number => (next32() * 2097152 + (next32() >>> 11)) / 9007199254740992;
  return {
    uniform,
    normal(): number {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      let u = uniform();
      while (u === 0) u = uniform(); // log(0) guard
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      hasSpare = true;
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}
