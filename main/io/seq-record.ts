export type Alphabet = 'dna' | 'protein';

/** One accepted record, normalised: upper case, DNA `U` as `T`, no whitespace, protein stop `*` removed. */
export interface SeqRecord {
  /** First header token, without `;key=value` annotations. */
  id: string;
  /** Header text after the first whitespace. */
  description: string;
  sequence: string;
  quality?: string;
  /** `;key=value` pairs of the header's first token (size, sample, tax, …). */
  annotations: Record<string, string>;
  /** Dereplicated amplicon count from `;size=N`. */
  size?: number;
  /** Sample from `;sample=X` or `;barcodelabel=X`. */
  sample?: string;
  /** 1-based ordinal in the file, rejected records included. */
  recordNumber: number;
  /** 1-based line of the header. */
  line: number;
}
