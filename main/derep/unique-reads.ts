import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { JobContext } from '../api/job-events.ts';
import { readSequences } from '../io/read-sequences.ts';
import { sampleNamesOfFiles } from '../io/sequence-file-names.ts';
import { EngineError } from '../shared/engine-error.ts';

/** Records read between progress events. */
const STEP = 10_000;
const LINE_WIDTH = 80;

export interface UniqueRead {
  sequence: string;
  /** Reads of this sequence in each sample (`;size=` tags added up). */
  perSample: Map<string, number>;
  total: number;
}

export interface UniqueReads {
  /** Most abundant first; ties in the order first seen, so the output is the same run to run. */
  uniques: UniqueRead[];
  /** Sorted by code point. */
  samples: string[];
  reads: number;
}

/**
 * The unique sequences of reads and their counts per sample (a read's `;sample=` tag, else its file's name).
 * Identical means the same bases as the reader normalises them (upper case, U as T). Records the reader rejects are
 * skipped and said in one warning, as embedding does.
 */
export async function readUniques(files: readonly string[], jobId: string, context: JobContext): Promise<UniqueReads> {
  const fileSamples = sampleNamesOfFiles(files);
  const bySequence = new Map<string, UniqueRead & { first: number }>();
  const samples = new Set<string>();
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
      samples.add(sample);
      let unique = bySequence.get(record.sequence);
      if (!unique) bySequence.set(record.sequence, (unique = { sequence: record.sequence, first: bySequence.size, perSample: new Map(), total: 0 }));
      unique.perSample.set(sample, (unique.perSample.get(sample) ?? 0) + size);
      unique.total += size;
      reads += size;
      records += 1;
      if (records % STEP === 0) context.emit({ type: 'progress', jobId, stage: 'import', done: records, total: null, unit: 'records', rate: 0, eta: null });
    }
  }
  if (bySequence.size === 0) throw new EngineError('no_records_accepted', `${files.map((file) => basename(file)).join(', ')}: no sequence to read (${rejected} records rejected)`);
  if (rejected > 0) context.emit({ type: 'warning', jobId, message: `${rejected} records were rejected by the reader and left out (seqatlas embed or the Import screen names each one)` });
  const uniques = [...bySequence.values()].sort((a, b) => b.total - a.total || a.first - b.first);
  return { uniques, samples: [...samples].sort(), reads };
}

/**
 * Writes named sequences as FASTA (`>NAME;size=N`) and their counts per sample as a count table (vsearch's
 * --otutabout layout, which classify --counts reads); returns both paths, resolved.
 */
export async function writeSequencesAndCounts(
  outInput: string, countsInput: string, records: readonly { name: string; sequence: string; size: number; perSample: ReadonlyMap<string, number> }[], samples: readonly string[],
): Promise<{ out: string; counts: string }> {
  const out = resolve(outInput);
  const counts = resolve(countsInput);
  await Promise.all([mkdir(dirname(out), { recursive: true }), mkdir(dirname(counts), { recursive: true })]);
  await writeFile(out, fastaOf(records));
  await writeFile(counts, countTableOf(records, samples));
  return { out, counts };
}

/** `>NAME;size=N` records, 80 bases a line. */
function fastaOf(records: readonly { name: string; sequence: string; size: number }[]): string {
  return records.map(({ name, sequence, size }) => {
    const lines = [`>${name};size=${size}`];
    for (let at = 0; at < sequence.length; at += LINE_WIDTH) lines.push(sequence.slice(at, at + LINE_WIDTH));
    return `${lines.join('\n')}\n`;
  }).join('');
}

/** vsearch's --otutabout layout: `#OTU ID`, one column per sample. */
function countTableOf(rows: readonly { name: string; perSample: ReadonlyMap<string, number> }[], samples: readonly string[]): string {
  return `${[['#OTU ID', ...samples].join('\t'), ...rows.map((row) => [row.name, ...samples.map((sample) => row.perSample.get(sample) ?? 0)].join('\t'))].join('\n')}\n`;
}
