/** mulberry32: a tiny, fast, seedable PRNG; deterministic weights make test and bench models reproducible. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform floats in [-0.5, 0.5). */
export function uniformFloats(count: number, seed: number): Float32Array {
  const next = mulberry32(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 1) out[i] = next() - 0.5;
  return out;
}

/**
 * Fills `out` with N(mean, std²) draws from `next` (Box–Muller), so several tensors can share one stream: a
 * model's weights then depend on its seed alone, not on per-tensor seeds that neighbouring seeds would share.
 */
export function fillNormal(out: Float32Array, next: () => number, std: number, mean = 0): Float32Array {
  for (let i = 0; i < out.length; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - next())) * std;
    const angle = 2 * Math.PI * next();
    out[i] = mean + radius * Math.cos(angle);
    if (i + 1 < out.length) out[i + 1] = mean + radius * Math.sin(angle);
  }
  return out;
}

