import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { File as H5File } from 'h5wasm/node';
import {
  H5FormatError, describeFantasiaH5, readFantasiaH5, writeFantasiaH5, type EmbeddingEntry, type H5FaultReason,
} from '../../main/exchange/fantasia-h5.ts';
import { loadH5wasm } from '../../main/exchange/h5-file.ts';
import { EngineError } from '../../main/shared/engine-error.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** Deterministic vectors with awkward float32 values (tiny, huge, negative zero, non-round fractions). */
function vectorFor(seed: number, dim: number): Float32Array {
  const v = new Float32Array(dim);
  let x = seed * 2654435761 % 4294967296;
  for (let i = 0; i < dim; i += 1) {
    x = (x * 1664525 + 1013904223) % 4294967296;
    v[i] = (x / 4294967296 - 0.5) * 10 ** ((i % 7) - 3);
  }
  v[0] = -0;
  v[1] = 1.1754943508222875e-38;
  v[2] = 3.4028234663852886e38;
  return v;
}

function sameBits(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

const MODELS = [{ id: 'esm2-t6', dim: 8 }, { id: 'dnabert/s', dim: 5 }];
const LAYERS = [0, 6];

/** Several accessions × 2 models × 2 layers, interleaved: every model/layer round, then every accession. */
function sampleEntries(accessions: string[]): EmbeddingEntry[] {
  const entries: EmbeddingEntry[] = [];
  for (const [m, model] of MODELS.entries()) {
    for (const layer of LAYERS) {
      for (const [a, accession] of accessions.entries()) {
        entries.push({ accession, sequence: `MKV${'ACGT'.repeat(a + 1)}`, model: model.id, layer, vector: vectorFor(a * 100 + m * 10 + layer, model.dim) });
      }
    }
  }
  return entries;
}

const key = (e: EmbeddingEntry): string => `${e.accession}\u0000${e.model}\u0000${e.layer}`;

async function withH5(path: string, mode: 'r' | 'w', use: (file: H5File) => void): Promise<void> {
  const h5 = await loadH5wasm();
  const file = new h5.File(path, mode);
  try {
    use(file);
  } finally {
    file.close();
  }
}

/** A small file in FANTASIA's own layout, then `damage` applied to it. */
async function buildFantasiaFile(path: string, damage: (file: H5File) => void = () => undefined): Promise<void> {
  await withH5(path, 'w', (file) => {
    for (const accession of ['P1', 'P2']) {
      const group = file.create_group(`accession_${accession}`);
      group.create_dataset({ name: 'sequence', data: 'MKVL', dtype: 'S4' });
      group.create_group('type_prot_t5');
      const layer = file.get(`accession_${accession}/type_prot_t5`) as ReturnType<H5File['create_group']>;
      const layerGroup = layer.create_group('layer_0');
      layerGroup.create_dataset({ name: 'embedding', data: new Float64Array([0.5, 1.5, -2.25, 4]) });
      layerGroup.create_attribute('shape', [4], [1], '<q');
    }
    damage(file);
  });
}

async function expectH5Error(promise: Promise<unknown>, reason: H5FaultReason, pattern: RegExp): Promise<H5FormatError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(H5FormatError);
  const h5Error = error as H5FormatError;
  expect(h5Error.code).toBe('h5_invalid');
  expect(h5Error.reason).toBe(reason);
  expect(h5Error.message).not.toContain('\n');
  expect(h5Error.message).toMatch(pattern);
  return h5Error;
}

