import { GO_NAMESPACES, type GeneOntology, type GoNamespace } from '../ontology/index.ts';
import { fmaxSweep, type FmaxPoint } from './fmax-sweep.ts';
import { NamespaceClosure } from './namespace-closure.ts';
import type { Predictions, Truth } from './score-files.ts';

export interface GoFmaxInput {
  predictions: Predictions;
  truth: Truth;
  ontology: GeneOntology;
}

export interface GoFmaxResult extends FmaxPoint {
  namespace: GoNamespace;
  /** Truth proteins scored: those left with at least one term of the namespace after propagation. */
  proteins: number;
}

/**
 * CAFA protein-centric Fmax with the semantics of go-bench/fmax.py, one namespace at a time: truth and predictions
 * are propagated inside the namespace (see NamespaceClosure), truth proteins left empty are not scored, and
 * predictions for accessions outside the truth are ignored. Without `namespace`, BP, MF and CC in that order.
 */
export function goFmax(input: GoFmaxInput & { namespace: GoNamespace }): GoFmaxResult;
export function goFmax(input: GoFmaxInput & { namespace?: undefined }): GoFmaxResult[];
export function goFmax(input: GoFmaxInput & { namespace?: GoNamespace }): GoFmaxResult | GoFmaxResult[] {
  const { namespace } = input;
  return namespace ? fmaxFor(input, namespace) : GO_NAMESPACES.map((ns) => fmaxFor(input, ns));
}

function fmaxFor({ predictions, truth, ontology }: GoFmaxInput, namespace: GoNamespace): GoFmaxResult {
  const closure = new NamespaceClosure(ontology, namespace);
  const scoredTruth = new Map<string, Set<string>>();
  for (const [acc, terms] of truth) {
    const propagated = closure.propagateSet(terms);
    if (propagated.size > 0) scoredTruth.set(acc, propagated);
  }
  const scoredPred = new Map<string, Map<string, number>>();
  for (const acc of scoredTruth.keys()) {
    const scores = predictions.get(acc);
    if (scores) scoredPred.set(acc, closure.propagateScores(scores));
  }
  return { namespace, ...fmaxSweep(scoredPred, scoredTruth), proteins: scoredTruth.size };
}
