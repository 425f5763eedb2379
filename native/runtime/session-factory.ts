import * as ort from 'onnxruntime-node';
import { candidateProviders, isGpuProvider, type DeviceRequest, type ExecutionProvider } from './execution-provider.ts';

// onnxruntime logs a failed GPU provider load at error level on stderr before throwing; the throw is what we
// report (as a fallback warning), so the native log is noise on the CLI's terminal.
ort.env.logLevel = 'fatal';

export interface SessionRequest {
  /** The ONNX model: a path or the serialized bytes. */
  model: string | Uint8Array;
  device: DeviceRequest;
  /** Intra-op threads for the CPU provider; 0 lets onnxruntime choose (one per physical core). */
  threads?: number;
}

export interface OpenedSession {
  session: ort.InferenceSession;
  provider: ExecutionProvider;
  /** One line per provider that was tried and failed, for the run record and the user's warning. */
  fallbacks: string[];
}

export class ProviderUnavailableError extends Error {
  readonly code = 'provider_unavailable';
  constructor(readonly provider: ExecutionProvider, reason: string) {
    super(`execution provider "${provider}" is not available here: ${reason}`);
  }
}

/** First line of onnxruntime's message: its errors carry native stack noise after it. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).slice(0, 300);
}

/**
 * Opens an inference session on the first provider that works. A GPU provider that fails to load (no driver,
 * no CUDA libraries) is reported in `fallbacks` and the next candidate is tried; asking for one provider by
 * name never falls back silently: it throws `ProviderUnavailableError`.
 */
export async function openSession(request: SessionRequest): Promise<OpenedSession> {
  const candidates = candidateProviders(request.device);
  const fallbacks: string[] = [];
  for (const provider of candidates) {
    const options: ort.InferenceSession.SessionOptions = {
      executionProviders: [provider],
      graphOptimizationLevel: 'all',
      // Warnings from onnxruntime's native logger go straight to stderr and would break the CLI's progress line.
      logSeverityLevel: 3,
    };
    if (!isGpuProvider(provider) && request.threads && request.threads > 0) options.intraOpNumThreads = request.threads;
    try {
      const session =
        typeof request.model === 'string'
          ? await ort.InferenceSession.create(request.model, options)
          : await ort.InferenceSession.create(request.model, options);
      return { session, provider, fallbacks };
    } catch (error) {
      if (request.device !== 'auto') throw new ProviderUnavailableError(provider, firstLine(error));
      fallbacks.push(`${provider}: ${firstLine(error)}`);
    }
  }
  throw new ProviderUnavailableError('cpu', fallbacks.join('; '));
}
