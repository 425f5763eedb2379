import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { parseRequest } from '../api/parse-request.ts';
import { loadOntology } from '../references/ontology-file.ts';
import { EngineError } from '../shared/engine-error.ts';
import { EVALUATION_SEED } from './bootstrap.ts';
import { goFmax, type GoFmaxResult } from './go-fmax.ts';
import { readPredictionsTsv, readTruthTsv, type Predictions } from './score-files.ts';

export const EvaluateGoRequest = z
  .object({
    /** An annotate output folder (its topgo/ensemble files are read), a .topgo file, or a TSV of accession, GO id, score. */
    predictions: z.string().min(1).max(4096),
    truth: z.string().min(1).max(4096),
    ontology: z.string().min(1).max(4096),
    /** Bootstrap resamples of the proteins for a 95% interval of each Fmax (0: none); seeded, so reruns agree. */
    bootstrap: z.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type EvaluateGoRequest = z.input<typeof EvaluateGoRequest>;

export interface EvaluateGoResult {
  predictions: string;
  truth: string;
  ontology: string;
  ontologyVersion: string | null;
  namespaces: GoFmaxResult[];
}

/** `evaluate go`: CAFA protein-centric Fmax per namespace, with the semantics of go-bench/fmax.py. */
export async function evaluateGoPredictions(input: EvaluateGoRequest): Promise<EvaluateGoResult> {
  const request = parseRequest(EvaluateGoRequest, input, 'evaluate go request');
  const predictionsPath = resolve(request.predictions);
  const truthPath = resolve(request.truth);
  const [predictions, truth, ontology] = await Promise.all([
    readPredictions(predictionsPath),
    readTruthTsv(truthPath).catch((error: NodeJS.ErrnoException) => {
      throw new EngineError('input_unreadable', `truth file ${truthPath} cannot be read (${error.code ?? error.message})`);
    }),
    loadOntology(resolve(request.ontology)),
  ]);
  if (truth.size === 0) throw new EngineError('input_unreadable', `truth file ${truthPath} holds no annotations`);
  return {
    predictions: predictionsPath, truth: truthPath, ontology: resolve(request.ontology), ontologyVersion: ontology.version,
    namespaces: goFmax({ predictions, truth, ontology, bootstrap: request.bootstrap > 0 ? { replicates: request.bootstrap, seed: EVALUATION_SEED } : undefined }),
  };
}

async function readPredictions(path: string): Promise<Predictions> {
  const info = await stat(path).catch(() => {
    throw new EngineError('input_unreadable', `predictions ${path} do not exist`);
  });
  if (!info.isDirectory()) return readPredictionsTsv(path);
  const ensemble = join(path, 'topgo', 'ensemble');
  if (!(await stat(ensemble).then((s) => s.isDirectory(), () => false))) {
    throw new EngineError('input_unreadable', `${path} is not an annotate output folder (no topgo/ensemble); pass a predictions TSV instead`);
  }
  const merged: Predictions = new Map();
  for (const ns of ['BP', 'MF', 'CC']) {
    const file = join(ensemble, `${ns}.topgo`);
    if (!(await stat(file).then(() => true, () => false))) continue;
    for (const [accession, scores] of await readPredictionsTsv(file)) {
      const into = merged.get(accession) ?? new Map<string, number>();
      merged.set(accession, into);
      for (const [term, score] of scores) into.set(term, Math.max(score, into.get(term) ?? -Infinity));
    }
  }
  return merged;
}
