import { z } from 'zod';
import { siteWithEdits } from './approximate-site.ts';
import { makeIssue, type RecordIssue } from './record-issue.ts';
import { otherStrand } from './reverse-complement.ts';
import type { SeqRecord } from './seq-record.ts';

/** A primer as published, 5'→3', IUPAC codes allowed (`U` read as `T`). */
const Primer = z
  .string()
  .regex(/^[ACGTURYSWKMBDHVN]{8,60}$/i, 'a primer is 8-60 IUPAC nucleotide codes (A, C, G, T, R, Y, S, W, K, M, B, D, H, V, N)')
  .transform((primer) => primer.toUpperCase().replace(/U/g, 'T'));

/**
 * The amplified region of a marker: what lies between a forward primer and the reverse complement of a reverse
 * primer, both written 5'→3' as published (515F `GTGYCAGCMGCCGCGGTAA`, 806R `GGACTACNVGGGTWTCTAAT`), primers
 * excluded as in primer-trimmed reads.
 */
export const PrimerPair = z
  .object({
    forward: Primer,
    reverse: Primer,
    /**
   * Mismatches allowed in each primer site; default a fifth of the primer's length (QIIME 2's extract-reads identity
   * 0.8), a tenth for a reverse site that reads need not reach.
   */
    maxMismatches: z.number().int().min(0).max(20).optional(),
  })
  .strict();
export type PrimerPair = z.input<typeof PrimerPair>;

/** IUPAC code → bit set over A, C, G, T. */
const MASKS: Record<string, number> = { A: 1, C: 2, G: 4, T: 8, R: 5, Y: 10, S: 6, W: 9, K: 12, M: 3, B: 14, D: 13, H: 11, V: 7, N: 15 };

const complement = (mask: number): number => ((mask & 1) << 3) | ((mask & 8) >> 3) | ((mask & 2) << 1) | ((mask & 4) >> 1);

/** MASKS by character code: a read's masks are built for every read filtered, so no per-base object lookup. */
const MASK_OF_CODE = new Uint8Array(128);
for (const [base, mask] of Object.entries(MASKS)) MASK_OF_CODE[base.charCodeAt(0)] = mask;

function masksOf(sequence: string): Uint8Array {
  const masks = new Uint8Array(sequence.length);
  for (let i = 0; i < sequence.length; i += 1) masks[i] = MASK_OF_CODE[sequence.charCodeAt(i) & 127]!;
  return masks;
}

/**
 * Leftmost start at or after `from` where the primer matches with the fewest mismatches, if any within `limit`. A
 * sequence base matches when every base it may stand for is allowed by the primer there (an `N` in the sequence
 * matches only an `N` in the primer: an unknown base is no evidence of the site).
 */
function bestSite(sequence: Uint8Array, primer: Uint8Array, from: number, limit: number): number | null {
  let best: number | null = null;
  let fewest = limit + 1;
  for (let start = from; start + primer.length <= sequence.length; start += 1) {
    let mismatches = 0;
    for (let i = 0; i < primer.length && mismatches < fewest; i += 1) {
      const base = sequence[start + i]!;
      if (base === 0 || (base & ~primer[i]!) !== 0) mismatches += 1;
    }
    if (mismatches < fewest) {
      fewest = mismatches;
      best = start;
      if (mismatches === 0) break;
    }
  }
  return best;
}

const reverseComplementMasks = (masks: Uint8Array): Uint8Array => Uint8Array.from(masks, (_, i) => complement(masks[masks.length - 1 - i]!));

/**
 * Cuts records to the region between a primer pair. Reference databases (SILVA, PR2, Greengenes, MIDORI) hold
 * full-length genes while amplicon reads cover one region; a k-mer embedding of 1,500 bases is far from that of its
 * own 250-base V4 (the gold split's V4 reads were all novel against the full-length reference), so references are
 * cut to the region first, as QIIME 2's extract-reads does. A record whose strand holds no site is tried on its
 * reverse complement, since some databases mix orientations. Written here, not taken from a library, because no npm
 * package matches degenerate primers with mismatches; the scan is a few microseconds per 1.5 kb record.
 */
export class PrimerRegionCutter {
  private readonly forward: Uint8Array;
  /** The reverse primer as it appears on the forward strand. */
  private readonly reverseSite: Uint8Array;
  private readonly limits: { forward: number; reverse: number };

