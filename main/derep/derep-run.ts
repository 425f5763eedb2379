import { parseRequest } from '../api/parse-request.ts';
import type { JobContext } from '../api/job-events.ts';
import { expandSequenceInputs } from '../io/sequence-files.ts';
import { DereplicateRequest, type DereplicateResult } from './derep-request.ts';
import { readUniques, writeSequencesAndCounts } from './unique-reads.ts';

/**
 * `derep`: the unique sequences of a set of reads, with how often each was seen in each sample, as vsearch
 * --derep_fulllength with --otutabout does: a FASTA of the uniques (most abundant first, `;size=` their total) and a
 * count table that classify reads with --counts.
 */
export async function runDereplicate(input: DereplicateRequest, context: JobContext): Promise<DereplicateResult> {
  const started = performance.now();
  const request = parseRequest(DereplicateRequest, input, 'derep request');
  const files = await expandSequenceInputs(typeof request.input === 'string' ? [request.input] : request.input);
  const { uniques, samples, reads } = await readUniques(files, 'derep', context);
  const kept = uniques.filter((unique) => unique.total >= request.minSize).map((unique, i) => ({ ...unique, name: `${request.relabel}${i + 1}`, size: unique.total }));
  const { out, counts } = await writeSequencesAndCounts(request.out, request.counts, kept, samples);
  return {
    out, counts, reads, uniques: kept.length,
    belowMinSize: { uniques: uniques.length - kept.length, reads: uniques.slice(kept.length).reduce((sum, unique) => sum + unique.total, 0) },
    samples, seconds: (performance.now() - started) / 1000,
  };
}
