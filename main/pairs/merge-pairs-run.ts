import type { WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseRequest } from '../api/parse-request.ts';
import type { JobContext } from '../api/job-events.ts';
import { ProgressMeter } from '../api/progress-meter.ts';
import { expandSequenceInputs } from '../io/sequence-files.ts';
import { readSequences, type ReadEvent } from '../io/read-sequences.ts';
import { printable } from '../io/record-issue.ts';
import { writeBatch, writeWholeFile } from '../io/whole-file-stream.ts';
import { EngineError } from '../shared/engine-error.ts';
import { libraryVersions } from '../shared/version.ts';
import { PrimerPair, PrimerRegionCutter } from '../io/primer-region.ts';
import { FAILURES, MergePairsRequest, type FailureCounts, type MergedSample, type MergePairsResult } from './merge-request.ts';
import { mergePair, type MergeSettings } from './pair-merger.ts';
import { mateId } from './mate-files.ts';
import { pairReadFiles, type PairedFiles } from './read-pair-files.ts';

/** Pairs merged between progress events and checks for pause and cancel. */
const STEP = 4096;
/** A value that can sit in a `;sample=X;` header annotation. */
const ANNOTATION_SAFE = /^[^\s;=]+$/;
const REPORT_FILE = 'merge_report.tsv';

/**
 * `merge-pairs`: one FASTQ of merged reads per paired-end sample, for classify and embed, which take one sequence per
 * amplicon. Each sample's file is written under a temporary name and renamed when complete, so a cancelled or
 * crashed merge never leaves a file that looks whole.
 */
export async function runMergePairs(input: MergePairsRequest, context: JobContext): Promise<MergePairsResult> {
  const started = performance.now();
  const request = parseRequest(MergePairsRequest, input, 'merge-pairs request');
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  const files = await expandSequenceInputs(inputs);
  const { pairs, single } = pairReadFiles(files);
  if (pairs.length === 0) {
    throw new EngineError('bad_request', `no paired-end files among ${inputs.map((path) => basename(path)).join(', ')}: the two files of a pair are named alike but for the read number (NAME_R1.fastq.gz and NAME_R2.fastq.gz, NAME_S1_L001_R1_001.fastq.gz, or NAME_1.fq and NAME_2.fq)`);
  }
  const jobId = 'merge-pairs';
  if (single.length > 0) context.emit({ type: 'warning', jobId, message: `${single.length} files have no mate and are not merged (first: ${basename(single[0]!)})` });
  const out = resolve(request.out);
  await mkdir(out, { recursive: true });
  const settings: MergeSettings = { minOverlap: request.minOverlap, maxDiffs: request.maxDiffs, allowStagger: request.allowStagger, maxExpectedErrors: request.maxExpectedErrors, minLength: request.minLength };
  const cutter = request.region ? new PrimerRegionCutter(PrimerPair.parse(request.region)) : undefined;

  // Lanes of one sample (NAME_S1_L001_…, NAME_S1_L002_…) go to one file.
  const bySample = new Map<string, PairedFiles[]>();
  for (const pair of pairs) bySample.set(pair.sample, [...(bySample.get(pair.sample) ?? []), pair]);
  const meter = new ProgressMeter();
  let done = 0;
  const samples: MergedSample[] = [];
  for (const [sample, lanes] of [...bySample].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = join(out, `${sample}.fastq`);
    const tally = { readPairs: 0, merged: 0, length: 0, overlap: 0, failed: Object.fromEntries(FAILURES.map((reason) => [reason, 0])) as FailureCounts };
    await writeWholeFile(file, async (stream) => {
      for (const lane of lanes) {
        await mergeFiles(lane, settings, cutter, ANNOTATION_SAFE.test(sample) ? `;sample=${sample}` : '', stream, tally, async () => {
          done += STEP;
          if (context.control.signal.aborted) throw new EngineError('cancelled', `merge-pairs cancelled in ${basename(lane.forward)}; ${samples.length} samples were merged`);
          await context.control.waitIfPaused();
          const { rate } = meter.update(done, null);
          context.emit({ type: 'progress', jobId, stage: 'merge', done, total: null, unit: 'read pairs', rate, eta: null });
        });
      }
    });
    samples.push({
      sample, file, pairs: lanes.map(({ forward, reverse }) => ({ forward, reverse })), readPairs: tally.readPairs, merged: tally.merged, failed: tally.failed,
      meanLength: tally.merged > 0 ? tally.length / tally.merged : null, meanOverlap: tally.merged > 0 ? tally.overlap / tally.merged : null,
    });
    if (tally.merged < tally.readPairs / 2) {
      context.emit({ type: 'warning', jobId, message: `${sample}: ${tally.merged} of ${tally.readPairs} pairs merged: check that the reads overlap (an amplicon longer than both reads together cannot be merged; see ${REPORT_FILE})` });
    }
  }
  const readPairs = samples.reduce((sum, s) => sum + s.readPairs, 0);
  context.emit({ type: 'progress', jobId, stage: 'merge', done: readPairs, total: readPairs, unit: 'read pairs', rate: meter.update(readPairs, readPairs).rate, eta: 0 });
  const result: MergePairsResult = {
    out, samples, unpaired: single, readPairs, merged: samples.reduce((sum, s) => sum + s.merged, 0),
    seconds: (performance.now() - started) / 1000,
  };
  await writeFile(join(out, REPORT_FILE), reportTsv(samples));
  await writeFile(join(out, 'run.json'), `${JSON.stringify({ kind: 'merge-pairs', finishedAt: new Date().toISOString(), versions: libraryVersions(), settings: { ...settings, region: request.region ?? null }, result }, null, 2)}\n`);
  return result;
}

