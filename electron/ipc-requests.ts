import { z } from 'zod';
import { CALLS, isCallName, type CallName, type JobName } from '../main/api/contract/api-contract.ts';
import { parseJobRequest } from '../main/api/contract/job-handlers.ts';
import { parseRequest } from '../main/api/parse-request.ts';
import { assertRequestSize } from '../main/api/contract/request-size.ts';
import { EngineError, isEngineError } from '../main/shared/engine-error.ts';
import type { IpcReply } from './ipc-channels.ts';
import type { PathGrants } from './path-grants.ts';

const MethodName = z.string().min(1).max(64);

/**
 * Checks an IPC call from the renderer before the engine sees it: the method exists in the contract, the request
 * passes its zod schema, and every path in it was picked by the user in this session.
 */
export function checkedCall(name: unknown, request: unknown, grants: PathGrants): { name: CallName; request: unknown } {
  const method = parseRequest(MethodName, name, 'call');
  if (!isCallName(method)) throw new EngineError('bad_request', `unknown method "${method}"`);
  assertRequestSize(request, method);
  const parsed = parseRequest(CALLS[method].request, request ?? {}, method);
  grants.check(parsed, method);
  return { name: method, request: parsed };
}

/** The same checks for a job request. */
export function checkedJob(name: unknown, request: unknown, grants: PathGrants): { name: JobName; request: unknown } {
  const jobName = parseRequest(MethodName, name, 'job');
  assertRequestSize(request, jobName);
  const job = parseJobRequest(jobName, request);
  grants.check(job.request, job.name);
  return job;
}

/** Runs an IPC handler and wraps its outcome in an IpcReply, keeping the engine's error code. */
export async function reply<T>(work: () => Promise<T> | T): Promise<IpcReply<T>> {
  try {
    return { ok: true, result: await work() };
  } catch (error) {
    return { ok: false, error: isEngineError(error) ? { code: error.code, message: error.message } : { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}
