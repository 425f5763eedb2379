import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkedCall, checkedJob, reply } from '../../electron/ipc-requests.ts';
import { PathGrants } from '../../electron/path-grants.ts';

describe('IPC requests are checked in the main process before the engine sees them', () => {
  const grants = new PathGrants();
  grants.grant('/media/field-drive/store');
  grants.grant('/home/me/reads.fastq.gz');

  it('accepts a contract call on granted paths, with the schema defaults applied', () => {
    expect(checkedCall('importIssues', { store: '/media/field-drive/store', dataset: 'd1' }, grants)).toEqual({ name: 'importIssues', request: { store: '/media/field-drive/store', dataset: 'd1', limit: 1000 } });
    expect(checkedCall('readRun', { run: '/media/field-drive/store/runs/r1' }, grants).name).toBe('readRun');
  });

  it('refuses unknown methods, bad requests and unknown keys with a one-line bad_request', async () => {
    expect(await reply(() => checkedCall('deleteEverything', {}, grants))).toEqual({ ok: false, error: { code: 'bad_request', message: 'unknown method "deleteEverything"' } });
    const bad = await reply(() => checkedCall('importIssues', { store: '/media/field-drive/store', dataset: 'd1', limit: -1 }, grants));
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect((bad as { error: { message: string } }).error.message).toContain('field "limit"');
    const extra = await reply(() => checkedCall('storeInfo', { store: '/media/field-drive/store', sneaky: true }, grants));
    expect((extra as { error: { message: string } }).error.message).toContain('sneaky');
  });

  it('refuses oversized requests before their schema or the engine sees them', async () => {
    const huge = '/media/field-drive/store/' + 'x'.repeat(2 << 20);
    const call = await reply(() => checkedCall('storeInfo', { store: huge }, grants));
    expect(call).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('larger than 1 MiB') } });
    const job = await reply(() => checkedJob('embed', { input: '/home/me/reads.fastq.gz', store: '/media/field-drive/store', model: 'dna-kmer', layers: Array.from({ length: 300_000 }, (_, i) => i) }, grants));
    expect(job).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('larger than 1 MiB') } });
  });

  it('refuses paths the user did not pick, including ../ escapes', async () => {
    const outside = await reply(() => checkedCall('validateInput', { input: '/home/me/.ssh/id_ed25519' }, grants));
    expect(outside).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect((outside as { error: { message: string } }).error.message).toContain('field "input"');
    expect(await reply(() => checkedCall('storeInfo', { store: '/media/field-drive/store/../../../etc' }, grants))).toMatchObject({ ok: false });
    expect(await reply(() => checkedJob('classify', { input: '/home/me/reads.fastq.gz', reference: 'gold', store: '/media/field-drive/store', out: '/tmp/elsewhere' }, grants))).toMatchObject({ ok: false });
  });

  it('checks the metadata and selection calls the same way: schema first, then every path', async () => {
    const store = '/media/field-drive/store';
    const bad = await reply(() => checkedCall('saveSampleMetadata', { store, samples: [{ sample: 's1', decimalLatitude: -91, decimalLongitude: 10 }] }, grants));
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('field "samples.0.decimalLatitude"') } });
    expect(checkedCall('writeRunMetadata', { store, run: `${store}/runs/r1` }, grants).name).toBe('writeRunMetadata');
    expect(await reply(() => checkedCall('readRunSequences', { run: '/home/me/other-store/runs/r1', ids: ['a'] }, grants))).toMatchObject({ ok: false, error: { message: expect.stringContaining('field "run"') } });
  });

  it('checks paths in every field that names a file, nested run-config overrides and lists of inputs included', async () => {
    const store = '/media/field-drive/store';
    const out = `${store}/runs/x`;
    const refused = async (job: 'classify' | 'cluster', request: Record<string, unknown>, field: string) =>
      expect(await reply(() => checkedJob(job, request, grants))).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining(`field "${field}"`) } });
    await refused('classify', { input: '/home/me/reads.fastq.gz', reference: 'gold', store, out, overrides: { sample_map: '/etc/passwd' } }, 'sample_map');
    await refused('classify', { input: ['/home/me/reads.fastq.gz', '/etc/shadow'], reference: 'gold', store, out }, 'input');
    await refused('classify', { input: '/home/me/reads.fastq.gz', bundle: '/opt/elsewhere', store, out }, 'bundle');
    await refused('cluster', { vectors: '/etc/passwd', out }, 'vectors');
    await refused('cluster', { store, dataset: 'd1', model: 'dna-kmer', out, assignments: '/etc/passwd' }, 'assignments');
    expect(checkedJob('cluster', { store, dataset: ['d1', 'd2'], model: 'dna-kmer', out, assignments: `${store}/runs/c/assignments.tsv` }, grants).name).toBe('cluster');
  });

  it('accepts a job whose every path was granted, and refuses an unknown job', async () => {
    const job = checkedJob('classify', { input: '/home/me/reads.fastq.gz', reference: 'gold', store: '/media/field-drive/store', out: '/media/field-drive/store/runs/x' }, grants);
    expect(job.name).toBe('classify');
    expect(await reply(() => checkedJob('format', {}, grants))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});

describe('recent stores', () => {
  const made: string[] = [];
  afterAll(async () => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('remembers stores newest first and flags a missing folder', async () => {
    const { RecentStores } = await import('../../electron/recent-stores.ts');
    const dir = await mkdtemp(join(tmpdir(), 'seqatlas-recent-'));
    made.push(dir);
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    await mkdir(a);
    await mkdir(b);
    const recent = new RecentStores(join(dir, 'settings', 'recent-stores.json'));
    await recent.remember(a);
    await recent.remember(b);
    await recent.remember(a);
    await rm(b, { recursive: true });
    expect(await recent.list()).toEqual([{ path: a, available: true }, { path: b, available: false, reason: 'folder missing' }]);
  });

  it('keeps the portable build settings next to its exe', async () => {
    const { settingsFolder } = await import('../../electron/settings-folder.ts');
    expect(settingsFolder({ PORTABLE_EXECUTABLE_DIR: 'E:\\SeqAtlas' }, '/home/me/.config/SeqAtlas')).toContain('SeqAtlas-settings');
    expect(settingsFolder({}, '/home/me/.config/SeqAtlas')).toBe('/home/me/.config/SeqAtlas');
  });
});
