/**
 * Chimera detection on the 16S gold split, V4 region: 300 PCR chimeras simulated from pairs of training-half V4
 * regions of different families (the first 30–70% of one, then the rest of the other from the same relative
 * position), and the 472 real test-half V4 regions, classified against the training half cut to V4
 * (`reference build --primers`). Reported: chimeras found, real reads wrongly flagged, and the time the check adds;
 * beside vsearch --uchime_ref against the same V4 references (when installed).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Engine } from '../main/api/engine.ts';
import { PrimerPair, PrimerRegionCutter } from '../main/io/primer-region.ts';
import { mulberry32 } from '../native/onnx/seeded-random.ts';
import { refdataDir } from './bench-env.ts';
import { goldSplit, readGold } from './taxonomy-peers.ts';
import { nanoporeErrors } from './taxonomy-noisy.ts';

const V4 = { forward: 'GTGYCAGCMGCCGCGGTAA', reverse: 'GGACTACNVGGGTWTCTAAT' };
const CHIMERAS = 300;
const NOISY_RATE = 0.05;

export async function benchChimeraCheck(): Promise<Record<string, unknown>> {
  const work = await mkdtemp(join(tmpdir(), 'seqatlas-bench-chimera-'));
  try {
    const { train, test } = await goldSplit(refdataDir(), work);
    const cutter = new PrimerRegionCutter(PrimerPair.parse(V4));
    const regions = (file: string) => readGold(file).flatMap((record) => {
      const cut = cutter.cut({ id: record.id, description: '', sequence: record.sequence.toUpperCase(), annotations: {}, recordNumber: 0, line: 0 }, file);
      return cut.kind === 'record' && /^[ACGT]+$/.test(cut.record.sequence) ? [{ id: record.id, sequence: cut.record.sequence, family: record.lineage.slice(0, 5).join(';') }] : [];
    });
    const parents = regions(train);
    const real = regions(test);
    const chimeras = simulateChimeras(parents, mulberry32(20261123));
    const files = { chimeras: join(work, 'chimeras.fasta'), real: join(work, 'real.fasta'), references: join(work, 'v4-references.fasta') };
    await writeFile(files.chimeras, chimeras.map((r) => `>${r.id}\n${r.sequence}\n`).join(''));
    await writeFile(files.real, real.map((r) => `>${r.id}\n${r.sequence}\n`).join(''));
    await writeFile(files.references, parents.map((r) => `>${r.id}\n${r.sequence}\n`).join(''));

    const engine = new Engine();
    const store = join(work, 'store');
    await engine.buildReference({ input: train, name: 'v4', model: 'dna-kmer', store, region: V4 });
    const seqatlas: Record<string, unknown> = {};
    for (const [name, input] of Object.entries({ chimeras: files.chimeras, real: files.real })) {
      // Without the check first, so that the fit is kept and both runs time the classification alone.
      const without = await engine.classify({ input, reference: 'v4', store, out: join(work, `${name}-unchecked`), overrides: { chimera_check: false, strand: 'forward' } });
      const out = join(work, `${name}-checked`);
      const checked = await engine.classify({ input, reference: 'v4', store, out, overrides: { strand: 'forward' } });
      const assignments = (await readFile(join(out, 'assignments.tsv'), 'utf8')).trim().split('\n').slice(1).map((line) => line.split('\t'));
      const novel = new Set(assignments.filter((fields) => fields[fields.length - 4] === 'true').map((fields) => fields[0]));
      const flagged = (await readFile(join(out, 'chimeras.tsv'), 'utf8')).trim().split('\n').slice(1).map((line) => line.split('\t')[0]);
      seqatlas[name] = {
        reads: checked.reads, flagged: flagged.length, novel: novel.size, flaggedAmongNovel: flagged.filter((id) => novel.has(id)).length,
        secondsWithout: Number(without.seconds.toFixed(2)), secondsWith: Number(checked.seconds.toFixed(2)),
      };
    }
    const result: Record<string, unknown> = { references: parents.length, seqatlas };
    if (spawnSync('vsearch', ['--version']).status === 0) {
      result['vsearch --uchime_ref'] = Object.fromEntries(Object.entries({ chimeras: files.chimeras, real: files.real }).map(([name, input]) => [name, uchimeRef(input, files.references, work)['vsearch --uchime_ref']]));
    } else result.vsearch = 'not installed (apt-get install vsearch)';
    result[`full length, ${100 * NOISY_RATE}% errors`] = await noisyFullLength(engine, train, test, work);
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface Template {
  sequence: string;
  family: string;
}

/** CHIMERAS PCR chimeras of templates of different families: the first 30–70% of one, then the rest of the other. */
function simulateChimeras(parents: readonly Template[], random: () => number): { id: string; sequence: string }[] {
  const chimeras: { id: string; sequence: string }[] = [];
  while (chimeras.length < CHIMERAS) {
    const a = parents[Math.floor(random() * parents.length)]!;
    const b = parents[Math.floor(random() * parents.length)]!;
    if (a.family === b.family) continue;
    const k = Math.floor(a.sequence.length * (0.3 + 0.4 * random()));
    chimeras.push({ id: `chimera${chimeras.length}`, sequence: `${a.sequence.slice(0, k)}${b.sequence.slice(Math.round((k * b.sequence.length) / a.sequence.length))}` });
  }
  return chimeras;
}

