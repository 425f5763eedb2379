import { describe, expect, it } from 'vitest';
import { buildEsmLikeGraph, type EsmLikeOptions } from '../../native/graphs/esm-like-transformer.ts';
import { GraphBuildError } from '../../native/onnx/graph-build-error.ts';
import { onnx } from '../../native/onnx/onnx-namespace.ts';
import { mulberry32 } from '../../native/onnx/seeded-random.ts';
import { int64s, maxAbsDiff, runModel } from './ort-run.ts';

const SMALL: EsmLikeOptions = { vocabSize: 33, hidden: 32, layers: 2, heads: 4, intermediate: 64, maxPositions: 64, padTokenId: 1, seed: 11, exportHiddenStates: true };
const OUTPUTS = ['last_hidden_state', 'hidden_states.0', 'hidden_states.1'];

function randomTokens(length: number, seed: number, vocab = SMALL.vocabSize): number[] {
  const next = mulberry32(seed);
  return Array.from({ length }, () => 2 + Math.floor(next() * (vocab - 2))); // never the pad id
}

/** Runs right-padded rows as one batch; returns every output as per-row [tokens × hidden] slices of real tokens. */
async function encode(model: Uint8Array, rows: number[][], hidden: number, padTokenId = 1): Promise<Record<string, Float32Array[]>> {
  const width = Math.max(...rows.map((r) => r.length));
  const ids = rows.flatMap((r) => [...r, ...Array(width - r.length).fill(padTokenId)]);
  const mask = rows.flatMap((r) => [...r.map(() => 1), ...Array(width - r.length).fill(0)]);
  const outputs = await runModel(model, { input_ids: [int64s(ids), [rows.length, width]], attention_mask: [int64s(mask), [rows.length, width]] });
  return Object.fromEntries(
    Object.entries(outputs).map(([name, tensor]) => {
      expect(tensor.dims, name).toEqual([rows.length, width, hidden]);
      const data = tensor.data as Float32Array;
      return [name, rows.map((r, b) => data.slice(b * width * hidden, (b * width + r.length) * hidden))];
    }),
  );
}

describe('ESM-like transformer graph', () => {
  const model = buildEsmLikeGraph(SMALL);

  it('outputs last_hidden_state and hidden_states.0 … hidden_states.{layers-1}, all [batch, seq, hidden], for any batch and length', async () => {
    for (const [batch, length] of [[1, 5], [3, 17]] as const) {
      const rows = Array.from({ length: batch }, (_, b) => randomTokens(length, b));
      const outputs = await encode(model, rows, SMALL.hidden);
      expect(Object.keys(outputs).sort()).toEqual([...OUTPUTS].sort());
    }
    const plain = await encode(buildEsmLikeGraph({ ...SMALL, exportHiddenStates: false }), [randomTokens(4, 1)], SMALL.hidden);
    expect(Object.keys(plain)).toEqual(['last_hidden_state']);
  });

  it('gives real tokens the same hidden states alone as padded in a batch with a longer sequence', async () => {
    const short = randomTokens(6, 21);
    const alone = await encode(model, [short], SMALL.hidden);
    const padded = await encode(model, [randomTokens(23, 22), short], SMALL.hidden);
    for (const name of OUTPUTS) expect(maxAbsDiff(alone[name]![0]!, padded[name]![1]!), name).toBeLessThanOrEqual(1e-4);
  });

  it('exports distinct states: the embedding output, the first block output, and the final normalised state', async () => {
    const outputs = await encode(model, [randomTokens(12, 5)], SMALL.hidden);
    const [last, h0, h1] = OUTPUTS.map((name) => outputs[name]![0]!);
    expect(maxAbsDiff(h0!, h1!)).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(h1!, last!)).toBeGreaterThan(1e-3);
  });

  it('is determined by its seed', async () => {
    expect(Buffer.from(buildEsmLikeGraph(SMALL)).equals(Buffer.from(model))).toBe(true);
    const tokens = [randomTokens(8, 9)];
    const [mine, other] = [await encode(model, tokens, SMALL.hidden), await encode(buildEsmLikeGraph({ ...SMALL, seed: 12 }), tokens, SMALL.hidden)];
    expect(maxAbsDiff(mine.last_hidden_state![0]!, other.last_hidden_state![0]!)).toBeGreaterThan(1e-2);
  });

  it('zeroes the pad token’s embedding row and rejects heads that do not divide hidden', () => {
    const table = weightsOf(model).get('embeddings.word_embeddings.weight')!;
    const row = (id: number) => Array.from(table.subarray(id * SMALL.hidden, (id + 1) * SMALL.hidden));
    expect(row(SMALL.padTokenId).every((v) => v === 0)).toBe(true);
    expect(row(0).some((v) => v !== 0)).toBe(true);
    expect(() => buildEsmLikeGraph({ ...SMALL, heads: 5 })).toThrow(GraphBuildError);
    expect(() => buildEsmLikeGraph({ ...SMALL, heads: 5 })).toThrow('esm-like encoder: hidden 32 is not a multiple of heads 5');
  });

  it('computes what it says: matches a plain float64 forward pass of a tiny model, padded rows included', async () => {
    const tiny: EsmLikeOptions = { vocabSize: 11, hidden: 8, layers: 2, heads: 2, intermediate: 16, maxPositions: 12, padTokenId: 1, seed: 3, exportHiddenStates: true, weightStd: 0.5 };
    const tinyModel = buildEsmLikeGraph(tiny);
    const rows = [randomTokens(7, 1, tiny.vocabSize), randomTokens(4, 2, tiny.vocabSize)];
    const outputs = await encode(tinyModel, rows, tiny.hidden);
    const weights = weightsOf(tinyModel);
    rows.forEach((tokens, b) => {
      const expected = referenceForward(weights, tiny, tokens);
      expected.slice(0, tiny.layers).forEach((state, i) => expect(maxAbsDiff(outputs[`hidden_states.${i}`]![b]!, state), `row ${b} hidden_states.${i}`).toBeLessThanOrEqual(1e-4));
      expect(maxAbsDiff(outputs.last_hidden_state![b]!, expected[tiny.layers]!)).toBeLessThanOrEqual(1e-4);
      expect(outputs[`hidden_states.${tiny.layers}`]).toBeUndefined();
    });
  });
});

