import { resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import type { EmbedRequest, EmbedResult } from '../api/embed-request.ts';
import type { EventSink, JobControl } from '../api/job-events.ts';
import { parseRequest } from '../api/parse-request.ts';
import { datasetIdFor, importFingerprint } from '../io/dataset-fingerprint.ts';
import { readingFlags, readingFromCatalog, type FileReading } from '../io/file-reading.ts';
import { sniffFile } from '../io/sniff-file.ts';
import { loadOntology } from './ontology-file.ts';
import { EngineError } from '../shared/engine-error.ts';
import { SEQUENCES_TABLE, sqlString } from '../store/lance-schemas.ts';
import { forgetKeptFits } from '../store/kept-fits.ts';
import { Store } from '../store/store.ts';
import { collectReferenceLabels } from './collect-labels.ts';
import { ReferenceBuildRequest, type ReferenceBuildResult, type ReferenceDescription } from './reference-request.ts';
import type { HeaderLabelFormat } from './labels/index.ts';

export interface ReferenceBuildContext {
  embed(request: EmbedRequest, options: { emit: EventSink; control: JobControl }): Promise<EmbedResult>;
  emit: EventSink;
  control: JobControl;
}

/** The dataset a reference set's sequences are stored as: named after the set, so it reads well in `store info`. */
const referenceDatasetName = (name: string) => `ref-${name}`;

/**
 * Builds (or extends with another model or layer) a reference set: labels are read and checked first, then the
 * sequences are embedded by an ordinary, resumable embedding job, and last the set and its labels are written to
 * the catalog in one transaction. Re-running the same command after a crash resumes the embedding; running it
 * with another model adds that model's vectors to the same set.
 */
export async function buildReference(requestInput: ReferenceBuildRequest, context: ReferenceBuildContext): Promise<ReferenceBuildResult> {
  const started = performance.now();
  const request = parseRequest(ReferenceBuildRequest, requestInput, 'reference build request');
  const input = resolve(request.input);
  await stat(input).catch(() => {
    throw new EngineError('input_unreadable', `reference file ${input} does not exist`);
  });
  // Checked before the labels are read: cutting protein records to a primer region would reject every one of them.
  if (request.region && (await sniffFile(input).catch(() => undefined))?.alphabet === 'protein') {
    throw new EngineError('bad_request', `primers cut DNA records, but ${input} holds protein sequences`);
  }
  const reading: FileReading = { removeGaps: request.removeGaps, region: request.region };
  const datasetIdOf = async (of: FileReading) => datasetIdFor(input, await importFingerprint(input, of), referenceDatasetName(request.name));
  const datasetId = await datasetIdOf(reading);
  const existing = await existingReference(request.store, request.name);
  if (existing && existing.datasetId !== datasetId && existing.datasetId === (await datasetIdOf(existing.reading))) {
    throw new EngineError(
      'reference_exists',
      `reference "${request.name}" was built from ${input} ${readingFlags(existing.reading)}; run with the same settings to add a model, or choose another --name`,
    );
  }
  if (existing && existing.datasetId !== datasetId) {
    throw new EngineError(
      'reference_exists',
      `reference "${request.name}" already exists, built from ${existing.source}; ${input} is a different file: choose another --name or delete it first (seqatlas reference delete --name ${request.name})`,
    );
  }

  const ontology = request.ontology ? await loadOntology(request.ontology) : undefined;
  const labels = await collectReferenceLabels({
    input,
    reading,
    labelFormat: request.labelFormat === 'auto' ? undefined : (request.labelFormat as HeaderLabelFormat | 'none'),
    taxonomyFile: request.taxonomy ? resolve(request.taxonomy) : undefined,
    goAnnotationsFile: request.goAnnotations ? resolve(request.goAnnotations) : undefined,
    ontology,
    ontologyPath: request.ontology ? resolve(request.ontology) : undefined,
  });
  if (labels.taxonomy.length === 0 && labels.go.length === 0) {
    throw new EngineError(
      'invalid_labels',
      `no labels found for ${input}: its headers carry no lineage, SINTAX tax= or taxid, and no --taxonomy or --go-annotations file was given`,
    );
  }
  for (const message of labels.warnings) context.emit({ type: 'warning', jobId: `reference:${request.name}`, message });

  const embedded = await context.embed(
    {
      input, store: request.store, model: request.model, dataset: referenceDatasetName(request.name), layers: request.layers, removeGaps: request.removeGaps, region: request.region,
      device: request.device, threads: request.threads, precision: request.precision, batch: request.batch,
    },
    { emit: context.emit, control: context.control },
  );

  const store = await Store.open(request.store, { lockFor: `saving reference ${request.name}` });
  try {
    const withGo = new Set(labels.go.map((g) => g.seq_id)).size;
    store.catalog.references.save(
      {
        name: request.name,
        dataset_id: embedded.datasetId,
        source_path: input,
        label_sources: JSON.stringify(labels.sources),
        records: embedded.accepted,
        with_lineage: labels.taxonomy.filter((t) => t.lineage !== null).length,
        with_taxid: labels.taxonomy.filter((t) => t.taxid !== null).length,
        with_go: withGo,
      },
      labels,
    );
    await forgetKeptFits(store.dir, request.name);
    return {
      reference: describeOpen(store, request.name),
      embedded: embedded.embedded,
      rejected: embedded.rejected,
      store: store.dir,
      alreadyEmbedded: embedded.alreadyDone,
      warnings: labels.warnings,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await store.close();
  }
}

async function existingReference(storeDir: string, name: string): Promise<{ datasetId: string; source: string; reading: FileReading } | undefined> {
  const present = await stat(resolve(storeDir, 'store.json')).then(() => true, () => false);
  if (!present) return undefined;
  const store = await Store.open(storeDir, { readonly: true });
  try {
    const row = store.catalog.references.get(name);
    return row ? { datasetId: row.dataset_id, source: row.source_path, reading: readingFromCatalog(store.catalog.getDataset(row.dataset_id)?.reading) } : undefined;
  } finally {
    await store.close();
  }
}

export async function listReferences(storeDir: string): Promise<ReferenceDescription[]> {
  const store = await Store.open(storeDir, { readonly: true });
  try {
    return store.catalog.references.list().map((row) => describeOpen(store, row.name));
  } finally {
    await store.close();
  }
}

export async function describeReference(storeDir: string, name: string): Promise<ReferenceDescription> {
  const store = await Store.open(storeDir, { readonly: true });
  try {
    return describeOpen(store, name);
  } finally {
    await store.close();
  }
}

export function describeOpen(store: Store, name: string): ReferenceDescription {
  const row = requireReference(store, name);
  const goTerms = (store.catalog.db.prepare('SELECT count(DISTINCT go_id) AS n FROM reference_go WHERE reference = ?').get(name) as { n: number }).n;
  const share = (n: number) => (row.records > 0 ? n / row.records : 0);
  return {
    name: row.name,
    datasetId: row.dataset_id,
    source: row.source_path,
    records: row.records,
    labelled: { lineage: row.with_lineage, taxid: row.with_taxid, go: row.with_go },
    coverage: { taxonomy: share(Math.max(row.with_lineage, row.with_taxid)), go: share(row.with_go) },
    goTerms,
    labelSources: JSON.parse(row.label_sources) as Record<string, unknown>,
    reading: readingFromCatalog(store.catalog.getDataset(row.dataset_id)?.reading),
    embeddings: store.catalog.listEmbeddings(row.dataset_id).map((e) => ({ model: e.model, layer: e.layer, dim: e.dim, count: e.count })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function requireReference(store: Store, name: string) {
  const row = store.catalog.references.get(name);
  if (!row) {
    const names = store.catalog.references.list().map((r) => r.name);
    throw new EngineError('unknown_reference', `store ${store.dir} has no reference "${name}" (references: ${names.join(', ') || 'none'}; build one with seqatlas reference build)`);
  }
  return row;
}

/**
 * Deletes a reference set. The catalog forgets it first, in one transaction, and the dataset's vectors and
 * sequences are removed after: a crash in between leaves unreferenced rows, which the next embedding of that
 * dataset clears (it deletes everything after its checkpoint), never a reference whose vectors are gone.
 */
export async function deleteReference(storeDir: string, name: string): Promise<{ name: string; deletedRows: boolean }> {
  const store = await Store.open(storeDir, { lockFor: `deleting reference ${name}` });
  try {
    const row = requireReference(store, name);
    const tables = store.catalog.listEmbeddings(row.dataset_id).map((e) => e.table_name);
    const shared = store.catalog.references.sharing(row.dataset_id, name).length > 0;
    store.catalog.transaction(() => {
      store.catalog.references.delete(name);
      if (!shared) store.catalog.deleteDataset(row.dataset_id);
    });
    await forgetKeptFits(store.dir, name);
    if (shared) return { name, deletedRows: false };
    const filter = `dataset_id = ${sqlString(row.dataset_id)}`;
    for (const table of tables) await store.lance.deleteWhere(table, filter);
    await store.lance.deleteWhere(SEQUENCES_TABLE, filter);
    return { name, deletedRows: true };
  } finally {
    await store.close();
  }
}
