import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { handleCall } from '../../main/api/contract/call-handlers.ts';

const engine = new Engine();
let root: string;
let store: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'seqatlas-bundles-'));
  store = join(root, 'store');
  await engine.buildReference({ input: 'test/fixtures/classify/reference.fasta.gz', name: 'gold5', model: 'dna-kmer', store });
  await engine.train({ reference: 'gold5', store, out: join(store, 'bundles', 'gold5-head'), epochs: 20 });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('listBundles', () => {
  it("lists a store's trained bundles, and unusable folders with the reason, hidden ones left out", async () => {
    const bundles = join(store, 'bundles');
    await mkdir(join(bundles, 'half-copied'));
    await cp(join(bundles, 'gold5-head'), join(bundles, 'edited'), { recursive: true });
    await writeFile(join(bundles, 'edited', 'bundle.json'), '{"format": "seqatlas-classifier", "formatVersion": 2}');
    await mkdir(join(bundles, '.trash'));
    const listed = await handleCall(engine, 'listBundles', { store });
    expect(listed.map((b) => [b.name, b.problem === null])).toEqual([['gold5-head', true], ['edited', false], ['half-copied', false]]);
    expect(listed[0]).toMatchObject({ reference: 'gold5', model: 'dna-kmer', layer: 0, ranks: ['domain', 'phylum', 'class', 'order', 'family', 'genus'] });
    expect(listed[1]!.problem).toMatch(/edited\/bundle\.json field "formatVersion"/);
    expect(listed[2]!.problem).toMatch(/half-copied\/bundle\.json is missing: not a classifier bundle/);
    expect(await handleCall(engine, 'listBundles', { store: join(root, 'no-store') })).toEqual([]);
  });
});
