import { basename } from 'node:path';
import type { FileReading } from '../io/file-reading.ts';
import { readSequences } from '../io/read-sequences.ts';
import { noRecordAccepted } from '../io/record-issue.ts';
import { SequenceFileError } from '../io/sequence-file-error.ts';
import type { GeneOntology } from '../ontology/index.ts';
import { EngineError } from '../shared/engine-error.ts';
import type { GoLabelRow, GoTermRow, TaxonomyLabelRow } from '../store/reference-catalog.ts';
import {
  detectHeaderFormat,
  LabelError,
  parseHeaderLabels,
  readGoAnnotations,
  readTaxonomyTable,
  type GoAnnotation,
  type HeaderLabelFormat,
  type LabelSourceRecord,
  type RecordLabels,
} from './labels/index.ts';

export interface LabelSourcesRequest {
  input: string;
  /** Read the file as the embedding will (gaps removed, cut to a region), so exactly the embedded records get labels. */
  reading: FileReading;
  /** Header label format; absent: detected from the first records. 'none' ignores header labels. */
  labelFormat?: HeaderLabelFormat | 'none';
  taxonomyFile?: string;
  goAnnotationsFile?: string;
  ontology?: GeneOntology;
  ontologyPath?: string;
}

export interface CollectedLabels {
  records: number;
  taxonomy: TaxonomyLabelRow[];
  go: GoLabelRow[];
  terms: GoTermRow[];
  sources: { headerFormat: HeaderLabelFormat | null; taxonomyFile: string | null; goAnnotationsFile: string | null; ontology: string | null; ontologyVersion: string | null };
  warnings: string[];
}

const DETECTION_SAMPLE = 200;

/**
 * Gathers a reference file's labels: from its headers (format detected or given) and from side files, which win
 * over header labels for the same id. Runs before any embedding so that a label problem fails in seconds, not
 * after an hour of embedding. Ids in side files that match no record are reported, not silently dropped.
 */
