import type { DiagonalBand } from './band.ts';
import { encodeResidues } from './residue-codes.ts';
import type { Alphabet } from './scoring.ts';

export interface DiagonalBandOptions {
  /** Picks the seed alphabet and length (see SEEDS); default 'protein'. */
  alphabet?: Alphabet;
  /** Diagonals added on each side of the seeded region, room for indels the seeds did not reveal; default 16. */
  margin?: number;
}

/**
 * Exact k-mer seeds, as FASTA's ktup. Protein k = 3 over the 20 standard residues (8,000 words; FASTA uses 2, BLAST 3
 * with neighbourhood words): a 3-mer survives 70–90 % identity with probability 0.34–0.73, so a homologous pair of a
 * few hundred residues gives dozens of hits on its diagonals, while two random proteins share ~m·n / 8,000, spread
 * thin over m + n diagonals. DNA k = 8 (65,536 words): four letters need a longer word to keep chance hits as rare,
 * and 0.8^8 ≈ 0.17 still seeds every few dozen bases at 80 % identity. Any other letter (X, N, B, *, …) breaks a word.
 */
const SEEDS: Record<Alphabet, { k: number; letters: string }> = {
  protein: { k: 3, letters: 'ACDEFGHIKLMNPQRSTVWY' },
  dna: { k: 8, letters: 'ACGT' },
};

/** Half-width of the diagonal window seeds are summed over: indels of a few residues split a run of seeds this much. */
const WINDOW_RADIUS = 4;
/** A target word with more copies than this is low-complexity (poly-Q, SSS…) and would swamp the histogram. */
const MAX_WORD_COPIES = 16;
/** Fewest seeds in the best window to trust a band at all; fewer and the caller aligns in full. */
const MIN_PEAK_SEEDS = 4;
/**
 * A window counts as part of the alignment when it holds at least this share of the best window's seeds: indels
 * cut a homologous pair into segments on different diagonals, each with a share of the seeds, and all of them
 * must be inside the band.
 */
const PEAK_SHARE = 0.1;

/**
 * Guesses the diagonal band holding the best alignment of query with target from shared k-mers, or returns null
 * when the seeds are too few or too scattered to stand out from chance (align in full then).
 *
 * Seeds are histogrammed by diagonal and summed over a sliding window of 2·WINDOW_RADIUS + 1 diagonals. The
 * busiest window must beat chance (MIN_PEAK_SEEDS, and a few standard deviations above the background rate of the
 * seeds outside it); every window within PEAK_SHARE of it and above that noise level belongs to the alignment,
 * and the band spans the outermost of them plus margin on each side. Spanning them, rather than picking the one
 * best diagonal, keeps every segment between indels — and a second domain on another diagonal — inside the band;
 * if that makes the band wide, the Aligner's fallback to a full DP takes over.
 */
export function findDiagonalBand(query: string, target: string, options: DiagonalBandOptions = {}): DiagonalBand | null {
  return new DiagonalBandFinder(options.alphabet ?? 'protein').find(encodeResidues(query), query.length, encodeResidues(target), target.length, options.margin);
}

/** findDiagonalBand over encoded residues, keeping its index and histogram buffers from one pair to the next. */
export class DiagonalBandFinder {
  private readonly k: number;
  private readonly words: number;
  /** Residue code → rank in the seed alphabet, or -1 for a letter that breaks words. */
  private readonly rank = new Int8Array(128).fill(-1);
  private readonly base: number;
  /** Target index: per word its copy count and its last position; nextPosition chains earlier copies. */
  private readonly copies: Int32Array;
  private readonly lastPosition: Int32Array;
  private nextPosition = new Int32Array(0);
  private histogram = new Int32Array(0);

  constructor(alphabet: Alphabet) {
    const { k, letters } = SEEDS[alphabet];
    this.k = k;
    this.base = letters.length;
    this.words = this.base ** k;
    for (let r = 0; r < letters.length; r++) this.rank[letters.charCodeAt(r)] = r;
    this.copies = new Int32Array(this.words);
    this.lastPosition = new Int32Array(this.words);
  }

