import type { WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseRequest } from '../api/parse-request.ts';
import type { JobContext } from '../api/job-events.ts';
import { ProgressMeter } from '../api/progress-meter.ts';
import { formatHeader } from '../io/header.ts';
import { PrimerRegionCutter } from '../io/primer-region.ts';
import { readSequences } from '../io/read-sequences.ts';
import { sampleNamesOfFiles } from '../io/sequence-file-names.ts';
import { expandSequenceInputs } from '../io/sequence-files.ts';
import { sniffFile } from '../io/sniff-file.ts';
import { writeBatch, writeWholeFile } from '../io/whole-file-stream.ts';
import { pairReadFiles } from '../pairs/read-pair-files.ts';
import { EngineError } from '../shared/engine-error.ts';
import { libraryVersions } from '../shared/version.ts';
import { FilterReadsRequest, type FilteredSample, type FilterFailureCounts, type FilterReadsResult } from './filter-request.ts';
import { FILTER_FAILURES, filterRead, type FilterSettings } from './read-filter.ts';

/** Reads filtered between progress events and checks for pause and cancel. */
const STEP = 4096;
const REPORT_FILE = 'filter_report.tsv';
/** What to try when a sample loses most of its reads to one check. */
const HINTS: Record<string, string> = {
  no_primer: 'check the primers and that the reads still carry them (reads trimmed already need no --primers)',
  truncated_short: 'a shorter truncation length keeps more reads',
  expected_errors: 'long or noisy reads (Nanopore) need a per-base limit, --max-ee-rate, instead of --max-ee',
  too_short: 'check --min-length',
  too_long: 'check --max-length',
  ambiguous: 'raise --max-ns',
};

/**
 * `filter`: single-end reads cut to their primers, truncated and quality-filtered, one FASTQ per sample (an input
 * file, or MinKNOW's chunk files of one barcode), for denoise and classify. Paired-end files are refused: filtering
 * each mate alone would put the pairs out of step, and merge-pairs filters merged reads itself. Each output is
 * written whole or not at all (writeWholeFile).
 */
