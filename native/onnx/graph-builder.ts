import { attributeProto, type AttributeValue } from './attributes.ts';
import { GraphBuildError } from './graph-build-error.ts';
import { onnx, type Onnx } from './onnx-namespace.ts';
import { dataTypeOf, tensorProto, type ElementType, type TensorValues } from './tensor-data.ts';

export { attr, type AttributeValue } from './attributes.ts';
export { dataTypeOf, type ElementType, type TensorValues } from './tensor-data.ts';

/** A dimension: a fixed size, or a symbolic name for a dynamic axis ("batch", "tokens"). */
export type Dim = number | string;

/** IR version 8 is what onnxruntime ≥ 1.10 reads and what opset 17 models are saved with. */
const IR_VERSION = 8;
export const DEFAULT_OPSET = 17;

/**
 * A small typed builder over onnx-proto for the graphs SeqAtlas makes itself (k-mer embedders, kNN scoring,
 * test transformers). Values are referred to by name; `op` returns the name of a node's output so graphs read
 * like expressions: `g.op('Add', [g.op('MatMul', [x, w]), b])`. Intermediate names are generated and never
 * collide with chosen ones (inputs, outputs, initializers); choosing a name twice is an error.
 * All nodes are in the default ai.onnx domain at one opset.
 */
export class GraphBuilder {
  private readonly nodes: Onnx.INodeProto[] = [];
  private readonly initializers: Onnx.ITensorProto[] = [];
  private readonly inputs: Onnx.IValueInfoProto[] = [];
  private readonly outputs: Onnx.IValueInfoProto[] = [];
  private readonly metadata = new Map<string, string>();
  private readonly names = new Set<string>();
  private counter = 0;

  constructor(
    readonly graphName: string,
    readonly opset = DEFAULT_OPSET,
  ) {}

  /** A fresh value or node name starting with `prefix`. */
  uniqueName(prefix: string): string {
    let name: string;
    do {
      this.counter += 1;
      name = `${prefix}_${this.counter}`;
    } while (this.names.has(name));
    this.names.add(name);
    return name;
  }

  input(name: string, type: ElementType, dims: readonly Dim[]): string {
    this.claim(name, 'input');
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** Declares a graph output; with `from`, the output is a copy (Identity) of that value under the new name. */
  output(name: string, type: ElementType, dims: readonly Dim[], from?: string): string {
    if (from !== undefined && from !== name) this.op('Identity', [from], {}, name);
    this.outputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** A named constant; the element type follows from the array (Uint16Array = float16 bit patterns). */
  initializer(name: string, dims: readonly number[], values: TensorValues): string {
    return this.pushInitializer(this.claim(name, 'initializer'), dims, values);
  }

  /** An anonymous float32 scalar constant. */
  scalar(value: number, prefix = 'scalar'): string {
    return this.pushInitializer(this.uniqueName(prefix), [], Float32Array.of(value));
  }

  /** An anonymous int64 constant: 1-D by default (shapes, axes), or a scalar with `{ scalar: true }`. */
  int64s(values: readonly number[], options: { prefix?: string; scalar?: boolean } = {}): string {
    if (options.scalar && values.length !== 1) throw new GraphBuildError('shape_mismatch', `int64 scalar: ${values.length} values`);
    const data = BigInt64Array.from(values, (v) => BigInt(v));
    return this.pushInitializer(this.uniqueName(options.prefix ?? 'ints'), options.scalar ? [] : [values.length], data);
  }

  /**
   * Adds a node. `outputs` is either how many outputs to name automatically or their chosen names (use '' for an
   * optional output that is not wanted). Returns the output names.
   */
  node(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}, outputs: number | readonly string[] = 1): string[] {
    const nodeName = this.uniqueName(`${opType}_node`);
    const prefix = opType.toLowerCase();
    const outputNames =
      typeof outputs === 'number'
        ? Array.from({ length: outputs }, () => this.uniqueName(prefix))
        : outputs.map((name) => (name === '' ? name : this.claim(name, `${nodeName} output`)));
    this.nodes.push({
      name: nodeName,
      opType,
      input: [...inputs],
      output: outputNames,
      attribute: Object.entries(attributes).map(([key, value]) => attributeProto(nodeName, key, value)),
    });
    return outputNames;
  }

  /** A single-output node; returns its output's name (`output` if given, else a generated one). */
  op(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}, output?: string): string {
    return this.node(opType, inputs, attributes, output === undefined ? 1 : [output])[0]!;
  }

  /** Key/value strings stored in the model's metadata_props (provenance, versions); later keys overwrite. */
  addMetadata(props: Readonly<Record<string, string>>): this {
    for (const [key, value] of Object.entries(props)) this.metadata.set(key, value);
    return this;
  }

  /** The serialized ModelProto (ONNX file contents). */
  toBytes(): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: IR_VERSION,
      producerName: 'seqatlas',
      opsetImport: [{ domain: '', version: this.opset }],
      metadataProps: [...this.metadata].map(([key, value]) => ({ key, value })),
      graph: { name: this.graphName, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }

  private pushInitializer(name: string, dims: readonly number[], values: TensorValues): string {
    this.initializers.push(tensorProto(name, dims, values));
    return name;
  }

  private claim(name: string, role: string): string {
    if (name === '') throw new GraphBuildError('invalid_option', `${this.graphName}: ${role} needs a non-empty name`);
    if (this.names.has(name)) throw new GraphBuildError('duplicate_name', `${this.graphName}: ${role} name "${name}" is already used`);
    this.names.add(name);
    return name;
  }
}

function valueInfo(name: string, type: ElementType, dims: readonly Dim[]): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: dataTypeOf(type),
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}
