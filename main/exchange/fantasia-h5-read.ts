import type { Attribute, Dataset, File as H5File, Group } from 'h5wasm/node';
import {
  ACCESSION_PREFIX, EMBEDDING_NAME, MODEL_PREFIX, SEQUENCE_NAME, SHAPE_ATTRIBUTE,
  parseLayerName, unescapeName, type EmbeddingEntry, type H5Problem,
} from './fantasia-h5-layout.ts';
import { H5FormatError, hdf5Reason, loadH5wasm, openH5ForReading } from './h5-file.ts';

export interface ReadFantasiaOptions {
  /** Throw H5FormatError on the first problem (default); otherwise skip the bad object and collect the problem. */
  strict?: boolean;
  /** Only these model ids (as in `type_<model>`, unescaped). */
  models?: string[];
  /** Only these layer indices. */
  layers?: number[];
}

/**
 * Reads every `/accession_*\/type_*\/layer_*\/embedding` as an entry, validating each: the embedding dataset
 * exists, is numeric, is a vector (1-D, or 1×d), holds only finite values and agrees with its `shape` attribute;
 * layer groups are named `layer_<int>`; a present `sequence` is a string. Missing, non-HDF5 and truncated files
 * always throw H5FormatError; other problems throw in strict mode and are skipped and collected otherwise.
 */
export async function readFantasiaH5(
  path: string,
  options: ReadFantasiaOptions = {},
): Promise<{ entries: EmbeddingEntry[]; problems: H5Problem[] }> {
  const strict = options.strict ?? true;
  const wantedModels = options.models ? new Set(options.models) : undefined;
  const wantedLayers = options.layers ? new Set(options.layers) : undefined;
  const entries: EmbeddingEntry[] = [];
  const problems: H5Problem[] = [];
  const report = (h5Path: string, reason: string): void => {
    const problem = { path: h5Path, message: `${path}: ${h5Path}: ${reason}` };
    if (strict) throw new H5FormatError('layout', problem.message, { file: path, h5Path });
    problems.push(problem);
  };

  await withFile(path, async (file) => {
    const h5 = await loadH5wasm();
    const accessionNames = new Map<string, string>();
    for (const accessionName of file.keys()) {
      if (!accessionName.startsWith(ACCESSION_PREFIX)) continue;
      const accessionPath = `/${accessionName}`;
      const accessionGroup = file.get(accessionName);
      if (!(accessionGroup instanceof h5.Group)) {
        report(accessionPath, 'is not a group');
        continue;
      }
      const accession = unescapeName(accessionName.slice(ACCESSION_PREFIX.length));
      const clash = accessionNames.get(accession);
      if (clash !== undefined) {
        report(accessionPath, `names the same accession "${accession}" as /${clash}`);
        continue;
      }
      accessionNames.set(accession, accessionName);
      const sequence = readSequence(h5, accessionGroup, `${accessionPath}/${SEQUENCE_NAME}`, report);
      if (sequence === undefined) continue;

      for (const modelName of accessionGroup.keys()) {
        if (!modelName.startsWith(MODEL_PREFIX)) continue;
        const model = unescapeName(modelName.slice(MODEL_PREFIX.length));
        if (wantedModels && !wantedModels.has(model)) continue;
        const modelPath = `${accessionPath}/${modelName}`;
        const modelGroup = accessionGroup.get(modelName);
        if (!(modelGroup instanceof h5.Group)) {
          report(modelPath, 'is not a group');
          continue;
        }
        for (const layerName of modelGroup.keys()) {
          const layerPath = `${modelPath}/${layerName}`;
          const layer = parseLayerName(layerName);
          if (layer === undefined) {
            report(layerPath, layerName === EMBEDDING_NAME
              ? 'has no layer_<k> group above it (FANTASIA\'s layout before August 2025), so its layer is unknown'
              : 'is not named layer_<integer>');
            continue;
          }
          if (wantedLayers && !wantedLayers.has(layer)) continue;
          const layerGroup = modelGroup.get(layerName);
          if (!(layerGroup instanceof h5.Group)) {
            report(layerPath, 'is not a group');
            continue;
          }
          const vector = readEmbedding(h5, layerGroup, `${layerPath}/${EMBEDDING_NAME}`, report);
          if (vector) entries.push({ accession, sequence, model, layer, vector });
        }
      }
    }
  });
  return { entries, problems };
}

/** A quick summary from the layout and dataset shapes alone; values are not read or validated. */
export async function describeFantasiaH5(
  path: string,
): Promise<{ accessions: number; models: string[]; layers: number[]; dims: Record<string, number> }> {
  const models = new Set<string>();
  const layers = new Set<number>();
  const dims: Record<string, number> = {};
  let accessions = 0;
  await withFile(path, async (file) => {
    const h5 = await loadH5wasm();
    for (const accessionName of file.keys()) {
      const accessionGroup = accessionName.startsWith(ACCESSION_PREFIX) ? file.get(accessionName) : null;
      if (!(accessionGroup instanceof h5.Group)) continue;
      accessions += 1;
      for (const modelName of accessionGroup.keys()) {
        const modelGroup = modelName.startsWith(MODEL_PREFIX) ? accessionGroup.get(modelName) : null;
        if (!(modelGroup instanceof h5.Group)) continue;
        const model = unescapeName(modelName.slice(MODEL_PREFIX.length));
        models.add(model);
        for (const layerName of modelGroup.keys()) {
          const layer = parseLayerName(layerName);
          if (layer === undefined) continue;
          layers.add(layer);
          const key = dimKey(model, layer);
          if (dims[key] !== undefined) continue;
          const embedding = modelGroup.get(`${layerName}/${EMBEDDING_NAME}`);
          if (embedding instanceof h5.Dataset && embedding.shape) dims[key] = embedding.shape.reduce((a, b) => a * b, 1);
        }
      }
    }
  });
  return { accessions, models: [...models].sort(), layers: [...layers].sort((a, b) => a - b), dims };
}

