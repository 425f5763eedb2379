/*
 * FANTASIA's HDF5 layout, as found in its sources (read, not copied):
 *   - CBBIO/FANTASIA fantasia/src/embedder.py, SequenceEmbedder.store_entry (writer), at 930af6e "Prepare FANTASIA
 *     4.1.1 release"; same code since c673d31 (v3.0.0, Aug 2025). Older: 97bd4de / a445706 (v2.6-3.0).
 *   - CBBIO/FANTASIA fantasia/src/lookup.py, EmbeddingLookUp.enqueue, process, store_entry, _h5_available_layers
 *     (the readers), at 930af6e.
 *   - CBBIO/protein-information-system protein_information_system/operation/embedding/proccess/sequence/esm.py
 *     (PIS 1.5.x; produces the `embedding` / `shape` values the writer stores). FANTASIA 4.1 pins PIS ^3.1, whose
 *     layer-aware source was not available to read.
 *   - docs/source/method/database_and_search.rst (the layout as documented).
 *
 *   /accession_<ID>                      group per sequence, via h5py require_group. <ID> is the FASTA id (first word
 *                                        of the header, so no spaces) with '|' replaced by '_'; nothing else is
 *                                        escaped, so a '/' in an id becomes nested groups. Readers strip the prefix.
 *     sequence                           scalar dataset, `str.encode('utf-8')` → fixed-length bytes (|S<n>), written
 *                                        once per accession. lookup.py reads `[()]` and `.decode('utf-8')` when it
 *                                        can; accessions without `sequence` are skipped with a warning.
 *     type_<embedding_type_id>/          group. The suffix is the INTEGER id of the model's row in PIS's
 *                                        SequenceEmbeddingType table; lookup.py does `int(suffix)` and skips a
 *                                        `type_*` group whose suffix is not an integer or not an enabled model id.
 *       layer_<k>/                       group, k = hidden-layer index, `int(layer_index)` in decimal.
 *         embedding                      dataset `create_dataset(data=record['embedding'])`, no dtype given: a
 *                                        pooled 1-D vector. In PIS 1.5 the value is `tensor.numpy().tolist()`, a
 *                                        Python list, so h5py stores float64; lookup.py casts to float32 itself.
 *                                        Existing datasets are skipped, never overwritten (file opened with 'a').
 *         @shape on the layer_<k> GROUP  `tuple(record['shape'])` → int64 array, e.g. [1024]; one PIS esm.py
 *                                        version gives (1, 1024) for a 1024-value vector. No reader uses it.
 *   No other attributes. Before c673d31 (Aug 2025, FANTASIA 3.0.0 development) there was no layer level:
 *   `embedding` sat directly in `type_<id>/` with `shape` on that group; 4.1's lookup.py names that form in its
 *   docstring but its enqueue skips it.
 *
 * What SeqAtlas writes, and why it differs where it does:
 *   - `type_<model>` holds SeqAtlas's model id (a name, e.g. `type_dna-kmer`), since SeqAtlas has no PIS id table.
 *     FANTASIA's lookup will skip such groups; a model id that is FANTASIA's integer id (`1`) gives `type_1`.
 *   - `sequence`: a scalar variable-length UTF-8 string (h5wasm's native string); h5py's `[()]` returns bytes for
 *     it too, so FANTASIA's `.decode('utf-8')` works unchanged. Either kind is accepted on read.
 *   - `embedding` is always 1-D float32 (SeqAtlas's vectors are float32: float64 would double the size and add
 *     nothing); any integer or float dtype is accepted on read and converted to float32. `shape` is int64 [dim]
 *     on the layer group, as FANTASIA does; on read, a `shape` on the dataset is accepted too, and the shape's
 *     product must equal the number of values (so FANTASIA's (1, d) passes).
 *   - Ids keep '|' (FANTASIA's replacement loses information and would break a round trip). Characters HDF5
 *     cannot hold in a link name are percent-escaped: '/' -> %2F, NUL -> %00, and '%' itself -> %25 so the
 *     escape is reversible. Spaces and any Unicode stay as they are, as UTF-8 bytes in the link name (h5wasm
 *     leaves the link's character-set flag at ASCII; h5py decodes every name as UTF-8 regardless).
 *     Model ids are escaped the same way. A FANTASIA file whose ids contain a literal "%2F", "%25" or "%00"
 *     would be read back with those decoded: an accepted ambiguity, FANTASIA ids come from FASTA headers.
 *   - Groups are created with creation-order tracking, so accessions read back in the order they were written.
 *   - A repeated accession/model/layer is an error rather than silently skipped: our writer makes new files only.
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
