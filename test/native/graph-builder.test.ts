import { describe, expect, it } from 'vitest';
import { attr, dataTypeOf, GraphBuilder } from '../../native/onnx/graph-builder.ts';
import { GraphBuildError } from '../../native/onnx/graph-build-error.ts';
import { readModelMetadata } from '../../native/onnx/model-metadata.ts';
import { onnx, type Onnx } from '../../native/onnx/onnx-namespace.ts';
import { toFloat16Bits } from '../../native/onnx/float16.ts';
import { int64s, runModel } from './ort-run.ts';

/** The decoded model; decode() fills every repeated field, which the generated interface types leave optional. */
function decode(bytes: Uint8Array): Onnx.ModelProto & { graph: Onnx.GraphProto } {
  return onnx.ModelProto.decode(bytes) as Onnx.ModelProto & { graph: Onnx.GraphProto };
}

function errorOf(action: () => unknown): GraphBuildError {
  try {
    action();
  } catch (error) {
    if (error instanceof GraphBuildError) return error;
    throw error;
  }
  throw new Error('expected a GraphBuildError');
}

describe('GraphBuilder', () => {
  it('writes an opset-17, IR-8 model whose initializers of every dtype run in onnxruntime', async () => {
    const g = new GraphBuilder('all_dtypes');
    const x = g.input('x', 'float32', ['n', 2]);
    const f32 = g.initializer('f32', [2], Float32Array.of(1.5, -2));
    const f16 = g.op('Cast', [g.initializer('f16', [2], toFloat16Bits(Float32Array.of(0.25, 3)))], { to: dataTypeOf('float32') });
    const i32 = g.op('Cast', [g.initializer('i32', [2], Int32Array.of(10, -20))], { to: dataTypeOf('float32') });
    const i64 = g.op('Cast', [g.initializer('i64', [2], int64s([100, 200]))], { to: dataTypeOf('float32') });
    const sum = [f32, f16, i32, i64].reduce((acc, value) => g.op('Add', [acc, value]), x);
    g.output('y', 'float32', ['n', 2], sum);
    const bytes = g.toBytes();

    const model = decode(bytes);
    expect(Number(model.irVersion)).toBe(8);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
    expect(model.graph.input[0]!.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['n', 2]);

    const { y } = await runModel(bytes, { x: [Float32Array.of(0, 0, 1, 1), [2, 2]] });
    expect(Array.from(y!.data as Float32Array)).toEqual([111.75, 181, 112.75, 182]);
    expect(y!.dims).toEqual([2, 2]);
  });

  it('encodes int, float, ints, floats, string and tensor attributes with their ONNX types', () => {
    const g = new GraphBuilder('attributes');
    g.input('x', 'float32', [1]);
    g.node('Custom', ['x'], {
      anInt: -3,
      aFloat: attr.float(1),
      someInts: [1, -2, 3],
      someFloats: attr.floats([0.5, 2]),
      aString: 'add',
      aTensor: attr.tensor([2], Float32Array.of(7, 8)),
    });
    const [node] = decode(g.toBytes()).graph.node;
    const byName = Object.fromEntries((node!.attribute as Onnx.AttributeProto[]).map((a) => [a.name, a]));
    const T = onnx.AttributeProto.AttributeType;
    expect([byName.anInt!.type, Number(byName.anInt!.i)]).toEqual([T.INT, -3]);
    expect([byName.aFloat!.type, byName.aFloat!.f]).toEqual([T.FLOAT, 1]);
    expect([byName.someInts!.type, byName.someInts!.ints.map(Number)]).toEqual([T.INTS, [1, -2, 3]]);
    expect([byName.someFloats!.type, byName.someFloats!.floats]).toEqual([T.FLOATS, [0.5, 2]]);
    expect([byName.aString!.type, new TextDecoder().decode(byName.aString!.s)]).toEqual([T.STRING, 'add']);
    const tensor = byName.aTensor!.t!;
    expect(byName.aTensor!.type).toBe(T.TENSOR);
    expect(Array.from(new Float32Array(Uint8Array.from(tensor.rawData!).buffer))).toEqual([7, 8]);
  });

  it('rejects a non-integer where an int attribute is meant, naming the node and attribute', () => {
    const g = new GraphBuilder('bad_attribute');
    const error = errorOf(() => g.node('LayerNormalization', ['x'], { epsilon: 1e-5 }));
    expect(error.code).toBe('invalid_attribute');
    expect(error.message).toMatch(/LayerNormalization_node_\d+ attribute epsilon/);
  });

  it('generates unique names that never collide with chosen ones, and refuses a chosen name twice', () => {
    const g = new GraphBuilder('names');
    // Chosen names that look exactly like generated ones.
    const chosen = Array.from({ length: 10 }, (_, i) => g.input(`add_${i + 1}`, 'float32', [1]));
    const generated = [g.op('Add', ['add_1', 'add_2']), g.op('Add', ['add_1', 'add_2']), g.scalar(1), g.int64s([1, 2])];
    const nodeNames = decode(g.toBytes()).graph.node.map((n) => n.name!);
    const all = [...chosen, ...generated, ...nodeNames];
    expect(new Set(all).size).toBe(all.length);
    expect(errorOf(() => g.initializer('add_1', [1], Float32Array.of(0))).code).toBe('duplicate_name');
    expect(errorOf(() => g.op('Relu', ['add_1'], {}, generated[0]!)).code).toBe('duplicate_name');
  });

  it('refuses initializer data that does not fill its shape', () => {
    const error = errorOf(() => new GraphBuilder('shape').initializer('w', [2, 3], new Float32Array(5)));
    expect(error.code).toBe('shape_mismatch');
    expect(error.message).toBe('tensor w: 5 values for shape [2, 3] (6 expected)');
  });

  it('carries metadata_props inside the model', () => {
    const g = new GraphBuilder('meta');
    g.input('x', 'float32', [1]);
    g.output('y', 'float32', [1], 'x');
    g.addMetadata({ 'seqatlas.bundle': 'dna-kmer', source: 'unit test' }).addMetadata({ source: 'overwritten' });
    expect(readModelMetadata(g.toBytes())).toEqual({ 'seqatlas.bundle': 'dna-kmer', source: 'overwritten' });
    expect(errorOf(() => readModelMetadata(Uint8Array.of(0xff, 0xff, 0xff))).code).toBe('invalid_model');
  });
});