async function mergeFiles(
  lane: PairedFiles, settings: MergeSettings, cutter: PrimerRegionCutter | undefined, tag: string, stream: WriteStream,
  tally: { readPairs: number; merged: number; length: number; overlap: number; failed: FailureCounts }, step: () => Promise<void>,
): Promise<void> {
  // Mates are matched by position, as sequencers write them: no id is kept, so files of any size stream through.
  const forward = readSequences(lane.forward, { alphabet: 'dna', detectDuplicates: false });
  const reverse = readSequences(lane.reverse, { alphabet: 'dna', detectDuplicates: false });
  let text = '';
  for (let n = 1; ; n += 1) {
    const [a, b] = await Promise.all([forward.next(), reverse.next()]);
    if (a.done || b.done) {
      if (a.done && b.done) break;
      const [ended, goesOn] = a.done ? [lane.forward, lane.reverse] : [lane.reverse, lane.forward];
      throw new EngineError('input_unreadable', `${basename(ended)} ends after ${n - 1} reads, its mate ${basename(goesOn)} goes on: the two files of a pair must hold the same reads in the same order (was one filtered alone?)`);
    }
    tally.readPairs += 1;
    const outcome = cutToRegion(mergeEvents(a.value, b.value, lane, n, settings), cutter, lane);
    if (outcome.kind === 'merged') {
      tally.merged += 1;
      tally.length += outcome.sequence.length;
      tally.overlap += outcome.overlap;
      text += `@${outcome.id}${tag}\n${outcome.sequence}\n+\n${outcome.quality}\n`;
    } else tally.failed[outcome.reason] += 1;
    if (n % STEP === 0) {
      await writeBatch(stream, text);
      text = '';
      await step();
    }
  }
  await writeBatch(stream, text);
}

function mergeEvents(a: ReadEvent, b: ReadEvent, lane: PairedFiles, n: number, settings: MergeSettings) {
  if (a.kind === 'issue' || b.kind === 'issue') return { kind: 'failed' as const, reason: 'unreadable' as const };
  const [first, second] = [a.record, b.record];
  if (first.quality === undefined || second.quality === undefined) {
    throw new EngineError('input_unreadable', `${basename(first.quality === undefined ? lane.forward : lane.reverse)} is FASTA: merging pairs needs the base qualities of FASTQ`);
  }
  if (mateId(first.id) !== mateId(second.id)) {
    throw new EngineError('input_unreadable', `read ${n} of ${basename(lane.forward)} ("${printable(first.id)}") and of ${basename(lane.reverse)} ("${printable(second.id)}") are not mates: the two files of a pair must hold the same reads in the same order`);
  }
  const outcome = mergePair({ forward: { sequence: first.sequence, quality: first.quality }, reverse: { sequence: second.sequence, quality: second.quality } }, settings);
  return outcome.kind === 'merged' ? { ...outcome, id: mateId(first.id) } : outcome;
}

/** A merged read cut to the primers' region (the cutter counts a read and quality of either strand), or dropped. */
function cutToRegion<O extends ReturnType<typeof mergeEvents>>(outcome: O, cutter: PrimerRegionCutter | undefined, lane: PairedFiles): O | { kind: 'failed'; reason: 'no_primers' } {
  if (!cutter || outcome.kind !== 'merged') return outcome;
  const cut = cutter.cut({ id: outcome.id, description: '', sequence: outcome.sequence, quality: outcome.quality, annotations: {}, recordNumber: 0, line: 0 }, basename(lane.forward));
  return cut.kind === 'record' ? { ...outcome, sequence: cut.record.sequence, quality: cut.record.quality! } : { kind: 'failed', reason: 'no_primers' };
}

function reportTsv(samples: readonly MergedSample[]): string {
  const header = ['sample', 'file', 'read_pairs', 'merged', ...FAILURES, 'mean_length', 'mean_overlap', 'forward_files', 'reverse_files'];
  const mean = (value: number | null) => (value === null ? '' : value.toFixed(1));
  const rows = samples.map((s) => [
    s.sample, basename(s.file), s.readPairs, s.merged, ...FAILURES.map((reason) => s.failed[reason]), mean(s.meanLength), mean(s.meanOverlap),
    s.pairs.map((p) => basename(p.forward)).join(','), s.pairs.map((p) => basename(p.reverse)).join(','),
  ].join('\t'));
  return `${[header.join('\t'), ...rows].join('\n')}\n`;
}
