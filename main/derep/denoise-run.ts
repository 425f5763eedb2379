import { Aligner, scoringFor } from '../align/index.ts';
import { parseRequest } from '../api/parse-request.ts';
import { expandSequenceInputs } from '../io/sequence-files.ts';
import { EngineError } from '../shared/engine-error.ts';
import { DenoiseRequest, type DenoiseResult } from './denoise-request.ts';
import type { JobContext } from '../api/job-events.ts';
import { ReferenceWords } from '../classify/reference-words.ts';
import { measuredErrorRate } from '../classify/read-errors.ts';
import { readUniques, writeSequencesAndCounts } from './unique-reads.ts';
import { deNovoChimeras } from './denovo-chimeras.ts';
import { differences, unoiseCentroids } from './unoise.ts';

/**
 * Reads with more errors per base than this (by their qualities) are seldom exact copies of their amplicon, which
 * UNOISE needs: a 1,500-base Nanopore read with 5% errors is error-free once in 10^33.
 */
const TOO_NOISY = 0.01;

/** Denoised sequences a rare read is compared with: those sharing the most words with it (the most abundant first). */
const MAP_CANDIDATES = 4;

/**
 * `denoise`: the true sequences among amplicon reads (UNOISE: zero-radius OTUs, what vsearch --cluster_unoise and
 * DADA2 call ASVs) and how many reads of each sample belong to each, as a FASTA and a count table for classify
 * --counts. Sequences below minSize are not candidates; their reads are counted for the most abundant denoised
 * sequence within mapIdentity (as vsearch --usearch_global --otutabout maps reads to zotus), or left out.
 */
export async function runDenoise(input: DenoiseRequest, context: JobContext): Promise<DenoiseResult> {
  const started = performance.now();
  const request = parseRequest(DenoiseRequest, input, 'denoise request');
  const files = await expandSequenceInputs(typeof request.input === 'string' ? [request.input] : request.input);
  const errorRate = await measuredErrorRate(files);
  const noisy = errorRate !== null && errorRate > TOO_NOISY
    ? `the reads have about ${(100 * errorRate).toFixed(1)}% sequencing errors by their qualities, too many for exact copies of each amplicon, which denoising needs (it is for Illumina reads): classify the reads themselves, which calibrates for their errors`
    : null;
  const { uniques, samples, reads } = await readUniques(files, 'denoise', context);
  const centroidOf = unoiseCentroids(uniques.map((u) => ({ sequence: u.sequence, size: u.total })), { alpha: request.alpha, minSize: request.minSize });
  const centroids = [...new Set(centroidOf)].filter((c) => c >= 0);
  if (centroids.length === 0) {
    throw new EngineError('no_records_accepted', `no unique sequence is seen ${request.minSize} times (the most common, ${uniques[0]!.total}): nothing to denoise at --min-size ${request.minSize}; ${noisy ?? 'lower it for a small run'}`);
  }
  if (noisy) context.emit({ type: 'warning', jobId: 'denoise', message: noisy });
  const aligner = new Aligner(scoringFor('dna'));
  // Rare sequences are compared with the few denoised ones sharing the most 8-mers with them, not with every one.
  const words = ReferenceWords.build(centroids.map((c) => uniques[c]!.sequence));
  const tally = new Map(centroids.map((c) => [c, { perSample: new Map<string, number>(), total: 0 }]));
  let unmapped = 0;
  uniques.forEach((unique, u) => {
    let centroid = centroidOf[u]!;
    if (centroid < 0) {
      const most = Math.floor((1 - request.mapIdentity) * unique.sequence.length);
      const near = words.top(unique.sequence, MAP_CANDIDATES).sort((a, b) => a - b).map((i) => centroids[i]!);
      centroid = near.find((c) => differences(unique.sequence, uniques[c]!.sequence, most, aligner) <= most) ?? -1;
    }
    if (centroid < 0) {
      unmapped += unique.total;
      return;
    }
    const counts = tally.get(centroid)!;
    for (const [sample, count] of unique.perSample) counts.perSample.set(sample, (counts.perSample.get(sample) ?? 0) + count);
    counts.total += unique.total;
  });
  const denoised = centroids.map((c) => ({ sequence: uniques[c]!.sequence, ...tally.get(c)! })).sort((a, b) => b.total - a.total);
  // Chimeras of two more abundant denoised sequences are dropped with their reads (as UNOISE3 then UCHIME3 de novo).
  const chimeric = request.chimeras ? deNovoChimeras(denoised.map((d) => d.sequence), denoised.map((d) => d.total)) : new Set<number>();
  const zotus = denoised.filter((_, i) => !chimeric.has(i)).map((zotu, i) => ({ ...zotu, name: `${request.relabel}${i + 1}`, size: zotu.total }));
  const chimericReads = denoised.filter((_, i) => chimeric.has(i)).reduce((sum, d) => sum + d.total, 0);
  const { out, counts } = await writeSequencesAndCounts(request.out, request.counts, zotus, samples);
  return {
    out, counts, reads, uniques: uniques.length, zotus: zotus.length, mapped: reads - unmapped - chimericReads, unmapped,
    chimeras: { sequences: chimeric.size, reads: chimericReads }, samples, seconds: (performance.now() - started) / 1000,
  };
}
