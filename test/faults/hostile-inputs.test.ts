import { cp, mkdir, mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { writeFantasiaH5 } from '../../main/exchange/fantasia-h5.ts';
import { readTable } from '../helpers/store-readers.ts';
import { cli, recordFault, SAMPLE_16S, storeFootprint } from './fault-kit.ts';
import { writeConfigCorpus, writeLabelCorpus, writeSequenceCorpus } from './hostile-corpus.ts';

/**
 * Hostile files at every entry that reads a user's file: sequences (embed), run configs (classify/annotate
 * --config), label side files (reference build) and HDF5 (import-h5). A refusal is one line (an EngineError whose
 * message has no newline) and leaves the store's catalog and LanceDB tables exactly as they were.
 */
const engine = new Engine();
let root: string;
let store: string;
let corpus: string;
let ids: string[];

/** Catches what a call throws as `code: message`, or undefined when it succeeded. */
async function refusal(call: () => Promise<unknown>): Promise<{ code: string; message: string } | undefined> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return { code: (error as { code?: string }).code ?? 'internal', message: (error as Error).message };
  }
}

const oneLine = (message: string) => !message.includes('\n') && message.length < 600;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'seqatlas-hostile-'));
  corpus = join(root, 'corpus');
  await mkdir(corpus);
  store = join(root, 'store');
  ids = (await readFile(SAMPLE_16S, 'utf8')).split('\n').filter((l) => l.startsWith('>')).map((l) => l.slice(1).split(/\s/)[0]!);
  const taxonomy = join(root, 'taxonomy.tsv');
  await writeFile(taxonomy, ids.map((id, i) => `${id}\tBacteria;Phylum${i % 3};Class${i % 5};Genus${i % 9}\n`).join(''));
  await engine.buildReference({ input: SAMPLE_16S, name: 'ref', model: 'dna-kmer', store, taxonomy, device: 'cpu' });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('hostile inputs', () => {
  it('FASTA/FASTQ/gzip: refused in one line with the store unchanged, or bad records reported one by one', async ({ task }) => {
    const cases = await writeSequenceCorpus(corpus, SAMPLE_16S);
    const problems: string[] = [];
    for (const c of cases) {
      // A fresh copy per case, so a case that legitimately stores its good records cannot hide another's change.
      const victim = join(root, `seq-${cases.indexOf(c)}`);
      await cp(store, victim, { recursive: true });
      const before = await storeFootprint(victim);
      let result: Awaited<ReturnType<Engine['embed']>> | undefined;
      const refused = await refusal(async () => (result = await engine.embed({ input: c.file, store: victim, model: 'dna-kmer', device: 'cpu' })));
      if (c.expect === 'refuse') {
        if (!refused || !oneLine(refused.message) || refused.code === 'internal') problems.push(`${c.name}: ${refused ? `${refused.code}: ${refused.message.slice(0, 200)}` : 'accepted'}`);
        else {
          const after = await storeFootprint(victim);
          // A file whose every record was rejected keeps its import report (the error points to it); no vectors.
          const { counts: b, rows: rb } = before as { counts: Record<string, number>; rows: unknown };
          const { counts: a, rows: ra } = after as { counts: Record<string, number>; rows: unknown };
          if (JSON.stringify(rb) !== JSON.stringify(ra) || a.embeddings !== b.embeddings || a.reference_sets !== b.reference_sets) problems.push(`${c.name}: store changed`);
        }
      } else if (refused) {
        problems.push(`${c.name}: refused (${refused.code}: ${refused.message.slice(0, 200)})`);
      } else {
        const issues = await engine.importIssues(victim, result!.datasetId);
        const stored = (await readTable(victim, 'sequences')).filter((r) => r.dataset_id === result!.datasetId);
        // Every record is either stored or reported; reports are one line each; no stored id carries a control.
        if ((c.expect === 'report') !== (result!.rejected > 0) || issues.total !== result!.rejected) problems.push(`${c.name}: ${result!.rejected} rejected, ${issues.total} reported`);
        if (!issues.issues.every((i) => oneLine(i.message))) problems.push(`${c.name}: a multi-line issue`);
        if (stored.length !== result!.accepted) problems.push(`${c.name}: ${stored.length} stored, ${result!.accepted} accepted`);
        if (stored.some((r) => /[\u0000-\u001f\u007f-\u009f]/.test(String(r.seq_id)))) problems.push(`${c.name}: a stored id holds a control character`);
      }
      await rm(victim, { recursive: true });
    }
    recordFault(task.meta, { scenario: 'hostile sequence files', trials: cases.length, passed: cases.length - problems.length, recordsLost: 0, note: ['refuse', 'report', 'accept'].map((e) => `${cases.filter((c) => c.expect === e).length} ${e}`).join(', ') });
    expect(problems).toEqual([]);
  });

  it('random bytes as a sequence file never crash the job or touch the store (fast-check)', async ({ task }) => {
    const before = await storeFootprint(store);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 3000 }), fc.constantFrom('.fasta', '.fastq', '.fa.gz'), async (content, ext) => {
        runs += 1;
        const file = join(corpus, `random${ext}`);
        await writeFile(file, content);
        // A throw that is not an EngineError (or a multi-line one) fails the property; a random file that
        // happens to hold valid records would be stored, so the property runs on a scratch store.
        const refused = await refusal(() => engine.embed({ input: file, store: join(root, 'scratch'), model: 'dna-kmer', device: 'cpu' }));
        expect(refused === undefined || (refused.code !== 'internal' && oneLine(refused.message)), JSON.stringify(refused)).toBe(true);
      }),
      { numRuns: 25, seed: 42 },
    );
    expect(await storeFootprint(store)).toEqual(before);
    recordFault(task.meta, { scenario: 'random bytes (fast-check)', trials: runs, passed: runs, recordsLost: 0, note: 'seed 42' });
  });

  it('run configs (classify/annotate --config): refused as invalid_config before any work', async ({ task }) => {
    const configs = await writeConfigCorpus(corpus);
    const before = await storeFootprint(store);
    const problems: string[] = [];
    for (const c of configs) {
      for (const kind of ['classify', 'annotate'] as const) {
        const out = join(root, `out-${kind}`);
        const request = { input: SAMPLE_16S, reference: 'ref', store, out, config: c.file };
        const refused = await refusal(() => (kind === 'classify' ? engine.classify(request) : engine.annotate(request)));
        if (!refused || refused.code !== 'invalid_config' || !oneLine(refused.message)) problems.push(`${kind} ${c.name}: ${refused ? `${refused.code}: ${refused.message.slice(0, 200)}` : 'accepted'}`);
      }
    }
    expect(await storeFootprint(store)).toEqual(before);
    recordFault(task.meta, { scenario: 'hostile YAML configs', trials: configs.length * 2, passed: configs.length * 2 - problems.length, recordsLost: 0, note: 'classify + annotate' });
    expect(problems).toEqual([]);
  });

  it('label side files (reference build): refused before anything is embedded', async ({ task }) => {
    const labels = await writeLabelCorpus(corpus, ids);
    const before = await storeFootprint(store);
    const problems: string[] = [];
    for (const [i, l] of labels.entries()) {
      const refused = await refusal(() => engine.buildReference({ input: SAMPLE_16S, name: `bad${i}`, model: 'dna-kmer', store, labelFormat: 'none', [l.option]: l.file }));
      if (!refused || !['invalid_labels', 'invalid_ontology', 'bad_request'].includes(refused.code) || !oneLine(refused.message)) problems.push(`${l.name}: ${refused ? `${refused.code}: ${refused.message.slice(0, 200)}` : 'accepted'}`);
    }
    expect(await storeFootprint(store)).toEqual(before);
    recordFault(task.meta, { scenario: 'hostile label TSV/GO files', trials: labels.length, passed: labels.length - problems.length, recordsLost: 0 });
    expect(problems).toEqual([]);
  });

  it('HDF5 (import-h5): damaged files refused in one line, store unchanged; odd names kept inside the store', async ({ task }) => {
    const good = join(corpus, 'good.h5');
    const datasetId = (await engine.listReferences(store))[0]!.datasetId;
    await engine.exportH5({ store, dataset: datasetId, out: good });
    const damaged: Array<[string, string, Buffer | string]> = [
      ['random bytes', 'random.h5', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256))],
      ['empty file', 'empty.h5', ''],
      ['text file', 'text.h5', 'accession,vector\nA,0.1\n'],
    ];
    const files = [];
    for (const [name, file, content] of damaged) {
      await writeFile(join(corpus, file), content);
      files.push({ name, file: join(corpus, file) });
    }
    const truncated = join(corpus, 'truncated.h5');
    await cp(good, truncated);
    await truncate(truncated, 3000);
    files.push({ name: 'truncated export', file: truncated });
    const before = await storeFootprint(store);
    const problems: string[] = [];
    for (const f of files) {
      const refused = await refusal(() => engine.importH5({ store, input: f.file }));
      if (!refused || refused.code === 'internal' || !oneLine(refused.message)) problems.push(`${f.name}: ${refused ? `${refused.code}: ${refused.message.slice(0, 200)}` : 'accepted'}`);
    }
    expect(await storeFootprint(store)).toEqual(before);
    // Path-like model and accession names: imported, but every file stays inside the store's folders.
    const odd = join(corpus, 'odd-names.h5');
    await writeFantasiaH5(odd, [{ accession: '../../escape', sequence: 'ACGTACGT', model: '../../../model', layer: 0, vector: Float32Array.from([1, 0, 0]) }]);
    const sibling = join(root, 'sibling-check');
    await mkdir(sibling);
    const oddStore = join(sibling, 'store');
    const imported = await refusal(() => engine.importH5({ store: oddStore, input: odd }));
    const escaped = (await readdir(sibling)).filter((n) => n !== 'store');
    if (imported && (imported.code === 'internal' || !oneLine(imported.message))) problems.push(`odd names: ${imported.code}: ${imported.message}`);
    if (escaped.length > 0) problems.push(`odd names wrote outside the store: ${escaped.join(', ')}`);
    const trials = files.length + 1;
    recordFault(task.meta, { scenario: 'hostile HDF5', trials, passed: trials - problems.length, recordsLost: 0 });
    expect(problems).toEqual([]);
  });

  it('the CLI prints a refusal as exactly one line on stderr', async () => {
    const junk = join(corpus, 'cli-junk.fasta');
    await writeFile(junk, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256)));
    const run = await cli(['embed', '--input', junk, '--model', 'dna-kmer', '--store', join(root, 'cli-store')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n').filter((l) => !l.startsWith('warning:'))).toEqual([expect.stringMatching(/^error: .*cli-junk\.fasta/)]);
  });
});
