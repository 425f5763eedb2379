/**
 * Embeddings in FANTASIA's HDF5 layout (read from FANTASIA's embedder, `store_entry`, in CBBIO/FANTASIA):
 *   /accession_<ID>/sequence                       the sequence (string), once per accession
 *   /accession_<ID>/type_<model>/layer_<k>/embedding  the pooled vector (1-D)
 *   attribute `shape` on the layer_<k> group        the embedding's shape, e.g. [1024]
 * FANTASIA writes <ID> with '|' replaced by '_'. We do the same and also replace '/', which HDF5 would read as a
 * path separator, and keep the original id in an `accession` attribute on the accession group (FANTASIA ignores it;
 * we read it back so ids round-trip exactly).
 */
import { rename, rm, stat } from 'node:fs/promises';
import h5wasm from 'h5wasm/node';

export interface EmbeddingEntry {
  accession: string;
  sequence: string;
  model: string;
  layer: number;
  vector: Float32Array;
}

export interface H5Problem {
  path: string;
  message: string;
}

export class H5FormatError extends Error {
  readonly code = 'h5_invalid';
}

type H5Group = InstanceType<typeof h5wasm.Group>;
type H5Dataset = InstanceType<typeof h5wasm.Dataset>;

const groupName = (accession: string) => `accession_${accession.replace(/[|/]/g, '_')}`;

async function openForRead(path: string): Promise<InstanceType<typeof h5wasm.File>> {
  await h5wasm.ready;
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new H5FormatError(`${path}: no such HDF5 file`);
  try {
    return new h5wasm.File(path, 'r');
  } catch (error) {
    throw new H5FormatError(`${path}: not a readable HDF5 file (${String((error as Error).message ?? error).split('\n')[0]})`);
  }
}

/** Writes to `<path>.partial`, renamed on success: a crash never leaves a half file under the real name. */
export async function writeFantasiaH5(path: string, entries: AsyncIterable<EmbeddingEntry> | Iterable<EmbeddingEntry>): Promise<{ accessions: number; embeddings: number }> {
  await h5wasm.ready;
  const partial = `${path}.partial`;
  await rm(partial, { force: true });
  const file = new h5wasm.File(partial, 'w');
  const accessions = new Map<string, H5Group>();
  let embeddings = 0;
  try {
    for await (const entry of entries) {
      const name = groupName(entry.accession);
      let accessionGroup = accessions.get(name);
      if (!accessionGroup) {
        if (file.get(name)) throw new H5FormatError(`${path}: accessions "${entry.accession}" and another map to the same HDF5 group ${name}`);
        accessionGroup = file.create_group(name);
        accessionGroup.create_attribute('accession', entry.accession);
        accessionGroup.create_dataset({ name: 'sequence', data: entry.sequence });
        accessions.set(name, accessionGroup);
      }
      const typeName = `type_${entry.model}`;
      const typeGroup = (accessionGroup.get(typeName) as H5Group | null) ?? accessionGroup.create_group(typeName);
      const layerName = `layer_${entry.layer}`;
      if (typeGroup.get(layerName)) throw new H5FormatError(`${path}: ${entry.accession} has two embeddings for ${entry.model} layer ${entry.layer}`);
      const layerGroup = typeGroup.create_group(layerName);
      layerGroup.create_dataset({ name: 'embedding', data: entry.vector, shape: [entry.vector.length], dtype: '<f' });
      layerGroup.create_attribute('shape', BigInt64Array.of(BigInt(entry.vector.length)), [1], '<q');
      embeddings += 1;
    }
  } catch (error) {
    file.close();
    await rm(partial, { force: true });
    throw error;
  }
  file.close();
  await rename(partial, path);
  return { accessions: accessions.size, embeddings };
}

/**
 * Reads every embedding, validating the layout. Strict mode throws the first problem as H5FormatError; lenient mode
 * skips the broken entry and reports it.
 */
export async function readFantasiaH5(path: string, options: { strict?: boolean; models?: string[]; layers?: number[] } = {}): Promise<{ entries: EmbeddingEntry[]; problems: H5Problem[] }> {
  const file = await openForRead(path);
  const entries: EmbeddingEntry[] = [];
  const problems: H5Problem[] = [];
  const problem = (at: string, message: string) => {
    if (options.strict ?? true) throw new H5FormatError(`${path}: ${at}: ${message}`);
    problems.push({ path: at, message: `${path}: ${at}: ${message}` });
  };
  try {
    for (const name of file.keys()) {
      if (!name.startsWith('accession_')) continue;
      const group = file.get(name) as H5Group | null;
      if (!group || !('keys' in group)) {
        problem(`/${name}`, 'is not a group');
        continue;
      }
      const storedId = group.attrs.accession?.value;
      const accession = typeof storedId === 'string' ? storedId : name.slice('accession_'.length);
      const sequenceSet = group.get('sequence') as H5Dataset | null;
      const rawSequence = sequenceSet?.value;
      const sequence = typeof rawSequence === 'string' ? rawSequence : rawSequence instanceof Uint8Array ? new TextDecoder().decode(rawSequence) : '';
      for (const typeName of group.keys()) {
        if (!typeName.startsWith('type_')) continue;
        const model = typeName.slice('type_'.length);
        if (options.models && !options.models.includes(model)) continue;
        const typeGroup = group.get(typeName) as H5Group;
        for (const layerName of typeGroup.keys()) {
          const at = `/${name}/${typeName}/${layerName}`;
          const match = /^layer_(-?\d+)$/.exec(layerName);
          if (!match) {
            problem(at, 'group name is not layer_<integer>');
            continue;
          }
          const layer = Number(match[1]);
          if (options.layers && !options.layers.includes(layer)) continue;
          const layerGroup = typeGroup.get(layerName) as H5Group;
          const dataset = (layerGroup && 'keys' in layerGroup ? layerGroup.get('embedding') : null) as H5Dataset | null;
          if (!dataset || !('shape' in dataset)) {
            problem(at, 'has no embedding dataset');
            continue;
          }
          const value = dataset.value;
          if (!(value instanceof Float32Array || value instanceof Float64Array || value instanceof Uint16Array)) {
            problem(`${at}/embedding`, `is not a float array (${dataset.dtype})`);
            continue;
          }
          const vector = value instanceof Float32Array ? value : Float32Array.from(value as Float64Array);
          const shapeAttribute = layerGroup.attrs.shape?.value;
          const declared = shapeAttribute === undefined || shapeAttribute === null ? undefined : Array.from(shapeAttribute as ArrayLike<number | bigint>, Number).reduce((a, b) => a * b, 1);
          if (declared !== undefined && declared !== vector.length) {
            problem(at, `shape attribute says ${declared} values, the embedding has ${vector.length}`);
            continue;
          }
          if (!vector.every(Number.isFinite)) {
            problem(`${at}/embedding`, 'contains NaN or infinite values');
            continue;
          }
          entries.push({ accession, sequence, model, layer, vector });
        }
      }
    }
  } finally {
    file.close();
  }
  return { entries, problems };
}

export async function describeFantasiaH5(path: string): Promise<{ accessions: number; models: string[]; layers: number[]; dims: Record<string, number> }> {
  const { entries } = await readFantasiaH5(path, { strict: false });
  const dims: Record<string, number> = {};
  for (const e of entries) dims[`${e.model}/layer_${e.layer}`] = e.vector.length;
  return {
    accessions: new Set(entries.map((e) => e.accession)).size,
    models: [...new Set(entries.map((e) => e.model))].sort(),
    layers: [...new Set(entries.map((e) => e.layer))].sort((a, b) => a - b),
    dims,
  };
}