  find(query: Uint8Array, m: number, target: Uint8Array, n: number, margin = 16): DiagonalBand | null {
    if (m < this.k || n < this.k) return null;
    this.indexTarget(target, n);
    // Diagonal d = targetPos - queryPos of a seed lies in [-(m - k), n - k]; the histogram is offset by m.
    const diagonals = m + n;
    if (this.histogram.length < diagonals) this.histogram = new Int32Array(Math.max(diagonals, this.histogram.length * 2));
    const histogram = this.histogram.fill(0, 0, diagonals);
    const { copies, lastPosition, nextPosition, rank, words, base, k } = this;
    let seeds = 0;
    let word = 0;
    let run = 0;
    for (let q = 0; q < m; q++) {
      const r = rank[query[q]!]!;
      if (r < 0) {
        run = 0;
        continue;
      }
      word = (word * base + r) % words;
      if (++run < k) continue;
      const count = copies[word]!;
      if (count === 0 || count > MAX_WORD_COPIES) continue;
      const start = q - k + 1;
      for (let t = lastPosition[word]!; t >= 0; t = nextPosition[t]!) histogram[t - start + m]! += 1;
      seeds += count;
    }
    return this.densestBand(histogram, diagonals, seeds, m, margin);
  }

  /** Chains every word of the target: lastPosition[word] is its last start, nextPosition[t] the copy before t. */
  private indexTarget(target: Uint8Array, n: number): void {
    const { copies, lastPosition, rank, words, base, k } = this;
    copies.fill(0);
    if (this.nextPosition.length < n) this.nextPosition = new Int32Array(Math.max(n, this.nextPosition.length * 2));
    const nextPosition = this.nextPosition;
    let word = 0;
    let run = 0;
    for (let t = 0; t < n; t++) {
      const r = rank[target[t]!]!;
      if (r < 0) {
        run = 0;
        continue;
      }
      word = (word * base + r) % words;
      if (++run < k) continue;
      const start = t - k + 1;
      nextPosition[start] = copies[word]! === 0 ? -1 : lastPosition[word]!;
      lastPosition[word] = start;
      copies[word]! += 1;
    }
  }

  private densestBand(histogram: Int32Array, diagonals: number, seeds: number, m: number, margin: number): DiagonalBand | null {
    if (seeds < MIN_PEAK_SEEDS) return null;
    // Window sums over the diagonal histogram; the window ending at x covers histogram[x - width + 1 .. x].
    const width = 2 * WINDOW_RADIUS + 1;
    let peak = 0;
    let sum = 0;
    for (let x = 0; x < diagonals; x++) {
      sum += histogram[x]!;
      if (x >= width) sum -= histogram[x - width]!;
      if (sum > peak) peak = sum;
    }
    // Chance seeds outside the best window, per window, as a Poisson mean; the band must stand out from them.
    const background = ((seeds - peak) * width) / Math.max(1, diagonals - width);
    const noise = background + 3 * Math.sqrt(background);
    if (peak < MIN_PEAK_SEEDS || peak <= 2 * noise) return null;
    const threshold = Math.max(MIN_PEAK_SEEDS / 2, PEAK_SHARE * peak, noise);
    // The band spans the outermost seeds of every window that clears the threshold.
    let first = -1;
    let last = -1;
    sum = 0;
    for (let x = 0; x < diagonals; x++) {
      sum += histogram[x]!;
      if (x >= width) sum -= histogram[x - width]!;
      if (sum < threshold) continue;
      if (first < 0) for (first = Math.max(0, x - width + 1); histogram[first] === 0; first++);
      for (last = x; histogram[last] === 0; last--);
    }
    return { lo: first - m - margin, hi: last - m + margin };
  }
}
