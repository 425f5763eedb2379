import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { APP_ROOT } from '../../main/shared/app-paths.ts';
import { openApiServer, type ApiServer } from './api-server.ts';
import { fastaRecords } from './fasta-records.ts';

const SAMPLE = join(APP_ROOT, 'resources', 'samples', '16s-sample.fasta');
const REFERENCE = join(APP_ROOT, 'test', 'fixtures', 'classify', 'reference.fasta.gz');

type Failure = { code: string; message: string };

/** The calls the Import, Export and Explore screens add, against the real server and a real classify run. */
describe('sample metadata and selection sequences over the API', () => {
  let api: ApiServer;
  let store: string;
  let run: string;

  beforeAll(async () => {
    api = await openApiServer();
    store = join(api.dir, 'store');
    run = join(store, 'runs', 'classify-1');
    const engine = new Engine();
    await engine.buildReference({ input: REFERENCE, name: 'gold5', model: 'dna-kmer', store });
    await engine.classify({ input: SAMPLE, reference: 'gold5', store, out: run, overrides: { min_confidence: 0 } });
  });
  afterAll(async () => api?.close());

  const sample = { sample: '16s-sample', locality: 'Sydney Harbour, Manly wharf', eventDate: '2024-06-01', decimalLatitude: -33.799127, decimalLongitude: 151.284453, target_gene: '16S rRNA', pcr_primer_forward: 'GTGYCAGCMGCCGCGGTAA', pcr_primer_reverse: 'GGACTACNVGGGTWTCTAAT' };

  it('refuses bad coordinates, dates and half a position with one line naming the field', async () => {
    const bad = async (row: Record<string, unknown>) => {
      const reply = await api.post<Failure>('saveSampleMetadata', { store, samples: [{ ...sample, ...row }] });
      expect(reply.status).toBe(400);
      expect(reply.body.message).not.toContain('\n');
      return reply.body.message;
    };
    expect(await bad({ decimalLatitude: 95 })).toMatch(/field "samples\.0\.decimalLatitude": must be from -90 to 90/);
    expect(await bad({ decimalLongitude: -181 })).toMatch(/field "samples\.0\.decimalLongitude"/);
    expect(await bad({ eventDate: '2024-02-30' })).toMatch(/field "samples\.0\.eventDate": is not an ISO 8601 date/);
    expect(await bad({ eventDate: '01/06/2024' })).toMatch(/samples\.0\.eventDate/);
    expect(await bad({ decimalLongitude: null })).toMatch(/field "samples\.0\.decimalLongitude": is empty while the other coordinate is filled/);
    expect(await bad({ locality: 'a\tb' })).toMatch(/samples\.0\.locality": must not contain tabs/);
    const notAStore = await api.post<Failure>('saveSampleMetadata', { store: join(api.dir, 'renderer'), samples: [sample] });
    expect(notAStore.status).toBe(422);
    expect((await api.post<{ path: null }>('readSampleMetadata', { store })).body).toEqual({ path: null, samples: [] });
  });

  it('keeps metadata with the store and gives the Darwin Core export the run\'s samples', async () => {
    const other = { sample: 'other-site', eventDate: '2023-11', decimalLatitude: null, decimalLongitude: null };
    const first = await api.post<{ path: string; samples: number }>('saveSampleMetadata', { store, samples: [{ ...sample, locality: 'draft' }, other] });
    expect(first).toEqual({ status: 200, body: { path: join(store, 'samples.tsv'), samples: 2 } });
    // Saving one sample again replaces its row and keeps the other import's.
    expect((await api.post<{ samples: number }>('saveSampleMetadata', { store, samples: [sample] })).body.samples).toBe(2);
    const stored = (await api.post<{ samples: Record<string, unknown>[] }>('readSampleMetadata', { store })).body.samples;
    expect(stored.map((row) => row.sample)).toEqual(['16s-sample', 'other-site']);
    expect(stored[0]).toMatchObject(sample);

    // The run has one sample: its samples.tsv has that row only, which `export darwin-core --metadata` requires.
    const written = await api.post<{ path: string; samples: number; described: number }>('writeRunMetadata', { store, run });
    expect(written.body).toEqual({ path: join(run, 'samples.tsv'), samples: 1, described: 1 });
    const exported = await api.post<{ files: { path: string }[] }>('exportRun', { kind: 'darwin-core', run, out: join(api.dir, 'dwc'), metadata: written.body.path });
    expect(exported.status).toBe(200);
    const [header, ...rows] = (await readFile(join(api.dir, 'dwc', 'occurrence.tsv'), 'utf8')).trim().split('\n').map((line) => line.split('\t'));
    const column = (name: string) => rows.map((row) => row[header!.indexOf(name)]);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(column('eventDate'))).toEqual(new Set(['2024-06-01']));
    expect(new Set(column('decimalLatitude'))).toEqual(new Set(['-33.799127']));
    expect(new Set(column('locality'))).toEqual(new Set(['Sydney Harbour, Manly wharf']));

    // A hand-edited table with a bad cell is named by line and column, in one line.
    const file = join(store, 'samples.tsv');
    await writeFile(file, (await readFile(file, 'utf8')).replace('-33.799127', '-133.8'));
    const broken = await api.post<Failure>('readSampleMetadata', { store });
    expect(broken.status).toBe(400);
    expect(broken.body.message).toBe(`${file} line 2: field "decimalLatitude": must be from -90 to 90`);
  });

  it('returns the stored sequences of chosen reads of a run, in the order asked', async () => {
    const reads = fastaRecords(await readFile(SAMPLE, 'utf8'));
    const ids = [...reads.keys()].slice(0, 5).reverse();
    const reply = await api.post<{ datasetIds: string[]; sequences: { id: string; sequence: string }[] }>('readRunSequences', { run, ids });
    expect(reply.body.datasetIds).toHaveLength(1);
    expect(reply.status).toBe(200);
    expect(reply.body.sequences).toEqual(ids.map((id) => ({ id, sequence: reads.get(id)!.toUpperCase() })));
    const unknown = await api.post<Failure>('readRunSequences', { run, ids: ['no-such-read'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toContain('"no-such-read"');
    expect((await api.post<Failure>('readRunSequences', { run, ids: Array.from({ length: 5001 }, (_, i) => `r${i}`) })).body.message).toContain('field "ids"');
    await mkdir(join(api.dir, 'empty-run'));
    expect((await api.post<Failure>('readRunSequences', { run: join(api.dir, 'empty-run'), ids: ['x'] })).body.code).toBe('input_unreadable');
  });
});
