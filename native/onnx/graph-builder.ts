import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';

// onnx-proto is CommonJS without named-export hints, so the namespace comes through the default import.
const { onnx } = onnxProto;

export type ElementType = 'float32' | 'float16' | 'int64' | 'int32' | 'bool';
/** A dimension: a fixed size or a symbolic name (dynamic axis). */
export type Dim = number | string;
export type AttributeValue = number | string | number[] | { tensor: Onnx.ITensorProto } | { float: number };

const DATA_TYPE: Record<ElementType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float16: onnx.TensorProto.DataType.FLOAT16,
  int64: onnx.TensorProto.DataType.INT64,
  int32: onnx.TensorProto.DataType.INT32,
  bool: onnx.TensorProto.DataType.BOOL,
};

export function dataTypeOf(type: ElementType): number {
  return DATA_TYPE[type];
}

function valueInfo(name: string, type: ElementType, dims: readonly Dim[]): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DATA_TYPE[type],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function bytesOf(values: Float32Array | Uint16Array | BigInt64Array | Int32Array | Uint8Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/**
 * A small typed builder over onnx-proto for the graphs SeqAtlas makes itself (k-mer embedders, kNN scoring, test
 * transformers). Initializers are stored as raw little-endian bytes straight from typed arrays, so a 200 MB model
 * never passes through JavaScript number arrays. Node names are generated; only graph inputs, outputs and
 * initializers carry chosen names.
 */
export class GraphBuilder {
  private readonly nodes: Onnx.INodeProto[] = [];
  private readonly initializers: Onnx.ITensorProto[] = [];
  private readonly inputs: Onnx.IValueInfoProto[] = [];
  private readonly outputs: Onnx.IValueInfoProto[] = [];
  private counter = 0;

  constructor(readonly name: string, readonly opset = 17) {}

  /** A fresh value name with a readable prefix. */
  fresh(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }

  input(name: string, type: ElementType, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  output(name: string, type: ElementType, dims: readonly Dim[]): string {
    this.outputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** A constant tensor; float16 data is given as its IEEE half bit patterns. */
  initializer(name: string, type: ElementType, dims: readonly number[], values: Float32Array | Uint16Array | BigInt64Array | Int32Array | Uint8Array): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (values.length !== count) throw new Error(`initializer ${name}: ${values.length} values for shape [${dims.join(', ')}]`);
    this.initializers.push({ name, dataType: DATA_TYPE[type], dims: [...dims], rawData: bytesOf(values) });
    return name;
  }

  /** Scalar or 1-D int64 constant, for shapes, axes and indices. */
  int64s(values: readonly number[], prefix = 'const', scalar = false): string {
    return this.initializer(this.fresh(prefix), 'int64', scalar ? [] : [values.length], BigInt64Array.from(values.map(BigInt)));
  }

  float(value: number, prefix = 'const'): string {
    return this.initializer(this.fresh(prefix), 'float32', [], Float32Array.of(value));
  }

  /** Adds a node; returns its output names (one fresh name per output unless given). */
  node(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}, outputs: number | readonly string[] = 1): string[] {
    const outputNames = typeof outputs === 'number' ? Array.from({ length: outputs }, () => this.fresh(opType.toLowerCase())) : [...outputs];
    this.nodes.push({
      name: this.fresh(`${opType}_node`),
      opType,
      input: [...inputs],
      output: outputNames,
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
    });
    return outputNames;
  }

  /** Single-output shorthand. */
  op(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}, output?: string): string {
    return this.node(opType, inputs, attributes, output === undefined ? 1 : [output])[0]!;
  }

  toBytes(metadata: Record<string, string> = {}): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'seqatlas',
      opsetImport: [{ domain: '', version: this.opset }],
      metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      graph: { name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function attribute(name: string, value: AttributeValue): Onnx.IAttributeProto {
  const types = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: types.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`attribute ${name}: ${value} is not an integer; pass { float } for floats`);
    return { name, type: types.INT, i: value };
  }
  if (Array.isArray(value)) return { name, type: types.INTS, ints: value };
  if ('float' in value) return { name, type: types.FLOAT, f: value.float };
  return { name, type: types.TENSOR, t: value.tensor };
}