export async function collectReferenceLabels(request: LabelSourcesRequest): Promise<CollectedLabels> {
  const file = basename(request.input);
  const warnings: string[] = [];
  const sideTaxonomy = request.taxonomyFile ? await readSide(() => readTaxonomyTable(request.taxonomyFile!)) : undefined;
  const sideGo = request.goAnnotationsFile ? await readSide(() => readGoAnnotations(request.goAnnotationsFile!)) : undefined;
  if (sideGo && !request.ontology) {
    throw new EngineError('bad_request', `GO annotations (${basename(request.goAnnotationsFile!)}) need the Gene Ontology for term names and namespaces: add --ontology go-basic.obo (or GO.sqlite)`);
  }

  const sample: LabelSourceRecord[] = [];
  const byId = new Map<string, RecordLabels | null>();
  let format: HeaderLabelFormat | null | undefined = request.labelFormat === 'none' ? null : request.labelFormat;
  const pending: LabelSourceRecord[] = [];
  let rejected = 0;
  let firstRejection: string | undefined;
  const take = (record: LabelSourceRecord) => {
    byId.set(record.id, format ? parseOrThrow(format, record, file) : null);
  };
  try {
    for await (const event of readSequences(request.input, { allowGaps: request.reading.removeGaps, region: request.reading.region })) {
      if (event.kind !== 'record') {
        rejected += 1;
        firstRejection ??= event.issue.message;
        continue;
      }
      const record = { id: event.record.id, description: event.record.description, annotations: event.record.annotations };
      if (format !== undefined) {
        take(record);
        continue;
      }
      pending.push(record);
      if (sample.length < DETECTION_SAMPLE) sample.push(record);
      if (pending.length === DETECTION_SAMPLE) {
        format = detect(sample, file);
        pending.splice(0).forEach(take);
      }
    }
  } catch (error) {
    if (error instanceof SequenceFileError) throw new EngineError('input_unreadable', error.message);
    throw error;
  }
  // Otherwise the empty sample would be reported as headers without labels, hiding the reason (gaps, wrong alphabet, …).
  if (byId.size === 0 && rejected > 0) {
    throw new EngineError('no_records_accepted', noRecordAccepted(request.input, rejected, firstRejection));
  }
  if (format === undefined) {
    format = detect(sample, file);
    pending.splice(0).forEach(take);
  }

  const taxonomy: TaxonomyLabelRow[] = [];
  const goRows: GoLabelRow[] = [];
  const usedTerms = new Set<string>();
  let unknownTerms = 0;
  const unknownExamples = new Set<string>();
  for (const [id, headerLabels] of byId) {
    const side = sideTaxonomy?.get(id);
    const lineage = side?.lineage ?? headerLabels?.lineage;
    const taxid = side?.taxid ?? headerLabels?.taxid;
    if (lineage || taxid !== undefined) {
      taxonomy.push({
        seq_id: id,
        lineage: lineage ? lineage.names.join('; ') : null,
        ranks: lineage ? lineage.ranks.map((r) => r ?? '').join(';') : null,
        taxid: taxid ?? null,
      });
    }
    const annotations: GoAnnotation[] = sideGo?.get(id) ?? headerLabels?.go ?? [];
    for (const annotation of annotations) {
      const term = request.ontology?.term(annotation.goId);
      if (!term || term.obsolete) {
        unknownTerms += 1;
        if (unknownExamples.size < 3) unknownExamples.add(annotation.goId);
        continue;
      }
      // Alternative ids are stored under the primary id so that lookups, summaries and evaluation agree.
      goRows.push({ seq_id: id, go_id: term.id, evidence: annotation.evidence });
      usedTerms.add(term.id);
    }
  }
  if (unknownTerms > 0) {
    warnings.push(`${unknownTerms} GO annotations use terms unknown to or obsolete in the ontology (e.g. ${[...unknownExamples].join(', ')}); they were left out`);
  }
  for (const [what, side] of [['taxonomy file', sideTaxonomy], ['GO annotation file', sideGo]] as const) {
    if (!side) continue;
    const orphans = [...side.keys()].filter((id) => !byId.has(id));
    if (orphans.length === side.size && side.size > 0) {
      throw new EngineError('invalid_labels', `none of the ${side.size} ids in the ${what} match a record id of ${file} (first: "${orphans[0]}"); check that both files use the same ids`);
    }
    if (orphans.length > 0) warnings.push(`${orphans.length} ids of the ${what} match no record of ${file} (e.g. "${orphans[0]}")`);
  }
  const terms = [...usedTerms].map((id) => {
    const term = request.ontology!.term(id)!;
    return { go_id: term.id, name: term.name, namespace: term.namespace };
  });
  return {
    records: byId.size,
    taxonomy,
    go: goRows,
    terms,
    sources: {
      headerFormat: format,
      taxonomyFile: request.taxonomyFile ?? null,
      goAnnotationsFile: request.goAnnotationsFile ?? null,
      ontology: request.ontologyPath ?? null,
      ontologyVersion: request.ontology?.version ?? null,
    },
    warnings,
  };
}

function detect(sample: readonly LabelSourceRecord[], file: string): HeaderLabelFormat | null {
  try {
    return detectHeaderFormat(sample, file);
  } catch (error) {
    throw asEngineError(error);
  }
}

function parseOrThrow(format: HeaderLabelFormat, record: LabelSourceRecord, file: string): RecordLabels | null {
  try {
    return parseHeaderLabels(format, record);
  } catch (error) {
    if (error instanceof LabelError) throw new EngineError('invalid_labels', error.message.startsWith(file) ? error.message : `${file}: ${error.message}`);
    throw error;
  }
}

async function readSide<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw asEngineError(error);
  }
}

function asEngineError(error: unknown): unknown {
  return error instanceof LabelError ? new EngineError('invalid_labels', error.message) : error;
}
