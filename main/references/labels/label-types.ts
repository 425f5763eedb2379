/** Taxonomic ranks SeqAtlas names; a level whose rank cannot be known is `null` in `Lineage.ranks`. */
export type Rank = 'domain' | 'kingdom' | 'phylum' | 'class' | 'order' | 'family' | 'genus' | 'species';

/** A taxonomy path, top-down; `names` and `ranks` always have the same length. */
export interface Lineage {
  names: string[];
  ranks: (Rank | null)[];
}

export interface GoAnnotation {
  /** 'GO:' and 7 digits, e.g. 'GO:0000001'. */
  goId: string;
  /** GAF evidence code (IDA, IEA, …) when the source gives one. */
  evidence: string | null;
}

export interface RecordLabels {
  lineage?: Lineage;
  taxid?: number;
  go?: GoAnnotation[];
}

export type HeaderLabelFormat = 'tab-lineage' | 'sintax' | 'prefixed-lineage' | 'semicolon-lineage' | 'taxid';

/** What label parsing needs of a parsed FASTA/FASTQ header (see main/io/header.ts). */
export interface LabelSourceRecord {
  /** First header token without its `;key=value` parts. */
  id: string;
  /** Header text after the first whitespace, trimmed. */
  description: string;
  /** The `;key=value` pairs of the first token. */
  annotations: Record<string, string>;
}
