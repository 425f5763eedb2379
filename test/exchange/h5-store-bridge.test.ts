import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { readFantasiaH5 } from '../../main/exchange/fantasia-h5.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { writeEsmTestBundle } from '../helpers/test-bundles.ts';
import { maxAbsDiff, readVectors } from '../helpers/store-readers.ts';

const tempDir = useTempDirs();

describe('HDF5 exchange with a store (FANTASIA layout)', () => {
  it('exports every model layer of a dataset and imports it back as an equal dataset', async () => {
    const root = await tempDir();
    const models = join(root, 'models');
    await writeEsmTestBundle(models, { id: 'test-esm', layers: 2 });
    const engine = new Engine({ modelDirs: [models] });
    const input = join(root, 'prots.fasta');
    await writeFile(input, '>sp|P1|A one\nMKVLAAGIVGLLLAQ\n>sp|P2|B two\nMSTNPKPQRKTKRNTNRRPQ\n>P3\nMLLAVLYCLLWSFQTSAGHFPRACVSSKNLMEKECCPPWSGDRSPCGQLSGRGSCQNILLSNAPLGPQFPFTGVDDRESWPSVFYNRTCQCSGNFMGFNCGNCKFGFWGPNCTERRLLVRRNIFDLSAPEKDKFFAYLTLAKHTISSDYVIPIGTYGQMKNGSTPMFNDINIYDLFVWMHYYVSMDALLGGSEIWRDIDFAHEAPAFLPWHRLFLLRWEQEIQKLTGDENFTIPYWDWRDAEKCDICTDEYMGGQHPTNPNLLSPASFFSSWQIVCSRLEEYNSHQSLCNGTPEGPLRRNPGNHDKSRTPRLPSSADVEFCLSLTQYESGSMDKAANFSFRNTLEGFASPLTGIADASQSSMHNALHIYMNGTMSQVQGSANDPIFLLHHAFVDSIFEQWLRRHRPLQEVYPEANAPIGHNRESYMVPFIPLYRNGDFFISSKDLGYDYSYLQDSDPDSFQDYIKSYLEQASRIWSWLLGAAMVGAVLTALLAGLVSLLCRHKRKQLPEEKQPLLMEKEDYHSLYQSHL\n');
    const embedded = await engine.embed({ input, model: 'test-esm', store: join(root, 'a'), layers: [2, 0], device: 'cpu' });
    const h5 = join(root, 'out.h5');
    const exported = await engine.exportH5({ store: join(root, 'a'), dataset: embedded.datasetId, out: h5 });
    expect(exported).toMatchObject({ accessions: 3, embeddings: 6 });
    const { entries } = await readFantasiaH5(h5);
    expect(entries.map((e) => `${e.accession}:${e.model}:${e.layer}:${e.vector.length}`).sort()).toEqual(
      ['P3:test-esm:0:32', 'P3:test-esm:2:32', 'sp|P1|A:test-esm:0:32', 'sp|P1|A:test-esm:2:32', 'sp|P2|B:test-esm:0:32', 'sp|P2|B:test-esm:2:32'],
    );
    expect(entries.find((e) => e.accession === 'sp|P2|B')!.sequence).toBe('MSTNPKPQRKTKRNTNRRPQ');

    const imported = await engine.importH5({ store: join(root, 'b'), input: h5, dataset: 'from-fantasia' });
    expect(imported).toMatchObject({ accessions: 3, embeddings: 6 });
    for (const layer of [0, 2]) {
      const table = `emb_test_esm_l${layer}`;
      const original = await readVectors(join(root, 'a'), table);
      const back = await readVectors(join(root, 'b'), table);
      expect([...back.keys()].sort()).toEqual([...original.keys()].sort());
      for (const [id, vector] of original) expect(maxAbsDiff(vector, back.get(id)!)).toBe(0);
    }
    await expect(engine.importH5({ store: join(root, 'b'), input: h5, dataset: 'from-fantasia' })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('rejects a file that is not HDF5 and leaves the store untouched', async () => {
    const root = await tempDir();
    const bad = join(root, 'bad.h5');
    await writeFile(bad, 'this is not hdf5');
    const engine = new Engine();
    await expect(engine.importH5({ store: join(root, 's'), input: bad })).rejects.toMatchObject({ message: expect.stringContaining('bad.h5') });
  });
});
