import type { ImportSummaryJSON } from '../../io/import-summary.ts';
import type { RecordIssue } from '../../io/record-issue.ts';
import type { Classification } from '../../classify/read-assignment.ts';
import type { ReadProfileJSON } from '../../io/read-profile.ts';

/** A model bundle as the UI lists it (the manifest's user-facing part, not its file paths). */
export interface ModelSummary {
  id: string;
  name: string;
  version: string;
  alphabet: 'dna' | 'protein';
  dim: number;
  layers: number[];
}

/** The engine's dry run over an input file, before anything is imported. */
export interface InputValidation {
  input: string;
  format: 'fasta' | 'fastq';
  gzip: boolean;
  alphabet: string;
  summary: ImportSummaryJSON;
  /** The accepted reads' lengths and stated qualities (absent from Import lists the app kept before it had them). */
  profile?: ReadProfileJSON;
  issues: RecordIssue[];
  issuesOmitted: number;
  /** Whether alignment gaps were removed (records with them accepted), as a run on this file then must too. */
  removeGaps: boolean;
  /**
   * Set by the app, never by the engine: the count table the file came with (the Import screen's denoising), and
   * its samples; the Run screen then classifies the file with it.
   */
  countTable?: { path: string; samples: string[] };
  /** Set by the app: the Import screen step that wrote this file (merged pairs, filtered single reads, denoised). */
  preparedBy?: 'merge' | 'filter' | 'denoise';
}

/** One run folder of a store (`<store>/runs/<id>`), newest first in listings. */
export interface RunListing {
  id: string;
  dir: string;
  kind: string;
  finishedAt: string | null;
  /** A classification the Results screen can open (the folder has assignments.tsv). */
  hasAssignments: boolean;
  /** A map the Explore screen can open (the folder has umap.tsv). */
  hasMap: boolean;
  /** GO terms the Results screen can open (an annotate run: the folder has summary.csv). */
  hasGoSummary: boolean;
}

/** A classify run read back for the Results screen. */
export interface RunTable extends Classification {
  dir: string;
  reference: string | null;
  /** The reads' dataset in the store and the model/layer they were classified with (from run.json): what a map of the run embeds. */
  store: string | null;
  /** One dataset per input file of the run (empty for a run of HDF5 vectors). */
  datasetIds: string[];
  model: string | null;
  layer: number | null;
  /** Reads the run's chimera check listed (chimeras.tsv); empty when it was not checked. */
  chimeras: string[];
}

/** `umap.tsv` joined with `clusters.tsv` of a cluster run; columns are parallel arrays (50,000+ points stay cheap). */
export interface ClusterMap {
  dir: string;
  ids: string[];
  x: number[];
  y: number[];
  /** -1 = noise; null when the run has no clusters.tsv. */
  cluster: number[] | null;
  probability: number[] | null;
  outlier: number[] | null;
  /** The classify run whose assignments a cluster run summarised (its taxa, confidence and novelty for the map); null when none. */
  classifyRun: string | null;
}

/** One row of an annotate run's summary.csv, as the Run screen previews it. */
export interface GoSummaryRow {
  accession: string;
  model: string;
  layer: number;
  goId: string;
  category: string;
  description: string;
  supportCount: number;
  finalScore: number;
}

/** The start of an annotate run's summary.csv with the run's counts. */
export interface GoSummaryTable {
  dir: string;
  reference: string | null;
  queries: number | null;
  annotatedQueries: number | null;
  rows: GoSummaryRow[];
  /** Rows in the whole file (rows holds the first of them). */
  totalRows: number;
}
