import * as ort from 'onnxruntime-node';

/** Runs a serialized model once on the CPU provider; feeds are [data, dims] pairs by input name. */
export async function runModel(bytes: Uint8Array, feeds: Record<string, [Float32Array | BigInt64Array, readonly number[]]>): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(Buffer.from(bytes), { executionProviders: ['cpu'] });
  try {
    const tensors = Object.fromEntries(Object.entries(feeds).map(([name, [data, dims]]) => [name, data instanceof Float32Array ? new ort.Tensor('float32', data, dims) : new ort.Tensor('int64', data, dims)]));
    return await session.run(tensors);
  } finally {
    await session.release();
  }
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i += 1) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

export const int64s = (values: readonly number[]) => BigInt64Array.from(values, (v) => BigInt(v));
