export type GoNamespace = 'BP' | 'MF' | 'CC';

export interface GoTerm {
  id: string;
  name: string;
  namespace: GoNamespace;
  obsolete: boolean;
  /** Direct parents over is_a and part_of only; regulates, has_part etc. do not imply the parent's annotation. */
  parents: string[];
  /** Suggested successors of an obsolete term (OBO replaced_by); empty otherwise. */
  replacedBy: string[];
}

export const GO_NAMESPACES: readonly GoNamespace[] = ['BP', 'MF', 'CC'];

export const GO_ROOTS: Readonly<Record<GoNamespace, string>> = {
  BP: 'GO:0008150',
  MF: 'GO:0003674',
  CC: 'GO:0005575',
};

/** OBO's long namespace names to the short labels GO.db (and CAFA tooling) use. */
export const OBO_NAMESPACES: Readonly<Record<string, GoNamespace>> = {
  biological_process: 'BP',
  molecular_function: 'MF',
  cellular_component: 'CC',
};
