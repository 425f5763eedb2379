import { GraphBuildError } from './graph-build-error.ts';
import { onnx } from './onnx-namespace.ts';

/**
 * The metadata_props of a serialized model (e.g. a bundle's provenance written by GraphBuilder.addMetadata).
 * Decoding is cheap even for large models: protobufjs returns raw_data as views, not copies.
 */
export function readModelMetadata(bytes: Uint8Array): Record<string, string> {
  let model: ReturnType<typeof onnx.ModelProto.decode>;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new GraphBuildError('invalid_model', `not an ONNX model: ${error instanceof Error ? error.message : String(error)}`);
  }
  return Object.fromEntries(model.metadataProps.map((p) => [p.key ?? '', p.value ?? '']));
}
