import type { IncomingMessage, ServerResponse } from 'node:http';
import { isEngineError } from '../shared/engine-error.ts';
import type { ApiError } from '../api/contract/api-contract.ts';
import { MAX_REQUEST_BYTES } from '../api/contract/request-size.ts';


export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

/** Engine errors keep their code; bad requests are 400, other engine errors 422, anything unexpected 500. */
export function sendError(response: ServerResponse, error: unknown): void {
  const body: ApiError = isEngineError(error)
    ? { code: error.code, message: error.message }
    : { code: 'internal', message: `internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  sendJson(response, body.code === 'bad_request' ? 400 : isEngineError(error) ? 422 : 500, body);
}

export async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) throw new RangeError('request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : JSON.parse(text);
}