describe('writeFantasiaH5 / readFantasiaH5 round trip', () => {
  it('returns every vector bit for bit, with its sequence, model and layer', async () => {
    const path = join(await tempDir(), 'embeddings.h5');
    const written = sampleEntries(['P12345', 'Q9XYZ1', 'O00001', 'A0A0B4']);
    async function* stream(): AsyncGenerator<EmbeddingEntry> {
      yield* written;
    }
    expect(await writeFantasiaH5(path, stream())).toEqual({ accessions: 4, embeddings: 16 });

    const { entries, problems } = await readFantasiaH5(path);
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(written.length);
    const byKey = new Map(entries.map((e) => [key(e), e]));
    for (const original of written) {
      const read = byKey.get(key(original));
      expect(read, key(original)).toBeDefined();
      expect(read!.sequence).toBe(original.sequence);
      expect(sameBits(read!.vector, original.vector), key(original)).toBe(true);
    }
    // Accessions come back in the order they were first written.
    expect([...new Set(entries.map((e) => e.accession))]).toEqual(['P12345', 'Q9XYZ1', 'O00001', 'A0A0B4']);
  });

  it('round-trips accession and model ids holding "/", "|", "%", spaces and Unicode, escaped as documented', async () => {
    const dir = await tempDir();
    const path = join(dir, 'odd ids.h5');
    const ids = ['sp|P69905|HBA_HUMAN', 'chr1/part 2', '100% match', 'Grüße 日本 🧬', 'a%2Fb'];
    const written = sampleEntries(ids);
    await writeFantasiaH5(path, written);

    const { entries } = await readFantasiaH5(path);
    expect(new Set(entries.map((e) => e.accession))).toEqual(new Set(ids));
    expect(new Set(entries.map((e) => e.model))).toEqual(new Set(['esm2-t6', 'dnabert/s']));
    const byKey = new Map(entries.map((e) => [key(e), e]));
    for (const original of written) expect(sameBits(byKey.get(key(original))!.vector, original.vector)).toBe(true);

    await withH5(path, 'r', (file) => {
      expect(file.keys()).toEqual(['accession_sp|P69905|HBA_HUMAN', 'accession_chr1%2Fpart 2', 'accession_100%25 match', 'accession_Grüße 日本 🧬', 'accession_a%252Fb']);
      expect((file.get('accession_chr1%2Fpart 2') as ReturnType<H5File['create_group']>).keys()).toEqual(['sequence', 'type_esm2-t6', 'type_dnabert%2Fs']);
    });
  });

  it('writes the FANTASIA layout: string sequence, float32 1-D embedding, int64 shape attribute on the layer group', async () => {
    const path = join(await tempDir(), 'layout.h5');
    await writeFantasiaH5(path, sampleEntries(['P1']));
    const h5 = await loadH5wasm();
    await withH5(path, 'r', (file) => {
      const sequence = file.get('accession_P1/sequence');
      expect(sequence).toBeInstanceOf(h5.Dataset);
      expect((sequence as InstanceType<typeof h5.Dataset>).value).toBe('MKVACGT');
      const layer = file.get('accession_P1/type_esm2-t6/layer_6');
      expect(layer).toBeInstanceOf(h5.Group);
      const shape = (layer as InstanceType<typeof h5.Group>).attrs['shape']!;
      expect(shape.dtype).toBe('<q');
      expect(Array.from(shape.value as BigInt64Array)).toEqual([8n]);
      const embedding = file.get('accession_P1/type_esm2-t6/layer_6/embedding') as InstanceType<typeof h5.Dataset>;
      expect(embedding.dtype).toBe('<f');
      expect(embedding.shape).toEqual([8]);
      expect(file.get('accession_P1/type_dnabert%2Fs/layer_0/embedding')).toBeInstanceOf(h5.Dataset);
    });
  });

  it('describes accessions, models, layers and dimensions without reading values', async () => {
    const path = join(await tempDir(), 'describe.h5');
    await writeFantasiaH5(path, sampleEntries(['P1', 'P2', 'P3']));
    expect(await describeFantasiaH5(path)).toEqual({
      accessions: 3,
      models: ['dnabert/s', 'esm2-t6'],
      layers: [0, 6],
      dims: { 'esm2-t6/layer_0': 8, 'esm2-t6/layer_6': 8, 'dnabert/s/layer_0': 5, 'dnabert/s/layer_6': 5 },
    });
  });

  it('reads only the chosen models and layers', async () => {
    const path = join(await tempDir(), 'filter.h5');
    await writeFantasiaH5(path, sampleEntries(['P1', 'P2']));
    const { entries } = await readFantasiaH5(path, { models: ['dnabert/s'], layers: [6] });
    expect(entries.map((e) => `${e.accession} ${e.model} ${e.layer}`)).toEqual(['P1 dnabert/s 6', 'P2 dnabert/s 6']);
  });

  it('reads a file in FANTASIA\'s own style (fixed-length byte sequence, float64 embedding)', async () => {
    const path = join(await tempDir(), 'fantasia.h5');
    await buildFantasiaFile(path);
    const { entries, problems } = await readFantasiaH5(path);
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      { accession: 'P1', sequence: 'MKVL', model: 'prot_t5', layer: 0, vector: new Float32Array([0.5, 1.5, -2.25, 4]) },
      { accession: 'P2', sequence: 'MKVL', model: 'prot_t5', layer: 0, vector: new Float32Array([0.5, 1.5, -2.25, 4]) },
    ]);
  });
});

