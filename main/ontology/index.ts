export { OntologyError, type OntologyErrorCode } from './ontology-error.ts';
export { GO_NAMESPACES, GO_ROOTS, type GoNamespace, type GoTerm } from './go-term.ts';
export { GeneOntology } from './gene-ontology.ts';
export { NcbiTaxonomy, type TaxonRank } from './ncbi-taxonomy.ts';
export { textLines } from './text-lines.ts';
