import type { z } from 'zod';
import type { Engine } from '../engine.ts';
import { parseRequest } from '../parse-request.ts';
import { validateFile } from '../../io/validate-file.ts';
import { expandSequenceInputs } from '../../io/sequence-files.ts';
import { openRunFolder } from '../../export/run-folder.ts';
import { Store } from '../../store/store.ts';
import { CALLS, type CallName, type CallResult } from './api-contract.ts';
import { listRuns } from './run-folders.ts';
import { listStoreBundles } from './store-bundles.ts';
import { readGoSummary } from './go-summary-file.ts';
import { readClusterMap } from './cluster-map-files.ts';
import { readStoreMetadata, saveStoreMetadata, writeRunMetadata } from './sample-metadata-files.ts';
import { readRunSequences } from './run-sequences.ts';
import { runReadsOf } from '../../store/run-reads.ts';

type Handlers = { [N in CallName]: (engine: Engine, request: z.output<(typeof CALLS)[N]['request']>) => Promise<CallResult<N>> };

/** How each call of the contract is answered; a mapped type, so a method in the table without a handler fails tsc. */
const handlers: Handlers = {
  listModels: async (engine) => {
    const { bundles, problems } = await engine.listModels();
    return {
      models: bundles.map(({ manifest: m }) => ({ id: m.id, name: m.name, version: m.version, alphabet: m.alphabet, dim: m.dim, layers: m.layers.map((l) => l.id) })),
      problems: problems.map((p) => p.message),
    };
  },
  storeInfo: (engine, { store }) => engine.storeInfo(store),
  createStore: async (engine, { store }) => {
    await (await Store.open(store, { create: true })).close();
    return engine.storeInfo(store);
  },
  importIssues: (engine, { store, dataset, limit }) => engine.importIssues(store, dataset, limit),
  listReferences: (engine, { store }) => engine.listReferences(store),
  describeReference: (engine, { store, name }) => engine.describeReference(store, name),
  validateInput: async (_engine, { input, maxIssues, removeGaps }) => {
    const report = await validateFile(input, { maxIssues, allowGaps: removeGaps });
    return { input, format: report.format, gzip: report.gzip, alphabet: report.alphabet, summary: report.summary.toJSON(), profile: report.profile.toJSON(), issues: report.issues, issuesOmitted: report.issuesOmitted, removeGaps };
  },
  expandInputs: (_engine, { paths }) => expandSequenceInputs(paths),
  listRuns: (_engine, { store }) => listRuns(store),
  listBundles: (_engine, { store }) => listStoreBundles(store),
  readRun: async (_engine, { run }) => {
    const folder = await openRunFolder(run);
    const { record } = folder;
    return {
      dir: folder.dir, ranks: folder.classification.ranks, reads: folder.classification.reads, reference: record.result?.reference ?? null,
      store: record.query?.store ?? null, datasetIds: runReadsOf(record)?.datasetIds ?? [], model: record.result?.model ?? null, layer: record.result?.layer ?? null,
      chimeras: [...folder.chimeras],
    };
  },
  readClusterMap: (_engine, { run }) => readClusterMap(run),
  readGoSummary: (_engine, { run, limit }) => readGoSummary(run, limit),
  exportRun: (engine, request) => engine.exportRun(request),
  readSampleMetadata: (_engine, { store }) => readStoreMetadata(store),
  saveSampleMetadata: (_engine, { store, samples }) => saveStoreMetadata(store, samples),
  writeRunMetadata: (_engine, { store, run }) => writeRunMetadata(store, run),
  readRunSequences: (_engine, { run, ids }) => readRunSequences(run, ids),
};

/** Validates a call's request with the contract's schema (one-line `bad_request` error naming the field), then answers it. */
export async function handleCall<N extends CallName>(engine: Engine, name: N, request: unknown): Promise<CallResult<N>> {
  const parsed = parseRequest(CALLS[name].request, request ?? {}, name) as z.output<(typeof CALLS)[N]['request']>;
  return (handlers[name] as (engine: Engine, request: unknown) => Promise<CallResult<N>>)(engine, parsed);
}

