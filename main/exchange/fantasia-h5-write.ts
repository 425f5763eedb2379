import { rename, rm } from 'node:fs/promises';
import type { Group } from 'h5wasm/node';
import {
  EMBEDDING_NAME, SEQUENCE_NAME, SHAPE_ATTRIBUTE, SHAPE_DTYPE,
  accessionGroupName, layerGroupName, modelGroupName, type EmbeddingEntry,
} from './fantasia-h5-layout.ts';
import { EngineError } from '../shared/engine-error.ts';
import { H5FormatError, createH5ForWriting, hdf5Reason } from './h5-file.ts';

/**
 * Writes embeddings in FANTASIA's layout (see fantasia-h5-layout.ts) to `<path>.partial` and renames it to `path`
 * only once every entry is written and the file is closed, so a crash never leaves a half file under the real name.
 * Entries of one accession may arrive interleaved by model and layer; groups are created as first needed.
 * Bad input (empty id, non-integer layer, empty or non-finite vector, a repeated accession/model/layer, two different
 * sequences for one accession, or a dimension that differs from earlier vectors of the same model and layer) aborts
 * the write with H5FormatError, removing the partial file.
 */
export async function writeFantasiaH5(
  path: string,
  entries: AsyncIterable<EmbeddingEntry> | Iterable<EmbeddingEntry>,
): Promise<{ accessions: number; embeddings: number }> {
  const partial = `${path}.partial`;
  const file = await createH5ForWriting(partial);
  let open = true;
  try {
    const sequences = new Map<string, string>();
    const groups = new Map<string, Group>();
    const dims = new Map<string, number>();
    let embeddings = 0;

    // Groups are created one level at a time: h5wasm does not create missing intermediate groups.
    const groupAt = (parent: Group, parentKey: string, name: string): Group => {
      const key = `${parentKey}/${name}`;
      let group = groups.get(key);
      if (!group) {
        group = parent.create_group(name, true);
        groups.set(key, group);
      }
      return group;
    };

    for await (const entry of entries) {
      checkEntry(path, entry);
      const accessionName = accessionGroupName(entry.accession);
      const accessionGroup = groupAt(file, '', accessionName);
      const known = sequences.get(entry.accession);
      if (known === undefined) {
        accessionGroup.create_dataset({ name: SEQUENCE_NAME, data: entry.sequence });
        sequences.set(entry.accession, entry.sequence);
      } else if (known !== entry.sequence) {
        throw new H5FormatError('bad_entry', `${path}: accession "${entry.accession}" was given two different sequences`, { file: path });
      }

      const dimKey = `${entry.model}\u0000${entry.layer}`;
      const dim = dims.get(dimKey) ?? entry.vector.length;
      if (entry.vector.length !== dim) {
        throw new H5FormatError('bad_entry', `${path}: accession "${entry.accession}" model ${entry.model} layer ${entry.layer} has ${entry.vector.length} values, earlier accessions have ${dim}`, { file: path });
      }
      dims.set(dimKey, dim);

      const modelName = modelGroupName(entry.model);
      const layerName = layerGroupName(entry.layer);
      const modelGroup = groupAt(accessionGroup, `/${accessionName}`, modelName);
      const layerKey = `/${accessionName}/${modelName}/${layerName}`;
      if (groups.has(layerKey)) {
        throw new H5FormatError('bad_entry', `${path}: accession "${entry.accession}" model ${entry.model} layer ${entry.layer} given twice`, { file: path });
      }
      const layerGroup = groupAt(modelGroup, `/${accessionName}/${modelName}`, layerName);
      layerGroup.create_dataset({ name: EMBEDDING_NAME, data: entry.vector, dtype: '<f' });
      layerGroup.create_attribute(SHAPE_ATTRIBUTE, [entry.vector.length], [1], SHAPE_DTYPE);
      embeddings += 1;
    }

    open = false;
    file.close();
    await rename(partial, path);
    return { accessions: sequences.size, embeddings };
  } catch (error) {
    if (open) {
      try {
        file.close();
      } catch {
        // The file is being discarded; a failure to close it changes nothing.
      }
    }
    await rm(partial, { force: true });
    // An EngineError from the entries' source (a cancelled export, a store failure) keeps its own code.
    if (error instanceof EngineError) throw error;
    throw new H5FormatError('write_failed', `${path}: writing HDF5 failed (${hdf5Reason(error)})`, { file: path });
  }
}

function checkEntry(path: string, entry: EmbeddingEntry): void {
  const where = `${path}: accession "${entry.accession}" model ${entry.model} layer ${entry.layer}`;
  if (typeof entry.accession !== 'string' || entry.accession === '') throw new H5FormatError('bad_entry', `${path}: an entry has an empty accession`, { file: path });
  if (typeof entry.model !== 'string' || entry.model === '') throw new H5FormatError('bad_entry', `${path}: accession "${entry.accession}" has an empty model id`, { file: path });
  if (typeof entry.sequence !== 'string') throw new H5FormatError('bad_entry', `${where}: sequence is not a string`, { file: path });
  if (!Number.isSafeInteger(entry.layer)) throw new H5FormatError('bad_entry', `${where}: layer is not an integer`, { file: path });
  if (!(entry.vector instanceof Float32Array) || entry.vector.length === 0) throw new H5FormatError('bad_entry', `${where}: vector is empty or not a Float32Array`, { file: path });
  const bad = entry.vector.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) throw new H5FormatError('bad_entry', `${where}: vector value ${bad} is ${entry.vector[bad]}`, { file: path });
}
