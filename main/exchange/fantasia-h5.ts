/**
 * HDF5 exchange of embeddings in FANTASIA's layout (`/accession_<id>/type_<model>/layer_<k>/embedding`);
 * the layout, and where SeqAtlas's files differ from FANTASIA's, is described in fantasia-h5-layout.ts.
 */
export type { EmbeddingEntry, H5Problem } from './fantasia-h5-layout.ts';
export { H5FormatError, type H5FaultReason } from './h5-file.ts';
export { writeFantasiaH5 } from './fantasia-h5-write.ts';
export { readFantasiaH5, describeFantasiaH5, dimKey, type ReadFantasiaOptions } from './fantasia-h5-read.ts';