describe('readFantasiaH5 on FANTASIA\'s own variants', () => {
  it('reads an integer embedding-type id, an id whose "|" FANTASIA made "_", and a (1, d) shape attribute', async () => {
    const path = join(await tempDir(), 'fantasia-4.h5');
    await withH5(path, 'w', (file) => {
      const accession = file.create_group('accession_sp_P69905_HBA_HUMAN');
      accession.create_dataset({ name: 'sequence', data: 'MVLS', dtype: 'S4' });
      const layer = accession.create_group('type_1').create_group('layer_33');
      layer.create_dataset({ name: 'embedding', data: new Float64Array([0.25, -1, 3]) });
      layer.create_attribute('shape', [1, 3], [2], '<q');
    });
    const { entries, problems } = await readFantasiaH5(path);
    expect(problems).toEqual([]);
    expect(entries).toEqual([{ accession: 'sp_P69905_HBA_HUMAN', sequence: 'MVLS', model: '1', layer: 33, vector: new Float32Array([0.25, -1, 3]) }]);
  });

  it('names an embedding stored without a layer group (FANTASIA before August 2025) instead of guessing its layer', async () => {
    const path = join(await tempDir(), 'legacy.h5');
    await withH5(path, 'w', (file) => {
      const accession = file.create_group('accession_P1');
      accession.create_dataset({ name: 'sequence', data: 'MK', dtype: 'S2' });
      const type = accession.create_group('type_1');
      type.create_dataset({ name: 'embedding', data: new Float64Array([1, 2]) });
      type.create_attribute('shape', [2], [1], '<q');
    });
    const lenient = await readFantasiaH5(path, { strict: false });
    expect(lenient.entries).toEqual([]);
    expect(lenient.problems.map((p) => p.message)).toEqual([
      `${path}: /accession_P1/type_1/embedding: has no layer_<k> group above it (FANTASIA's layout before August 2025), so its layer is unknown`,
    ]);
    await expectH5Error(readFantasiaH5(path), 'layout', /\/accession_P1\/type_1\/embedding: has no layer_<k> group/);
  });
});

