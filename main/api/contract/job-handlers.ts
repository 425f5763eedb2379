import type { z } from 'zod';
import type { Engine, RunOptions } from '../engine.ts';
import { parseRequest } from '../parse-request.ts';
import { EngineError } from '../../shared/engine-error.ts';
import { JOBS, isJobName, type JobName, type JobResult } from './api-contract.ts';

type Handlers = { [N in JobName]: (engine: Engine, request: z.output<(typeof JOBS)[N]['request']>, options: RunOptions) => Promise<JobResult<N>> };

const handlers: Handlers = {
  embed: (engine, request, options) => engine.embed(request, options),
  buildReference: (engine, request, options) => engine.buildReference(request, options),
  annotate: (engine, request, options) => engine.annotate(request, options),
  classify: (engine, request, options) => engine.classify(request, options),
  cluster: (engine, request, options) => engine.cluster(request, options),
  train: (engine, request, options) => engine.train(request, options),
  mergePairs: (engine, request, options) => engine.mergePairs(request, options),
  filterReads: (engine, request, options) => engine.filterReads(request, options),
  denoise: (engine, request, options) => engine.denoise(request, options),
};

/** Checks a job request against the contract before anything starts, so a bad request never becomes a job. */
export function parseJobRequest(name: string, request: unknown): { name: JobName; request: unknown } {
  if (!isJobName(name)) throw new EngineError('bad_request', `unknown job "${name}"; jobs: ${Object.keys(JOBS).join(', ')}`);
  return { name, request: parseRequest(JOBS[name].request, request, name) };
}

/** Runs a job whose request `parseJobRequest` accepted, in whichever process hosts jobs (server or utility process). */
export function runJob(engine: Engine, name: JobName, request: unknown, options: RunOptions): Promise<unknown> {
  return (handlers[name] as (engine: Engine, request: unknown, options: RunOptions) => Promise<unknown>)(engine, request, options);
}
