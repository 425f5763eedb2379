import { join } from 'node:path';
import type * as ort from 'onnxruntime-node';
import { isGpuProvider, type ExecutionProvider, type DeviceRequest } from '../../native/runtime/execution-provider.ts';
import { openSession, ProviderUnavailableError } from '../../native/runtime/session-factory.ts';
import type { ModelBundle } from '../models/bundle-registry.ts';
import { EngineError } from '../shared/engine-error.ts';

export interface ModelSession {
  session: ort.InferenceSession;
  provider: ExecutionProvider;
  precision: 'fp32' | 'fp16';
  fallbacks: string[];
}

/**
 * Opens a bundle's model on the requested device. FP16: `auto` uses the bundle's fp16 graph only on a GPU provider
 * (on CPU, onnxruntime upcasts fp16 kernels and gains nothing); `fp16` insists and fails clearly when the bundle
 * has no fp16 graph.
 */
export async function openModelSession(bundle: ModelBundle, options: { device: DeviceRequest; threads: number; precision: 'auto' | 'fp32' | 'fp16' }): Promise<ModelSession> {
  const fp16File = bundle.manifest.precision?.fp16;
  if (options.precision === 'fp16' && !fp16File) {
    throw new EngineError('bad_request', `model ${bundle.manifest.id} has no fp16 graph (bundle.json precision.fp16); use --precision fp32 or auto`);
  }
  const open = async (model: string) => {
    try {
      return await openSession({ model, device: options.device, threads: options.threads });
    } catch (error) {
      if (error instanceof ProviderUnavailableError) throw new EngineError('provider_unavailable', error.message);
      throw new EngineError('invalid_bundle', `model ${bundle.manifest.id}: onnxruntime cannot load ${model}: ${(error as Error).message.split('\n')[0]}`);
    }
  };
  const first = await open(options.precision === 'fp16' ? join(bundle.dir, fp16File!) : bundle.modelPath);
  if (options.precision === 'fp16') return { ...first, precision: 'fp16' };
  if (options.precision === 'auto' && fp16File && isGpuProvider(first.provider)) {
    await first.session.release();
    const half = await openSession({ model: join(bundle.dir, fp16File), device: first.provider, threads: options.threads });
    return { ...half, fallbacks: first.fallbacks, precision: 'fp16' };
  }
  return { ...first, precision: 'fp32' };
}
