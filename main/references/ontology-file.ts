import { GeneOntology, OntologyError } from '../ontology/index.ts';
import { EngineError } from '../shared/engine-error.ts';

/** Loads the Gene Ontology (OBO or GO.sqlite) for the engine, with the ontology's own errors as engine errors. */
export async function loadOntology(path: string): Promise<GeneOntology> {
  try {
    return await GeneOntology.load(path);
  } catch (error) {
    if (error instanceof OntologyError) throw new EngineError('invalid_ontology', error.message);
    throw error;
  }
}