/** The model's initializers by name, read back from the serialized bytes. */
function weightsOf(model: Uint8Array): Map<string, Float32Array> {
  const initializers = onnx.ModelProto.decode(model).graph?.initializer ?? [];
  return new Map(initializers.map((t) => [t.name!, new Float32Array(Uint8Array.from(t.rawData!).buffer)]));
}

/**
 * Plain float64 forward pass of one unpadded sequence, written from the architecture, not from the graph.
 * Returns HF's hidden_states: [embeddings, block 1 … block layers-1 outputs, final LayerNorm output].
 */
function referenceForward(w: Map<string, Float32Array>, o: EsmLikeOptions, tokens: number[]): Float64Array[] {
  const H = o.hidden;
  const headDim = H / o.heads;
  const n = tokens.length;
  const get = (name: string) => {
    const value = w.get(name);
    if (!value) throw new Error(`no weight ${name}`);
    return value;
  };
  const linear = (x: Float64Array, name: string, inputs: number, outputs: number) => {
    const [weight, bias] = [get(`${name}.weight`), get(`${name}.bias`)];
    const y = new Float64Array(n * outputs);
    for (let t = 0; t < n; t += 1) {
      for (let j = 0; j < outputs; j += 1) {
        let sum = bias[j]!;
        for (let i = 0; i < inputs; i += 1) sum += x[t * inputs + i]! * weight[i * outputs + j]!;
        y[t * outputs + j] = sum;
      }
    }
    return y;
  };
  const layerNorm = (x: Float64Array, name: string) => {
    const [gamma, beta] = [get(`${name}.weight`), get(`${name}.bias`)];
    const y = new Float64Array(x.length);
    for (let t = 0; t < n; t += 1) {
      const row = x.subarray(t * H, (t + 1) * H);
      const mean = row.reduce((a, b) => a + b, 0) / H;
      const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / H;
      row.forEach((v, i) => (y[t * H + i] = ((v - mean) / Math.sqrt(variance + 1e-5)) * gamma[i]! + beta[i]!));
    }
    return y;
  };
  const add = (a: Float64Array, b: Float64Array) => a.map((v, i) => v + b[i]!);

  const [word, position] = [get('embeddings.word_embeddings.weight'), get('embeddings.position_embeddings.weight')];
  let x = new Float64Array(n * H).map((_, i) => word[tokens[Math.floor(i / H)]! * H + (i % H)]! + position[i]!);
  const states = [x];
  for (let l = 0; l < o.layers; l += 1) {
    const p = `encoder.layer.${l}`;
    const h = layerNorm(x, `${p}.attention.LayerNorm`);
    const [q, k, v] = ['query', 'key', 'value'].map((name) => linear(h, `${p}.attention.self.${name}`, H, H));
    const context = new Float64Array(n * H);
    for (let head = 0; head < o.heads; head += 1) {
      const at = (m: Float64Array, t: number, d: number) => m[t * H + head * headDim + d]!;
      for (let i = 0; i < n; i += 1) {
        const scores = Array.from({ length: n }, (_, j) => {
          let dot = 0;
          for (let d = 0; d < headDim; d += 1) dot += at(q!, i, d) * at(k!, j, d);
          return dot / Math.sqrt(headDim);
        });
        const top = Math.max(...scores);
        const exps = scores.map((s) => Math.exp(s - top));
        const total = exps.reduce((a, b) => a + b, 0);
        for (let d = 0; d < headDim; d += 1) context[i * H + head * headDim + d] = exps.reduce((sum, e, j) => sum + (e / total) * at(v!, j, d), 0);
      }
    }
    x = add(x, linear(context, `${p}.attention.output.dense`, H, H));
    const up = linear(layerNorm(x, `${p}.LayerNorm`), `${p}.intermediate.dense`, H, o.intermediate);
    x = add(x, linear(up.map((u) => 0.5 * u * (1 + erf(u / Math.SQRT2))), `${p}.output.dense`, o.intermediate, H));
    if (l < o.layers - 1) states.push(x);
  }
  states.push(layerNorm(x, 'emb_layer_norm_after'));
  return states;
}

/** erf by its Maclaurin series (float64-accurate to ~1e-11 for |x| < 4); beyond that erf is ±1 within 2e-8. */
function erf(x: number): number {
  if (Math.abs(x) >= 4) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let k = 1; k < 80; k += 1) {
    term *= (-x * x) / k;
    sum += term / (2 * k + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
