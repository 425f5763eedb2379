import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobEvent } from '../../main/api/job-events.ts';
import { seqatlas } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const SAMPLE = resolve('resources/samples/16s-sample.fasta');

describe('seqatlas CLI', () => {
  it('lists the bundled models', () => {
    const run = seqatlas('models', 'list', '--json');
    expect(run.code).toBe(0);
    const listing = JSON.parse(run.stdout) as { bundles: { id: string; alphabet: string; dim: number }[] };
    expect(listing.bundles.map((b) => [b.id, b.alphabet, b.dim])).toEqual(expect.arrayContaining([['dna-kmer', 'dna', 512], ['protein-kmer', 'protein', 2048]]));
  });

  it('runs the main job on the bundled sample and model, prints where the results are, and is idempotent', async () => {
    const store = join(await tempDir(), 'store');
    const first = seqatlas('embed', '--input', SAMPLE, '--model', 'dna-kmer', '--store', store);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/embedded 200 sequences with dna-kmer on cpu/);
    expect(first.stdout).toContain(`store:   ${store}`);
    expect(first.stdout).toMatch(/tables: {2}emb_dna_kmer_l0/);
    const again = seqatlas('embed', '--input', SAMPLE, '--model', 'dna-kmer', '--store', store);
    expect(again.stdout).toMatch(/already embedded/);
    const info = JSON.parse(seqatlas('store', 'info', '--store', store, '--json').stdout);
    expect(info.datasets[0]).toMatchObject({ status: 'ready', accepted: 200, sequencesStored: 200, embeddings: [{ model: 'dna-kmer', count: 200, dim: 512 }] });
  });

  it('prints one schema-valid JSON event per line with --json', async () => {
    const store = join(await tempDir(), 'store');
    const run = seqatlas('embed', '--input', SAMPLE, '--model', 'dna-kmer', '--store', store, '--json', '--max-batch', '50');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const events = lines.filter((l) => l.type !== 'result');
    for (const event of events) expect(JobEvent.safeParse(event).success, JSON.stringify(event)).toBe(true);
    expect(events.filter((e) => e.type === 'progress' && e.stage === 'embed').length).toBeGreaterThanOrEqual(4);
    expect(lines.at(-1)).toMatchObject({ type: 'result', result: { accepted: 200 } });
  });

  it('exits 2 on bad usage and 1 with one clear line on errors', async () => {
    const dir = await tempDir();
    const usage = seqatlas('embed', '--model', 'dna-kmer');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--input/);
    const unknown = seqatlas('embed', '--input', SAMPLE, '--model', 'esm-huge', '--store', join(dir, 's'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: unknown model "esm-huge"; installed: .*dna-kmer/)]);
    const missing = seqatlas('embed', '--input', join(dir, 'nope.fasta'), '--model', 'dna-kmer', '--store', join(dir, 's'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*nope\.fasta/);
    const binary = join(dir, 'photo.fasta');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]));
    const garbage = seqatlas('embed', '--input', binary, '--model', 'dna-kmer', '--store', join(dir, 's'));
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toMatch(/photo\.fasta: not a FASTA or FASTQ file/);
    expect(garbage.stderr).not.toMatch(/at .*\.ts:\d+/);
    const lonely = seqatlas('embed', '--input', SAMPLE, '--model', 'dna-kmer', '--store', join(dir, 's'), '--primer-mismatches', '2');
    expect(lonely.code).toBe(2);
    expect(lonely.stderr.trim()).toBe('error: --primer-mismatches needs --primers');
    // The bundled 16S sample cut to V4 with exact primer sites only: what --primer-mismatches 0 leaves.
    const v4 = seqatlas('embed', '--input', SAMPLE, '--model', 'dna-kmer', '--store', join(dir, 'v4'), '--primers', 'GTGYCAGCMGCCGCGGTAA,GGACTACNVGGGTWTCTAAT', '--primer-mismatches', '0', '--json');
    expect(v4.code, v4.stderr).toBe(0);
    const result = JSON.parse(v4.stdout.trim().split('\n').at(-1)!).result as { accepted: number; rejected: number };
    expect(result.accepted + result.rejected).toBe(200);
    expect(result.accepted).toBeGreaterThan(100);
    expect(result.rejected).toBeGreaterThan(0);
  });
});
