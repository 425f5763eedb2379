import { GO_NAMESPACES, type GeneOntology, type GoNamespace } from '../ontology/index.ts';
import type { BootstrapOptions, Interval } from './bootstrap.ts';
import { fmaxInterval } from './fmax-bootstrap.ts';
import { fmaxOf, proteinCounts, type FmaxPoint, type ProteinCounts } from './fmax-sweep.ts';
import { NamespaceClosure } from './namespace-closure.ts';
import type { Predictions, Truth } from './score-files.ts';

export interface GoFmaxInput {
  predictions: Predictions;
  truth: Truth;
  ontology: GeneOntology;
  /** With it, each namespace's Fmax gets a 95% bootstrap interval over resampled proteins. */
  bootstrap?: BootstrapOptions;
}

export interface GoFmaxResult extends FmaxPoint {
  namespace: GoNamespace;
  /** Truth proteins scored: those left with at least one term of the namespace after propagation. */
  proteins: number;
  /** 95% bootstrap interval of `fmax`, when asked for. */
  interval?: Interval;
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

/**
 * Per scored truth protein of a namespace (truth order), its predicted and correct term counts at every threshold:
 * what Fmax, its bootstrap interval and a paired comparison of two methods (fmaxDifference) are computed from.
 * Generated one protein at a time, so a plain Fmax of a large truth set keeps no per-protein counts.
 */
export function* goProteinCounts({ predictions, truth, ontology }: GoFmaxInput, namespace: GoNamespace): Generator<ProteinCounts> {
  const closure = new NamespaceClosure(ontology, namespace);
  for (const [acc, terms] of truth) {
    const propagated = closure.propagateSet(terms);
    if (propagated.size === 0) continue;
    const scores = predictions.get(acc);
    yield proteinCounts(scores && closure.propagateScores(scores), propagated);
  }
}

function fmaxFor(input: GoFmaxInput, namespace: GoNamespace): GoFmaxResult {
  if (!input.bootstrap) return { namespace, ...fmaxOf(goProteinCounts(input, namespace)) };
  const proteins = [...goProteinCounts(input, namespace)];
  const result: GoFmaxResult = { namespace, ...fmaxOf(proteins) };
  // A namespace with no truth proteins has no Fmax to vary.
  if (proteins.length > 0) result.interval = fmaxInterval(proteins, input.bootstrap);
  return result;
}
