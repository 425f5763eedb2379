import { endianness } from 'node:os';
import { GraphBuildError } from './graph-build-error.ts';
import { onnx, type Onnx } from './onnx-namespace.ts';

export type ElementType = 'float32' | 'float16' | 'int64' | 'int32' | 'bool';

/**
 * Constant tensor contents. The element type follows from the array: Float32Array → float32, BigInt64Array → int64,
 * Int32Array → int32, Uint16Array → float16 given as IEEE half bit patterns (see float16.ts; Node 20 has no
 * Float16Array), Uint8Array → bool (0 or 1).
 */
export type TensorValues = Float32Array | BigInt64Array | Int32Array | Uint16Array | Uint8Array;

const DATA_TYPE: Record<ElementType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float16: onnx.TensorProto.DataType.FLOAT16,
  int64: onnx.TensorProto.DataType.INT64,
  int32: onnx.TensorProto.DataType.INT32,
  bool: onnx.TensorProto.DataType.BOOL,
};

// raw_data is little-endian by the ONNX spec and typed arrays use the host's order: copying the bytes as they are
// is only right on little-endian hosts (every platform SeqAtlas ships for).
if (endianness() !== 'LE') throw new GraphBuildError('invalid_model', 'ONNX graph building needs a little-endian host');

/** The TensorProto.DataType code of an element type (Cast's `to`, ConstantOfShape's value). */
export function dataTypeOf(type: ElementType): number {
  return DATA_TYPE[type];
}

function elementTypeOf(values: TensorValues): ElementType {
  if (values instanceof Float32Array) return 'float32';
  if (values instanceof BigInt64Array) return 'int64';
  if (values instanceof Int32Array) return 'int32';
  if (values instanceof Uint16Array) return 'float16';
  return 'bool';
}

/**
 * A TensorProto whose raw_data is a view of the typed array's bytes: no copy and no JavaScript number arrays, so a
 * 200 MB weight table costs 200 MB once.
 */
export function tensorProto(name: string, dims: readonly number[], values: TensorValues): Onnx.ITensorProto {
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0) throw new GraphBuildError('shape_mismatch', `tensor ${name}: dimension ${d} is not a non-negative integer`);
  }
  const count = dims.reduce((a, b) => a * b, 1);
  if (values.length !== count) {
    throw new GraphBuildError('shape_mismatch', `tensor ${name}: ${values.length} values for shape [${dims.join(', ')}] (${count} expected)`);
  }
  return {
    name,
    dataType: DATA_TYPE[elementTypeOf(values)],
    dims: [...dims],
    rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
  };
}