export async function runFilterReads(input: FilterReadsRequest, context: JobContext): Promise<FilterReadsResult> {
  const started = performance.now();
  const request = parseRequest(FilterReadsRequest, input, 'filter request');
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  const files = await expandSequenceInputs(inputs);
  const [pair] = pairReadFiles(files).pairs;
  if (pair) {
    throw new EngineError('bad_request', `${basename(pair.forward)} and ${basename(pair.reverse)} are the two reads of paired-end amplicons: merge them with merge-pairs (which drops merged reads by --max-ee) rather than filtering each alone`);
  }
  for (const file of files) {
    if ((await sniffFile(file)).format !== 'fastq') throw new EngineError('input_unreadable', `${basename(file)} is FASTA: filtering reads needs the base qualities of FASTQ`);
  }
  const out = resolve(request.out);
  // A sample's files (MinKNOW's chunks of one barcode) go to one output file.
  const bySample = new Map<string, string[]>();
  sampleNamesOfFiles(files).forEach((sample, i) => bySample.set(sample, [...(bySample.get(sample) ?? []), files[i]!]));
  const outputOf = (sample: string) => join(out, `${sample}.fastq`);
  const overwritten = [...bySample].flatMap(([sample, group]) => group.filter((file) => resolve(file) === outputOf(sample)))[0];
  if (overwritten) throw new EngineError('bad_request', `filtering ${basename(overwritten)} into ${out} would overwrite it: choose another output folder`);
  await mkdir(out, { recursive: true });
  const settings: FilterSettings = {
    truncateQuality: request.truncateQuality, truncateLength: request.truncateLength, minLength: request.minLength, maxLength: request.maxLength,
    maxAmbiguous: request.maxAmbiguous, maxErrorRate: request.maxErrorRate,
    maxExpectedErrors: request.maxExpectedErrors !== undefined ? request.maxExpectedErrors : request.maxErrorRate === null ? 1 : null,
  };
  const cutter = request.primers ? new PrimerRegionCutter(request.primers, { reverseOptional: !request.requireBothPrimers, indels: true }) : undefined;

  const jobId = 'filter';
  const meter = new ProgressMeter();
  let done = 0;
  const results: FilteredSample[] = [];
  for (const [sample, group] of bySample) {
    const tally = { reads: 0, kept: 0, length: 0, errors: 0, dropped: Object.fromEntries(FILTER_FAILURES.map((reason) => [reason, 0])) as FilterFailureCounts };
    const write = async (stream: WriteStream) => {
      for (const file of group) {
        await filterFile(file, settings, cutter, stream, tally, context.control.signal, async () => {
          done += STEP;
          if (context.control.signal.aborted) throw new EngineError('cancelled', `filter cancelled in ${basename(file)}; ${results.length} samples were filtered`);
          await context.control.waitIfPaused();
          context.emit({ type: 'progress', jobId, stage: 'filter', done, total: null, unit: 'reads', rate: meter.update(done, null).rate, eta: null });
        });
      }
    };
    // A sample that kept nothing gets no file: an empty one is no FASTQ to denoise or classify.
    await writeWholeFile(outputOf(sample), write, () => tally.kept > 0);
    results.push({
      sample, inputs: group, file: tally.kept > 0 ? outputOf(sample) : null, reads: tally.reads, kept: tally.kept, dropped: tally.dropped,
      meanLength: tally.kept > 0 ? tally.length / tally.kept : null, meanExpectedErrors: tally.kept > 0 ? tally.errors / tally.kept : null,
    });
    if (tally.kept < tally.reads / 2) {
      const [reason] = FILTER_FAILURES.filter((r) => tally.dropped[r] > 0).sort((a, b) => tally.dropped[b] - tally.dropped[a]);
      const hint = reason && HINTS[reason] ? `: ${HINTS[reason]}` : '';
      context.emit({ type: 'warning', jobId, message: `${sample}: ${tally.kept} of ${tally.reads} reads kept, most dropped as ${reason ?? 'unreadable'}${hint} (see ${REPORT_FILE})` });
    }
  }
  const reads = results.reduce((sum, s) => sum + s.reads, 0);
  context.emit({ type: 'progress', jobId, stage: 'filter', done: reads, total: reads, unit: 'reads', rate: meter.update(reads, reads).rate, eta: 0 });
  const result: FilterReadsResult = { out, samples: results, reads, kept: results.reduce((sum, s) => sum + s.kept, 0), seconds: (performance.now() - started) / 1000 };
  await writeFile(join(out, REPORT_FILE), reportTsv(results));
  await writeFile(join(out, 'run.json'), `${JSON.stringify({ kind: 'filter', finishedAt: new Date().toISOString(), versions: libraryVersions(), settings: { ...settings, primers: request.primers ?? null, requireBothPrimers: request.requireBothPrimers }, result }, null, 2)}\n`);
  return result;
}

async function filterFile(
  file: string, settings: FilterSettings, cutter: PrimerRegionCutter | undefined, stream: WriteStream,
  tally: { reads: number; kept: number; length: number; errors: number; dropped: FilterFailureCounts }, signal: AbortSignal, step: () => Promise<void>,
): Promise<void> {
  let text = '';
  // Repeated ids are passed through as they are: keeping every id in memory would bound the file size.
  for await (const event of readSequences(file, { alphabet: 'dna', detectDuplicates: false, signal })) {
    tally.reads += 1;
    const outcome = event.kind === 'issue' ? ({ kind: 'dropped', reason: 'unreadable' } as const) : filterRead(event.record as typeof event.record & { quality: string }, settings, cutter);
    if (outcome.kind === 'kept') {
      tally.kept += 1;
      tally.length += outcome.record.sequence.length;
      tally.errors += outcome.expectedErrors;
      text += `@${formatHeader(outcome.record)}\n${outcome.record.sequence}\n+\n${outcome.record.quality!}\n`;
    } else tally.dropped[outcome.reason] += 1;
    if (tally.reads % STEP === 0) {
      await writeBatch(stream, text);
      text = '';
      await step();
    }
  }
  await writeBatch(stream, text);
}

function reportTsv(samples: readonly FilteredSample[]): string {
  const header = ['sample', 'inputs', 'file', 'reads', 'kept', ...FILTER_FAILURES, 'mean_length', 'mean_expected_errors'];
  const mean = (value: number | null, digits: number) => (value === null ? '' : value.toFixed(digits));
  const rows = samples.map((s) => [
    s.sample, s.inputs.map((input) => basename(input)).join(','), s.file === null ? '' : basename(s.file), s.reads, s.kept, ...FILTER_FAILURES.map((reason) => s.dropped[reason]), mean(s.meanLength, 1), mean(s.meanExpectedErrors, 3),
  ].join('\t'));
  return `${[header.join('\t'), ...rows].join('\n')}\n`;
}
