import type { Classification, ReadAssignment } from '../classify/read-assignment.ts';
import { tsvLine } from './csv.ts';
import type { SampleMetadata } from './sample-metadata.ts';
import { assignedNames, taxonLabel } from './taxon-counts.ts';

/** Darwin Core's higher-taxon columns; a run's ranks fill those whose names match. */
const DWC_RANKS = ['kingdom', 'phylum', 'class', 'order', 'family', 'genus'] as const;
/** GBIF's backbone treats Bacteria and Archaea as kingdoms, so a reference's domain fills kingdom when it has none. */
const KINGDOM_STANDINS = ['domain', 'superkingdom'];
/** GBIF's recommended scientificName for a sequence that could not be classified. */
const UNCLASSIFIED = 'incertae sedis';
const READS = 'DNA sequence reads';

const OCCURRENCE_COLUMNS = [
  'occurrenceID', 'eventID', 'basisOfRecord', 'eventDate', 'decimalLatitude', 'decimalLongitude', 'locality',
  'scientificName', 'taxonRank', ...DWC_RANKS,
  'organismQuantity', 'organismQuantityType', 'sampleSizeValue', 'sampleSizeUnit', 'identificationRemarks',
] as const;
const DNA_COLUMNS = [
  'occurrenceID', 'DNA_sequence', 'target_gene', 'target_subfragment', 'pcr_primer_forward', 'pcr_primer_reverse',
  'pcr_primer_name_forward', 'pcr_primer_name_reverse', 'seq_meth', 'env_broad_scale', 'env_local_scale', 'env_medium',
  'otu_class_appr', 'otu_db',
] as const;

/** The reads of one taxon in one sample: one Darwin Core occurrence. */
export interface Occurrence {
  sample: string;
  names: string[];
  reads: ReadAssignment[];
  abundance: number;
  /** The most abundant read (ties: the first by id), whose sequence the DNA derived row carries. */
  representative: string;
}

/** Groups a run's reads by (sample, assigned lineage); sorted by sample, then abundance (largest first). */
export function occurrences(classification: Classification): Occurrence[] {
  const groups = new Map<string, Occurrence>();
  for (const read of classification.reads) {
    const names = assignedNames(read);
    const key = `${read.sample}\t${taxonLabel(names)}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { sample: read.sample, names, reads: [], abundance: 0, representative: read.queryId }));
    group.reads.push(read);
    group.abundance += read.abundance;
  }
  for (const group of groups.values()) {
    const best = group.reads.reduce((a, b) => (b.abundance > a.abundance || (b.abundance === a.abundance && b.queryId < a.queryId) ? b : a));
    group.representative = best.queryId;
  }
  return [...groups.values()].sort((a, b) => (a.sample < b.sample ? -1 : a.sample > b.sample ? 1 : b.abundance - a.abundance || (taxonLabel(a.names) < taxonLabel(b.names) ? -1 : 1)));
}

export interface DarwinCoreInput {
  classification: Classification;
  occurrences: Occurrence[];
  /** Sequence of each occurrence's representative read. */
  sequences: ReadonlyMap<string, string>;
  metadata?: ReadonlyMap<string, SampleMetadata>;
  method: { reference: string; model: string };
}

/** occurrence.tsv (the core) and dna_derived_data.tsv (the extension, one row per occurrence, same occurrenceID). */
export function darwinCoreTables(input: DarwinCoreInput): { occurrence: string; dnaDerived: string } {
  const { classification, metadata, method } = input;
  const { ranks } = classification;
  const dwcRankIndex = new Map(DWC_RANKS.map((dwc) => [dwc, ranks.findIndex((rank) => rank.toLowerCase() === dwc)]));
  if (dwcRankIndex.get('kingdom') === -1) dwcRankIndex.set('kingdom', ranks.findIndex((rank) => KINGDOM_STANDINS.includes(rank.toLowerCase())));
  const sampleSize = new Map<string, number>();
  for (const read of classification.reads) sampleSize.set(read.sample, (sampleSize.get(read.sample) ?? 0) + read.abundance);
  const approach = `SeqAtlas classify: ${method.model} embeddings, nearest-neighbour consensus against reference ${method.reference}`;

  const occurrenceLines = [tsvLine(OCCURRENCE_COLUMNS)];
  const dnaLines = [tsvLine(DNA_COLUMNS)];
  for (const occurrence of input.occurrences) {
    const id = `${occurrence.sample}:${taxonLabel(occurrence.names)}`;
    const depth = occurrence.names.length;
    const meta = metadata?.get(occurrence.sample);
    const field = (name: keyof SampleMetadata) => meta?.[name] ?? '';
    occurrenceLines.push(tsvLine([
      id, occurrence.sample, 'MaterialSample', field('eventDate'), field('decimalLatitude'), field('decimalLongitude'), field('locality'),
      depth > 0 ? occurrence.names[depth - 1]! : UNCLASSIFIED,
      depth > 0 ? ranks[depth - 1]! : '',
      ...DWC_RANKS.map((dwc) => {
        const r = dwcRankIndex.get(dwc)!;
        return r >= 0 && r < depth ? occurrence.names[r]! : '';
      }),
      occurrence.abundance, READS, sampleSize.get(occurrence.sample)!, READS,
      `${approach}; ${confidenceRemark(occurrence, ranks)}`,
    ]));
    dnaLines.push(tsvLine([
      id, input.sequences.get(occurrence.representative) ?? '',
      field('target_gene'), field('target_subfragment'), field('pcr_primer_forward'), field('pcr_primer_reverse'),
      field('pcr_primer_name_forward'), field('pcr_primer_name_reverse'), field('seq_meth'),
      field('env_broad_scale'), field('env_local_scale'), field('env_medium'),
      approach, method.reference,
    ]));
  }
  return { occurrence: occurrenceLines.join(''), dnaDerived: dnaLines.join('') };
}

/** The abundance-weighted mean confidence at the lowest assigned rank, which is what the record claims. */
function confidenceRemark(occurrence: Occurrence, ranks: readonly string[]): string {
  const depth = occurrence.names.length;
  const reads = `${occurrence.reads.length} distinct sequence${occurrence.reads.length === 1 ? '' : 's'}`;
  if (depth === 0) return `not assigned at any rank (${reads})`;
  const weighted = occurrence.reads.reduce((sum, read) => sum + read.calls[depth - 1]!.confidence * read.abundance, 0);
  return `confidence ${(weighted / occurrence.abundance).toFixed(3)} at ${ranks[depth - 1]} (abundance-weighted mean over ${reads})`;
}