describe('writeFantasiaH5 never leaves a half file', () => {
  it('removes the partial file and leaves no file under the real name when the entries fail midway', async () => {
    const dir = await tempDir();
    const path = join(dir, 'out.h5');
    function* failing(): Generator<EmbeddingEntry> {
      yield* sampleEntries(['P1']);
      throw new Error('embedding job cancelled');
    }
    await expectH5Error(writeFantasiaH5(path, failing()), 'write_failed', /out\.h5: writing HDF5 failed \(embedding job cancelled\)/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('passes on an EngineError from the entries\' source unchanged, still removing the partial file', async () => {
    const dir = await tempDir();
    function* cancelled(): Generator<EmbeddingEntry> {
      yield* sampleEntries(['P1']);
      throw new EngineError('cancelled', 'export cancelled by the user');
    }
    const error = await writeFantasiaH5(join(dir, 'out.h5'), cancelled()).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).not.toBeInstanceOf(H5FormatError);
    expect((error as EngineError).code).toBe('cancelled');
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects non-finite values, repeated entries, conflicting sequences and mixed dimensions', async () => {
    const dir = await tempDir();
    const path = join(dir, 'bad.h5');
    const base: EmbeddingEntry = { accession: 'P1', sequence: 'MK', model: 'm', layer: 0, vector: new Float32Array([1, 2]) };
    await expectH5Error(writeFantasiaH5(path, [{ ...base, vector: new Float32Array([1, Number.NaN]) }]), 'bad_entry', /accession "P1" model m layer 0: vector value 1 is NaN/);
    await expectH5Error(writeFantasiaH5(path, [base, base]), 'bad_entry', /accession "P1" model m layer 0 given twice/);
    await expectH5Error(writeFantasiaH5(path, [base, { ...base, layer: 1, sequence: 'MKV' }]), 'bad_entry', /"P1" was given two different sequences/);
    await expectH5Error(writeFantasiaH5(path, [base, { ...base, accession: 'P2', vector: new Float32Array([1, 2, 3]) }]), 'bad_entry', /"P2" model m layer 0 has 3 values, earlier accessions have 2/);
    expect(existsSync(path)).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('readFantasiaH5 on broken files', () => {
  it('names a missing file', async () => {
    const path = join(await tempDir(), 'nowhere.h5');
    await expectH5Error(readFantasiaH5(path), 'missing_file', /nowhere\.h5: no such file$/);
    await expectH5Error(describeFantasiaH5(path), 'missing_file', /nowhere\.h5: no such file$/);
  });

  it('names a file that is not HDF5', async () => {
    const path = join(await tempDir(), 'garbage.h5');
    await writeFile(path, '>P1\nMKVL\n'.repeat(500));
    await expectH5Error(readFantasiaH5(path, { strict: false }), 'not_hdf5', /garbage\.h5: not an HDF5 file \(file signature not found\)$/);
  });

  it('names a truncated HDF5 file', async () => {
    const dir = await tempDir();
    const whole = join(dir, 'whole.h5');
    await writeFantasiaH5(whole, sampleEntries(['P1', 'P2', 'P3']));
    const bytes = await readFile(whole);
    const path = join(dir, 'cut.h5');
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectH5Error(readFantasiaH5(path, { strict: false }), 'truncated', /cut\.h5: truncated HDF5 file \(truncated file: eof = \d+.*stored_eof = \d+\)$/);
  });

  it('names the HDF5 path whose shape attribute disagrees with its data, strictly or leniently', async () => {
    const path = join(await tempDir(), 'mismatch.h5');
    await buildFantasiaFile(path, (file) => {
      const layer = file.get('accession_P2/type_prot_t5/layer_0') as ReturnType<H5File['create_group']>;
      layer.delete_attribute('shape');
      layer.create_attribute('shape', [5], [1], '<q');
    });
    const error = await expectH5Error(readFantasiaH5(path), 'layout', /mismatch\.h5: \/accession_P2\/type_prot_t5\/layer_0\/embedding: shape attribute \[5\] disagrees with the 4 values stored$/);
    expect(error.details).toEqual({ file: path, h5Path: '/accession_P2/type_prot_t5/layer_0/embedding' });

    const lenient = await readFantasiaH5(path, { strict: false });
    expect(lenient.entries.map((e) => e.accession)).toEqual(['P1']);
    expect(lenient.problems).toEqual([{ path: '/accession_P2/type_prot_t5/layer_0/embedding', message: error.message }]);
  });

  it('skips and collects every other kind of problem in lenient mode, each one line naming file and path', async () => {
    const path = join(await tempDir(), 'problems.h5');
    await buildFantasiaFile(path, (file) => {
      const type = file.get('accession_P1/type_prot_t5') as ReturnType<H5File['create_group']>;
      type.create_group('layer_1');
      type.create_group('layer_last').create_dataset({ name: 'embedding', data: new Float32Array([1]) });
      type.create_group('layer_2').create_dataset({ name: 'embedding', data: new Float32Array([1, Number.POSITIVE_INFINITY]) });
      type.create_group('layer_3').create_dataset({ name: 'embedding', data: ['not', 'numbers'] });
      type.create_group('layer_4').create_dataset({ name: 'embedding', data: new Float32Array([1, 2, 3, 4]), shape: [2, 2] });
    });
    const { entries, problems } = await readFantasiaH5(path, { strict: false });
    expect(entries.map((e) => `${e.accession} ${e.layer}`)).toEqual(['P1 0', 'P2 0']);
    const at = '/accession_P1/type_prot_t5';
    // Without creation-order tracking (as h5py writes by default) groups list by name.
    expect(problems.map((p) => p.path)).toEqual([`${at}/layer_1/embedding`, `${at}/layer_2/embedding`, `${at}/layer_3/embedding`, `${at}/layer_4/embedding`, `${at}/layer_last`]);
    const messages = problems.map((p) => p.message);
    expect(messages[0]).toMatch(/problems\.h5: \/accession_P1\/type_prot_t5\/layer_1\/embedding: embedding dataset is missing$/);
    expect(messages[1]).toMatch(/layer_2\/embedding: value 1 is Infinity$/);
    expect(messages[2]).toMatch(/layer_3\/embedding: holds non-numeric data/);
    expect(messages[3]).toMatch(/layer_4\/embedding: has shape \[2, 2\]; a pooled 1-D vector is expected$/);
    expect(messages[4]).toMatch(/layer_last: is not named layer_<integer>$/);
    for (const message of messages) expect(message).not.toContain('\n');

    await expectH5Error(readFantasiaH5(path, { strict: true }), 'layout', /layer_1\/embedding: embedding dataset is missing$/);
  });
});
