import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parseRequest } from '../api/parse-request.ts';
import type { EventSink, JobControl } from '../api/job-events.ts';
import { readSequences } from '../io/read-sequences.ts';
import { sampleNamesOfFiles } from '../io/sequence-file-names.ts';
import { expandSequenceInputs } from '../io/sequence-files.ts';
import { EngineError } from '../shared/engine-error.ts';
import { DereplicateRequest, type DereplicateResult } from './derep-request.ts';

export interface DereplicateContext {
  emit: EventSink;
  control: JobControl;
}

/** Records read between progress events and checks for cancel. */
const STEP = 10_000;
const LINE_WIDTH = 80;

/**
 * `derep`: the unique sequences of a set of reads, with how often each was seen in each sample, as vsearch
 * --derep_fulllength with --otutabout does: a FASTA of the uniques (most abundant first, `;size=` their total) and a
 * count table that classify reads with --counts. Identical means the same bases as the reader normalises them (upper
 * case, U as T). Reads rejected by the reader are skipped and counted, as embedding does.
 */
export async function runDereplicate(input: DereplicateRequest, context: DereplicateContext): Promise<DereplicateResult> {
  const started = performance.now();
  const request = parseRequest(DereplicateRequest, input, 'derep request');
  const files = await expandSequenceInputs(typeof request.input === 'string' ? [request.input] : request.input);
  const fileSamples = sampleNamesOfFiles(files);
  const jobId = 'derep';
  const uniques = new Map<string, { first: number; perSample: Map<string, number>; total: number }>();
  const sampleOrder = new Set<string>();
  let reads = 0;
  let records = 0;
  let rejected = 0;
  for (const [f, file] of files.entries()) {
    for await (const event of readSequences(file, { detectDuplicates: false, signal: context.control.signal })) {
      if (event.kind === 'issue') {
        rejected += 1;
        continue;
      }
      const { record } = event;
      const sample = record.sample ?? fileSamples[f]!;
      const size = record.size ?? 1;
      sampleOrder.add(sample);
      let unique = uniques.get(record.sequence);
      if (!unique) uniques.set(record.sequence, (unique = { first: uniques.size, perSample: new Map(), total: 0 }));
      unique.perSample.set(sample, (unique.perSample.get(sample) ?? 0) + size);
      unique.total += size;
      reads += size;
      records += 1;
      if (records % STEP === 0) context.emit({ type: 'progress', jobId, stage: 'import', done: records, total: null, unit: 'records', rate: 0, eta: null });
    }
  }
  if (uniques.size === 0) throw new EngineError('no_records_accepted', `${files.map((file) => basename(file)).join(', ')}: no sequence to dereplicate (${rejected} records rejected)`);
  if (rejected > 0) context.emit({ type: 'warning', jobId, message: `${rejected} records were rejected by the reader and left out (seqatlas embed or the Import screen names each one)` });

  // Most abundant first; ties in the order first seen, so the output is the same run to run.
  const ranked = [...uniques].sort((a, b) => b[1].total - a[1].total || a[1].first - b[1].first);
  const kept = ranked.filter(([, unique]) => unique.total >= request.minSize);
  const dropped = ranked.length - kept.length;
  const samples = [...sampleOrder].sort();
  const fasta: string[] = [];
  const table = [['#OTU ID', ...samples].join('\t')];
  kept.forEach(([sequence, unique], i) => {
    const id = `${request.relabel}${i + 1}`;
    const lines = [`>${id};size=${unique.total}`];
    for (let at = 0; at < sequence.length; at += LINE_WIDTH) lines.push(sequence.slice(at, at + LINE_WIDTH));
    fasta.push(`${lines.join('\n')}\n`);
    table.push([id, ...samples.map((sample) => unique.perSample.get(sample) ?? 0)].join('\t'));
  });
  const out = resolve(request.out);
  const counts = resolve(request.counts);
  await Promise.all([mkdir(dirname(out), { recursive: true }), mkdir(dirname(counts), { recursive: true })]);
  await writeFile(out, fasta.join(''));
  await writeFile(counts, `${table.join('\n')}\n`);
  return {
    out, counts, reads, uniques: kept.length,
    belowMinSize: { uniques: dropped, reads: ranked.slice(kept.length).reduce((sum, [, unique]) => sum + unique.total, 0) },
    samples, seconds: (performance.now() - started) / 1000,
  };
}