  /**
   * `reverseOptional`: a record with the forward site but no reverse site keeps everything after the forward primer
   * (a single-end read that stops before the amplicon's end), as cutadapt's linked adapter with an optional 3' part.
   * `indels`: a site the mismatch-only scan does not find is looked for again with insertions and deletions counted
   * as edits too (reads of long-read sequencers; see approximate-site.ts), but for an optional reverse site.
   */
  constructor(private readonly pair: z.output<typeof PrimerPair>, private readonly options: { reverseOptional?: boolean; indels?: boolean } = {}) {
    this.forward = masksOf(pair.forward);
    this.reverseSite = reverseComplementMasks(masksOf(pair.reverse));
    const limit = (primer: string, share: number) => pair.maxMismatches ?? Math.floor(primer.length * share);
    // An optional reverse site is looked for in reads that mostly stop short of it, where a site found is more
    // likely a look-alike inside the region: it gets cutadapt's stricter default error rate, 0.1.
    this.limits = { forward: limit(pair.forward, 0.2), reverse: limit(pair.reverse, options.reverseOptional ? 0.1 : 0.2) };
  }

  /** The record cut to the region (quality too), or a `primer_not_found` issue naming the primer that was missing. */
  cut(record: SeqRecord, file: string): { kind: 'record'; record: SeqRecord } | { kind: 'issue'; issue: RecordIssue } {
    const masks = masksOf(record.sequence);
    let region = this.region(masks);
    let strand = record;
    if (region.missing) {
      const flipped = this.region(reverseComplementMasks(masks));
      if (!flipped.missing) {
        region = flipped;
        strand = otherStrand(record);
      }
    }
    if (region.missing) {
      const primer = region.missing === 'forward' ? `forward primer ${this.pair.forward}` : `reverse primer ${this.pair.reverse} (as its reverse complement, after the forward primer)`;
      const limit = region.missing === 'forward' ? this.limits.forward : this.limits.reverse;
      return { kind: 'issue', issue: makeIssue(file, record.recordNumber, record.line, record.id, 'primer_not_found', `${primer} not found on either strand with at most ${limit} ${this.options.indels ? 'edits' : 'mismatches'}`) };
    }
    return { kind: 'record', record: { ...strand, sequence: strand.sequence.slice(region.start, region.end), quality: strand.quality?.slice(region.start, region.end) } };
  }

  private region(masks: Uint8Array): { missing: 'forward' | 'reverse'; start: 0; end: 0 } | { missing: null; start: number; end: number } {
    const forward = this.site(masks, this.forward, 0, this.limits.forward, true);
    if (forward === null) return { missing: 'forward', start: 0, end: 0 };
    const start = forward.end;
    // A site overlapping the forward primer, or right after it, would leave nothing between them.
    // An optional reverse site is mostly absent (the read stops first): searching every read's rest with edits would
    // quadruple the time of filtering Illumina single reads, for the rare indel in a site they reach.
    const reverse = this.site(masks, this.reverseSite, start + 1, this.limits.reverse, !this.options.reverseOptional);
    if (reverse === null) return this.options.reverseOptional ? { missing: null, start, end: masks.length } : { missing: 'reverse', start: 0, end: 0 };
    return { missing: null, start, end: reverse.start };
  }

  private site(masks: Uint8Array, primer: Uint8Array, from: number, limit: number, editsAllowed: boolean): { start: number; end: number } | null {
    const start = bestSite(masks, primer, from, limit);
    if (start !== null) return { start, end: start + primer.length };
    return this.options.indels && editsAllowed ? siteWithEdits(masks, primer, from, limit) : null;
  }
}

/** What parsePrimerPair wants, in words: the app says it under a primer field whose text is not that. */
export const PRIMER_PAIR_FORMAT = 'Two primers, forward,reverse, each 8-60 IUPAC nucleotide codes';

/** The command line's `--primers FORWARD,REVERSE`, or null for text that is not two primers. */
export function parsePrimerPair(text: string, maxMismatches?: number): z.output<typeof PrimerPair> | null {
  const [forward, reverse, extra] = text.split(',').map((part) => part.trim());
  const parsed = PrimerPair.safeParse({ forward, reverse, ...(maxMismatches === undefined ? {} : { maxMismatches }) });
  return extra === undefined && parsed.success ? parsed.data : null;
}
