import { GraphBuildError } from './graph-build-error.ts';
import { onnx, type Onnx } from './onnx-namespace.ts';
import { tensorProto, type TensorValues } from './tensor-data.ts';

/**
 * A node attribute. Plain values are the common kinds: an integer number → INT, a string → STRING, an integer
 * array → INTS. Floats are tagged (`attr.float(1e-5)`) because 1 and 1.0 are the same JavaScript number but
 * different ONNX attribute types, and an INT where an op wants a FLOAT is rejected by onnxruntime.
 */
export type AttributeValue =
  | number
  | string
  | readonly number[]
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'floats'; readonly values: readonly number[] }
  | { readonly kind: 'tensor'; readonly dims: readonly number[]; readonly values: TensorValues };

export const attr = {
  float: (value: number) => ({ kind: 'float', value }) as const,
  floats: (values: readonly number[]) => ({ kind: 'floats', values }) as const,
  tensor: (dims: readonly number[], values: TensorValues) => ({ kind: 'tensor', dims, values }) as const,
};

const TYPES = onnx.AttributeProto.AttributeType;

function requireIntegers(where: string, values: readonly number[]): void {
  const bad = values.find((v) => !Number.isSafeInteger(v));
  if (bad !== undefined) throw new GraphBuildError('invalid_attribute', `${where}: ${bad} is not an integer (use attr.float / attr.floats for floats)`);
}

/** `where` names the node for error messages, e.g. "Softmax_node_12". */
export function attributeProto(where: string, name: string, value: AttributeValue): Onnx.IAttributeProto {
  const at = `${where} attribute ${name}`;
  if (typeof value === 'number') {
    requireIntegers(at, [value]);
    return { name, type: TYPES.INT, i: value };
  }
  if (typeof value === 'string') return { name, type: TYPES.STRING, s: new TextEncoder().encode(value) };
  if (isNumberArray(value)) {
    requireIntegers(at, value);
    return { name, type: TYPES.INTS, ints: [...value] };
  }
  switch (value.kind) {
    case 'float':
      return { name, type: TYPES.FLOAT, f: value.value };
    case 'floats':
      return { name, type: TYPES.FLOATS, floats: [...value.values] };
    case 'tensor':
      return { name, type: TYPES.TENSOR, t: tensorProto(name, value.dims, value.values) };
  }
}

function isNumberArray(value: AttributeValue): value is readonly number[] {
  return Array.isArray(value);
}