/** The key of `describeFantasiaH5().dims`: `<model>/layer_<k>`, as the HDF5 sub-path reads. */
export function dimKey(model: string, layer: number): string {
  return `${model}/layer_${layer}`;
}

type H5 = Awaited<ReturnType<typeof loadH5wasm>>;
type Report = (h5Path: string, reason: string) => void;

async function withFile(path: string, use: (file: H5File) => Promise<void>): Promise<void> {
  const file = await openH5ForReading(path);
  try {
    await use(file);
  } catch (error) {
    if (error instanceof H5FormatError) throw error;
    throw new H5FormatError('damaged', `${path}: damaged HDF5 file (${hdf5Reason(error)})`, { file: path });
  } finally {
    try {
      file.close();
    } catch {
      // Closing a damaged file can fail too; the error that matters was already raised.
    }
  }
}

/** The accession's sequence ('' when FANTASIA left it out), or undefined after reporting a bad one. */
function readSequence(h5: H5, group: Group, h5Path: string, report: Report): string | undefined {
  const entity = guarded(() => group.get(SEQUENCE_NAME), h5Path, report);
  if (entity === null) return '';
  if (entity === undefined) return undefined;
  if (!(entity instanceof h5.Dataset)) return void report(h5Path, 'is not a dataset');
  const value = guarded(() => entity.value, h5Path, report);
  if (value === undefined) return undefined;
  // A fixed-length string of shape [1] comes back as a one-element array.
  const text = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (typeof text === 'string') return text;
  if (text instanceof Uint8Array) return new TextDecoder().decode(text);
  return void report(h5Path, 'is not a string');
}

function readEmbedding(h5: H5, layerGroup: Group, h5Path: string, report: Report): Float32Array | undefined {
  const entity = guarded(() => layerGroup.get(EMBEDDING_NAME), h5Path, report);
  if (entity === undefined) return undefined;
  if (entity === null) return void report(h5Path, 'embedding dataset is missing');
  if (!(entity instanceof h5.Dataset)) return void report(h5Path, 'is not a dataset');
  const dataset: Dataset = entity;
  const shape = dataset.shape ?? [];
  const numericClass = dataset.metadata.type === 0 || dataset.metadata.type === 1; // H5T_INTEGER, H5T_FLOAT
  if (!numericClass) return void report(h5Path, `holds non-numeric data (dtype ${JSON.stringify(dataset.dtype)})`);
  const isVector = shape.length === 1 || (shape.length === 2 && shape[0] === 1);
  if (!isVector) return void report(h5Path, `has shape [${shape.join(', ')}]; a pooled 1-D vector is expected`);
  const length = shape.at(-1)!;
  if (length === 0) return void report(h5Path, 'is empty');

  const declared = guarded(() => shapeAttribute(layerGroup) ?? shapeAttribute(dataset), h5Path, report);
  if (declared === undefined) return undefined;
  if (declared !== null) {
    const agrees = declared.length > 0 && declared.every((n) => Number.isFinite(n)) && declared.reduce((a, b) => a * b, 1) === length;
    if (!agrees) return void report(h5Path, `shape attribute [${declared.join(', ')}] disagrees with the ${length} values stored`);
  }

  const raw = guarded(() => dataset.value, h5Path, report);
  if (raw === undefined) return undefined;
  const vector = toFloat32(raw);
  if (!vector || vector.length !== length) return void report(h5Path, 'holds non-numeric data');
  const bad = vector.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) return void report(h5Path, `value ${bad} is ${vector[bad]}`);
  return vector;
}

/** The `shape` attribute as numbers, or null when absent. */
function shapeAttribute(owner: Group | Dataset): number[] | null {
  const attribute: Attribute | undefined = owner.attrs[SHAPE_ATTRIBUTE];
  if (!attribute) return null;
  const value = attribute.value;
  const items = typeof value === 'number' || typeof value === 'bigint' ? [value]
    : ArrayBuffer.isView(value) || Array.isArray(value) ? Array.from(value as ArrayLike<unknown>) : [];
  return items.map((item) => (typeof item === 'number' || typeof item === 'bigint' ? Number(item) : Number.NaN));
}

function toFloat32(value: unknown): Float32Array | undefined {
  if (value instanceof Float32Array) return value;
  if (value instanceof BigInt64Array || value instanceof BigUint64Array) return Float32Array.from(value, (n) => Number(n));
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Float32Array.from(value as unknown as ArrayLike<number>);
  return undefined;
}

/** Runs an h5wasm read, turning an HDF5 failure into a reported problem (undefined) rather than a crash. */
function guarded<T>(read: () => T, h5Path: string, report: Report): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof H5FormatError) throw error;
    report(h5Path, `unreadable (${hdf5Reason(error)})`);
    return undefined;
  }
}
