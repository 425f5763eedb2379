import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openRunFolder, queryReads } from '../export/run-folder.ts';
import { EngineError } from '../shared/engine-error.ts';
import { REVERSE_STRAND_FILE } from '../store/run-reads.ts';
import type { ClusterSettings } from './cluster-request.ts';

/** Reads of a classify run named from their reverse complement, and the datasets holding those complements' vectors. */
export interface ReverseStrandReads {
  datasetIds: string[];
  ids: Set<string>;
}

/**
 * `cluster --run DIR`: a classify run's reads, mapped with the very vectors they were classified by (its store,
 * datasets, model and layer from run.json; for reads named from their reverse complement, that strand's vectors)
 * and summarised against its assignments.tsv unless others are given.
 */
export async function resolveRunSource(settings: ClusterSettings): Promise<ClusterSettings & { reverseStrand?: ReverseStrandReads }> {
  if (settings.run === undefined) return settings;
  const run = await openRunFolder(settings.run);
  const reads = queryReads(run);
  const { model, layer } = run.record.result ?? {};
  if (!model) throw new EngineError('input_unreadable', `${join(run.dir, 'run.json')}: names no model, so the reads' vectors are unknown`);
  const reversed = await readFile(join(run.dir, REVERSE_STRAND_FILE), 'utf8').then((text) => text.split('\n').filter(Boolean), (error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new EngineError('input_unreadable', `${join(run.dir, REVERSE_STRAND_FILE)}: ${error.message}`);
  });
  if (reversed.length > 0 && reads.reverseDatasetIds.length === 0) {
    throw new EngineError('input_unreadable', `${join(run.dir, 'run.json')}: names no reverse-strand datasets, yet ${REVERSE_STRAND_FILE} lists ${reversed.length} reads`);
  }
  return {
    ...settings,
    ...(reversed.length > 0 ? { reverseStrand: { datasetIds: reads.reverseDatasetIds, ids: new Set(reversed) } } : {}),
    store: reads.store,
    dataset: reads.datasetIds.length === 1 ? reads.datasetIds[0] : reads.datasetIds,
    model,
    layer: settings.layer ?? layer,
    assignments: settings.assignments ?? join(run.dir, 'assignments.tsv'),
  };
}
