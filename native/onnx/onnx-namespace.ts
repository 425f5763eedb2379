import onnxProto from 'onnx-proto';

// onnx-proto is a protobufjs static module that assigns its namespace onto a shared root object, which Node's
// CommonJS export detection cannot see: `import { onnx } from 'onnx-proto'` fails at run time, the default import works.
export const onnx = onnxProto.onnx;
export type { onnx as Onnx } from 'onnx-proto';
