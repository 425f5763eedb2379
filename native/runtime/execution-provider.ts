import { z } from 'zod';

/** What the user asks for; `auto` tries the platform's GPU providers first and falls back to CPU. */
export const DeviceRequest = z.enum(['auto', 'cpu', 'cuda', 'dml', 'webgpu']);
export type DeviceRequest = z.infer<typeof DeviceRequest>;

/** A provider onnxruntime really ran a session on. */
export type ExecutionProvider = 'cpu' | 'cuda' | 'dml' | 'webgpu';

const GPU_PROVIDERS: ReadonlySet<ExecutionProvider> = new Set(['cuda', 'dml', 'webgpu']);

export function isGpuProvider(provider: ExecutionProvider): boolean {
  return GPU_PROVIDERS.has(provider);
}

/**
 * The providers to try, in order. `auto` deliberately leaves WebGPU out: onnxruntime's WebGPU provider is
 * still experimental in Node and on machines without an adapter it fails slowly, so it must be asked for by name.
 * CPU always closes the list for `auto` so a laptop without a usable GPU still runs.
 */
export function candidateProviders(device: DeviceRequest, platform: NodeJS.Platform = process.platform): ExecutionProvider[] {
  if (device !== 'auto') return [device];
  if (platform === 'win32') return ['dml', 'cpu'];
  if (platform === 'linux') return ['cuda', 'cpu'];
  return ['cpu'];
}
