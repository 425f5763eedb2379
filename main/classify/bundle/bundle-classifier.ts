import * as ort from 'onnxruntime-node';
import type { DeviceRequest } from '../../../native/runtime/execution-provider.ts';
import { openSession } from '../../../native/runtime/session-factory.ts';
import type { ModelBundle } from '../../models/bundle-registry.ts';
import { EngineError } from '../../shared/engine-error.ts';
import type { RankCall } from '../read-assignment.ts';
import type { ClassifierBundle } from './bundle-reader.ts';
import { HEAD_INPUT, NOVELTY_OUTPUT, probabilityOutput } from './head-graph.ts';
import { topDownCalls } from './top-down.ts';

/** What the head says about one read. */
export interface HeadCall {
  calls: RankCall[];
  /** Cosine distance to the nearest lowest-rank centroid. */
  distance: number;
  /** distance / the bundle's novelty distance: above 1 is novel, as for the k-NN classifier. */
  noveltyScore: number;
}

/** Reads scored per head run: bounds the [reads, classes] probability blocks onnxruntime returns. */
const READ_BATCH = 512;

/**
 * Checks that the bundle's embedder is installed at the version the head was trained on: a head applied to
 * vectors of another model, or of another version of the same model, gives confident nonsense.
 */
export async function checkEmbedder(bundle: ClassifierBundle, findModel: (id: string) => Promise<ModelBundle>): Promise<void> {
  const { embedder } = bundle.manifest;
  const installed = await findModel(embedder.model).catch((error: unknown) => {
    if (error instanceof EngineError && error.code === 'unknown_model') {
      throw new EngineError('unknown_model', `bundle ${bundle.dir} needs embedder "${embedder.model}" ${embedder.version}, which is not installed (${error.message})`);
    }
    throw error;
  });
  const { version, dim, layers, alphabet } = installed.manifest;
  if (version !== embedder.version) {
    throw new EngineError('model_changed', `bundle ${bundle.dir} was trained on ${embedder.model} ${embedder.version} embeddings but ${embedder.model} ${version} is installed; install ${embedder.version} or retrain the bundle (seqatlas train)`);
  }
  if (dim !== embedder.dim || alphabet !== embedder.alphabet || !layers.some((layer) => layer.id === embedder.layer)) {
    throw new EngineError('invalid_bundle', `bundle ${bundle.dir} expects ${embedder.dim}-dim layer ${embedder.layer} ${embedder.alphabet} embeddings of ${embedder.model}, which gives ${dim}-dim ${alphabet} layers ${layers.map((l) => l.id).join(', ')}`);
  }
}

/** head.onnx in an onnxruntime session, with the bundle's labels to turn its probabilities into calls. */
export class BundleClassifier {
  private constructor(
    private readonly bundle: ClassifierBundle,
    private readonly session: ort.InferenceSession,
    readonly provider: string,
  ) {}

  static async open(bundle: ClassifierBundle, options: { device: DeviceRequest; threads: number }): Promise<BundleClassifier> {
    const opened = await openSession({ model: bundle.head, device: options.device, threads: options.threads }).catch((error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'provider_unavailable') throw new EngineError('provider_unavailable', error.message);
      throw new EngineError('invalid_bundle', `${bundle.dir}/head.onnx cannot be loaded: ${(error as Error).message.split('\n')[0]}`);
    });
    const expected = [...bundle.labels.ranks.map((_, r) => probabilityOutput(r)), NOVELTY_OUTPUT];
    const missing = expected.find((name) => !opened.session.outputNames.includes(name));
    if (missing || !opened.session.inputNames.includes(HEAD_INPUT)) {
      await opened.session.release();
      throw new EngineError('invalid_bundle', `${bundle.dir}/head.onnx is not a classifier head for these labels (${missing ? `no output "${missing}"` : `no input "${HEAD_INPUT}"`})`);
    }
    return new BundleClassifier(bundle, opened.session, opened.provider);
  }

  /** Calls for `count` reads, row-major [count, dim] embeddings of the bundle's embedder. */
  async classify(vectors: Float32Array, count: number): Promise<HeadCall[]> {
    const { labels, manifest } = this.bundle;
    const dim = manifest.embedder.dim;
    const out: HeadCall[] = [];
    for (let q0 = 0; q0 < count; q0 += READ_BATCH) {
      const q1 = Math.min(count, q0 + READ_BATCH);
      const result = await this.session.run({ [HEAD_INPUT]: new ort.Tensor('float32', vectors.subarray(q0 * dim, q1 * dim), [q1 - q0, dim]) }).catch((error: unknown) => {
        // A head.onnx copied in from a bundle of another embedder: onnxruntime rejects the input's shape.
        throw new EngineError('invalid_bundle', `${this.bundle.dir}/head.onnx does not take the ${dim}-dim embeddings bundle.json names: ${(error as Error).message.split('\n')[0]}`);
      });
      const probabilities = labels.ranks.map((rank, r) => {
        const tensor = result[probabilityOutput(r)]!;
        const classes = labels.classes[r]!.length;
        if (tensor.dims[1] !== classes) throw new EngineError('invalid_bundle', `${this.bundle.dir}/head.onnx gives ${tensor.dims[1]} ${rank} probabilities, labels.json has ${classes} classes`);
        return tensor.data as Float32Array;
      });
      const distances = result[NOVELTY_OUTPUT]!.data as Float32Array;
      for (let i = 0; i < q1 - q0; i += 1) {
        const rows = probabilities.map((block, r) => block.subarray(i * labels.classes[r]!.length, (i + 1) * labels.classes[r]!.length));
        const distance = Math.max(0, distances[i]!);
        // A novelty distance of 0 (every reference identical to its centroid) makes any distance beyond it novel.
        out.push({ calls: topDownCalls(labels, rows), distance, noveltyScore: distance / Math.max(manifest.noveltyDistance, 1e-6) });
      }
    }
    return out;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
