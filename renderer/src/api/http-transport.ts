import type { ApiError, SeqAtlasApi } from '../../../main/api/contract/api-contract.ts';
import type { JobEvent } from '../../../main/api/job-events.ts';
import { TOKEN_HEADER } from '../../../main/api/contract/http-headers.ts';
import { ssePayloads } from './sse-lines.ts';

/** An API failure in the renderer: the engine's code and one-line message, whatever the transport. */
export class ApiFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** The browser side of `seqatlas serve`: the contract over same-origin HTTP, the token in a header. */
export function httpTransport(token: string): SeqAtlasApi & { upload(file: File): Promise<string> } {
  const headers = { 'content-type': 'application/json', [TOKEN_HEADER]: token };
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
    const reply = (await response.json()) as T | ApiError;
    if (!response.ok) throw new ApiFailure((reply as ApiError).code, (reply as ApiError).message);
    return reply as T;
  };
  return {
    call: (name, request) => post(`/api/${name}`, request),
    startJob: (name, request) => post(`/api/${name}`, request),
    cancelJob: async (jobId) => {
      await post(`/api/jobs/${jobId}/cancel`, {});
    },
    subscribe(jobId, onEvent) {
      const controller = new AbortController();
      void (async () => {
        const response = await fetch(`/api/jobs/${jobId}/events`, { headers: { [TOKEN_HEADER]: token }, signal: controller.signal });
        if (!response.ok || !response.body) throw new ApiFailure('stream_failed', `events of job ${jobId}: HTTP ${response.status}`);
        for await (const data of ssePayloads(response.body)) onEvent(JSON.parse(data) as JobEvent);
      })().catch((error: unknown) => {
        if (!controller.signal.aborted) onEvent({ type: 'error', jobId, code: 'stream_failed', message: String((error as Error).message ?? error) });
      });
      return () => controller.abort();
    },
    async upload(file) {
      const response = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { [TOKEN_HEADER]: token, 'content-type': 'application/octet-stream' }, body: file });
      const reply = (await response.json()) as { path: string } | ApiError;
      if (!response.ok) throw new ApiFailure((reply as ApiError).code, (reply as ApiError).message);
      return (reply as { path: string }).path;
    },
  };
}
