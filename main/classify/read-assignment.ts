/**
 * The result of classifying one read against a labelled reference: the contract between the classifier (kNN
 * consensus or a trained bundle's head), the files it writes and every export.
 */
export interface RankCall {
  /** Rank name as the reference names it: domain, kingdom, phylum, class, order, family, genus, species. */
  rank: string;
  /** The best-supported name at this rank, whether or not it reaches the confidence threshold. */
  name: string;
  /** Calibrated probability (0–1) that `name` is right at this rank. Never increases going down the ranks. */
  confidence: number;
}

export interface ReadAssignment {
  queryId: string;
  /**
   * Sample the read belongs to: `;sample=` in its header, the sample map, or else the input file's base name. A read
   * that a count table counts in several samples is one ReadAssignment per sample, alike but for this and `abundance`.
   */
  sample: string;
  /** Reads this record stands for in `sample`: the count table's count, `;size=N` of a dereplicated amplicon, else 1. */
  abundance: number;
  /**
   * Calls top-down from the reference's top rank: one per rank, or fewer when the neighbours' lineages stop
   * above the lowest rank (a reference labelled only to family cannot name a genus); empty when none is labelled.
   */
  calls: RankCall[];
  /** How many calls, from the top, are assigned (confidence ≥ the run's minimum); 0 = unassigned. */
  assignedRanks: number;
  /** Nearest reference and its distance (the reference set's metric); null when there is none. */
  bestHit: string | null;
  bestDistance: number | null;
  /** ≥ 0; above 1 means farther from every reference than reads of known taxa usually are. */
  noveltyScore: number;
  novel: boolean;
}

/** A whole classification run, as written to and read back from `assignments.tsv`. */
export interface Classification {
  /** Rank names of the reference, top-down; every read's `calls` follow this order. */
  ranks: string[];
  /** One per read, or per read and sample (see `sample`); use distinctReads for one per read. */
  reads: ReadAssignment[];
}
