/*
 * FANTASIA's HDF5 layout, as found in its sources (read, not copied):
 *   - CBBIO/FANTASIA fantasia/src/embedder.py (also PyPI fantasia-4.1.0, same file), SequenceEmbedder.store_entry
 *   - CBBIO/FANTASIA fantasia/src/lookup.py, EmbeddingLookUp.enqueue (the reader side)
 *
 *   /accession_<ID>                      group, one per sequence; <ID> is the FASTA id with '|' replaced by '_'
 *                                        and nothing else escaped (h5py would turn a '/' into nested groups)
 *     sequence                           scalar dataset, the residues as UTF-8 bytes (h5py `data=str.encode()`,
 *                                        i.e. fixed-length |S<n>); the lookup reads it with `[()].decode('utf-8')`
 *     type_<model>/                      group; FANTASIA 4.1 writes its embedding-type id here, its lookup
 *                                        compares the suffix with the model's task name
 *       layer_<k>/                       group, k = the hidden-layer index as a decimal integer
 *         embedding                      dataset written straight from the model's numpy array: a pooled 1-D
 *                                        vector of the model's dtype (float32 for fp32 models)
 *         @shape (on the layer_<k> GROUP) the embedding's shape as an int64 array, e.g. [1024]
 *   No other attributes are written.
 *
 * What SeqAtlas writes, and why it differs where it does:
 *   - `sequence`: a scalar variable-length UTF-8 string (h5wasm's native string); h5py's `[()]` returns bytes for
 *     it too, so FANTASIA's `.decode('utf-8')` works unchanged. Either kind is accepted on read.
 *   - `type_<model>` holds SeqAtlas's model id; `embedding` is always 1-D float32; `shape` is int64 [dim] on the
 *     layer group, as FANTASIA does. On read, a `shape` attribute on the dataset is accepted too.
 *   - Ids keep '|' (FANTASIA's replacement loses information and would break a round trip). Characters HDF5
 *     cannot hold in a link name are percent-escaped: '/' -> %2F, NUL -> %00, and '%' itself -> %25 so the
 *     escape is reversible. Spaces and any Unicode stay as they are (HDF5 link names are UTF-8).
 *     Model ids are escaped the same way. A FANTASIA file whose ids contain a literal "%2F", "%25" or "%00"
 *     would be read back with those decoded: an accepted ambiguity, FANTASIA ids come from FASTA headers.
 *   - Groups are created with creation-order tracking, so accessions read back in the order they were written.
 */

export const ACCESSION_PREFIX = 'accession_';
export const MODEL_PREFIX = 'type_';
export const LAYER_PREFIX = 'layer_';
export const SEQUENCE_NAME = 'sequence';
export const EMBEDDING_NAME = 'embedding';
export const SHAPE_ATTRIBUTE = 'shape';
/** h5wasm's spelling of little-endian int64, the dtype h5py gives a tuple of Python ints. */
export const SHAPE_DTYPE = '<q';

export interface EmbeddingEntry {
  accession: string;
  sequence: string;
  model: string;
  layer: number;
  vector: Float32Array;
}

export interface H5Problem {
  /** The HDF5 path at fault, e.g. `/accession_P1/type_esm2/layer_6/embedding`. */
  path: string;
  /** One line naming the file and the HDF5 path. */
  message: string;
}

/** Makes an id safe as one HDF5 link name; reversed by `unescapeName`. */
export function escapeName(id: string): string {
  return id.replace(/[%/\0]/g, (c) => (c === '%' ? '%25' : c === '/' ? '%2F' : '%00'));
}

export function unescapeName(name: string): string {
  return name.replace(/%(25|2F|00)/g, (_, code: string) => (code === '25' ? '%' : code === '2F' ? '/' : '\0'));
}

export function accessionGroupName(accession: string): string {
  return ACCESSION_PREFIX + escapeName(accession);
}

export function modelGroupName(model: string): string {
  return MODEL_PREFIX + escapeName(model);
}

export function layerGroupName(layer: number): string {
  return LAYER_PREFIX + String(layer);
}

/** The layer index of a `layer_<int>` group name, or undefined when the name is not of that form. */
export function parseLayerName(name: string): number | undefined {
  const match = /^layer_(-?\d+)$/.exec(name);
  if (!match) return undefined;
  const layer = Number(match[1]);
  return Number.isSafeInteger(layer) ? layer : undefined;
}
