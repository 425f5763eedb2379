import { join } from 'node:path';
import { openRunFolder, queryReads } from '../export/run-folder.ts';
import { EngineError } from '../shared/engine-error.ts';
import type { ClusterSettings } from './cluster-request.ts';

/**
 * `cluster --run DIR`: a classify run's reads, mapped with the very vectors they were classified by (its store,
 * datasets, model and layer from run.json) and summarised against its assignments.tsv unless others are given.
 */
export async function resolveRunSource(settings: ClusterSettings): Promise<ClusterSettings> {
  if (settings.run === undefined) return settings;
  const run = await openRunFolder(settings.run);
  const reads = queryReads(run);
  const { model, layer } = run.record.result ?? {};
  if (!model) throw new EngineError('input_unreadable', `${join(run.dir, 'run.json')}: names no model, so the reads' vectors are unknown`);
  return {
    ...settings,
    store: reads.store,
    dataset: reads.datasetIds.length === 1 ? reads.datasetIds[0] : reads.datasetIds,
    model,
    layer: settings.layer ?? layer,
    assignments: settings.assignments ?? join(run.dir, 'assignments.tsv'),
  };
}