/**
 * Full-length Nanopore-like reads: chimeras of full-length training-half templates and the real test-half reads,
 * all with NOISY_RATE errors (the noisy-read bench's mix), as FASTQ stating the rate; classified against the
 * full-length training half with the check set for the stated rate and, as before it was, for clean reads.
 */
async function noisyFullLength(engine: Engine, train: string, test: string, work: string): Promise<Record<string, unknown>> {
  const gold = (file: string) => readGold(file).map((record) => ({ id: record.id, sequence: record.sequence.toUpperCase(), family: record.lineage.slice(0, 5).join(';') }));
  const random = mulberry32(20261124);
  const noisy = (reads: { id: string; sequence: string }[]) => reads.map((read) => ({ id: read.id, sequence: nanoporeErrors(read.sequence, NOISY_RATE, random) }));
  const quality = String.fromCharCode(33 + Math.round(-10 * Math.log10(NOISY_RATE)));
  const store = join(work, 'store-full-length');
  await engine.buildReference({ input: train, name: 'full', model: 'dna-kmer', store });
  const runs: Record<string, unknown> = {};
  for (const [name, reads] of Object.entries({ chimeras: noisy(simulateChimeras(gold(train).filter((r) => /^[ACGT]+$/.test(r.sequence)), random)), real: noisy(gold(test)) })) {
    const input = join(work, `noisy-${name}.fastq`);
    await writeFile(input, reads.map((r) => `@${r.id}\n${r.sequence}\n+\n${quality.repeat(r.sequence.length)}\n`).join(''));
    // uchime_ref reads FASTA only.
    const fasta = join(work, `noisy-${name}.fasta`);
    await writeFile(fasta, reads.map((r) => `>${r.id}\n${r.sequence}\n`).join(''));
    const without = await engine.classify({ input, reference: 'full', store, out: join(work, `noisy-${name}-unchecked`), overrides: { chimera_check: false, strand: 'forward' } });
    const flagged: Record<string, number> = {};
    let secondsWith = 0;
    // The first, unchecked run made the fit for the stated rate, which this one keeps: the time difference is the check.
    for (const [setting, rate] of [['for the stated rate', 'auto'], ['as clean reads (before)', 0]] as const) {
      const out = join(work, `noisy-${name}-${rate}`);
      const run = await engine.classify({ input, reference: 'full', store, out, overrides: { strand: 'forward', calibration: { read_error_rate: rate } } });
      if (rate === 'auto') secondsWith = run.seconds;
      flagged[setting] = (await readFile(join(out, 'chimeras.tsv'), 'utf8')).trim().split('\n').length - 1;
    }
    runs[name] = { reads: reads.length, flagged, secondsWithout: Number(without.seconds.toFixed(2)), secondsWith: Number(secondsWith.toFixed(2)), ...uchimeRef(fasta, train, work) };
  }
  return runs;
}

/** vsearch --uchime_ref's chimeras among `input` against `references`, when vsearch is installed. */
function uchimeRef(input: string, references: string, work: string): Record<string, { flagged: number; seconds: number }> {
  if (spawnSync('vsearch', ['--version']).status !== 0) return {};
  const started = performance.now();
  const out = join(work, `vsearch-${basename(input)}`);
  const run = spawnSync('vsearch', ['--uchime_ref', input, '--db', references, '--chimeras', out, '--threads', '2', '--quiet'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vsearch failed: ${run.stderr.slice(-500)}`);
  const flagged = (readFileSync(out, 'utf8').match(/^>/gm) ?? []).length;
  return { 'vsearch --uchime_ref': { flagged, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) } };
}
