/**
 * Substitution matrices as flat 128 × 128 Int8Arrays indexed by ASCII codes: score(a, b) = matrix[(a << 7) | b].
 * Indexing by raw codes lets the aligner look scores up without translating residues to alphabet ranks, and
 * filling every code (not just the alphabet's letters) means an unexpected character still gets a defined score.
 * Codes above 127 are folded to 127 by the aligner, which these tables treat as an unknown residue.
 */
export const MATRIX_SIDE = 128;

/** NCBI BLOSUM62 (the BLASTP default), rows and columns in the order of the header line. */
const BLOSUM62 = `
   A  R  N  D  C  Q  E  G  H  I  L  K  M  F  P  S  T  W  Y  V  B  Z  X  *
A  4 -1 -2 -2  0 -1 -1  0 -2 -1 -1 -1 -1 -2 -1  1  0 -3 -2  0 -2 -1  0 -4
R -1  5  0 -2 -3  1  0 -2  0 -3 -2  2 -1 -3 -2 -1 -1 -3 -2 -3 -1  0 -1 -4
N -2  0  6  1 -3  0  0  0  1 -3 -3  0 -2 -3 -2  1  0 -4 -2 -3  3  0 -1 -4
D -2 -2  1  6 -3  0  2 -1 -1 -3 -4 -1 -3 -3 -1  0 -1 -4 -3 -3  4  1 -1 -4
C  0 -3 -3 -3  9 -3 -4 -3 -3 -1 -1 -3 -1 -2 -3 -1 -1 -2 -2 -1 -3 -3 -2 -4
Q -1  1  0  0 -3  5  2 -2  0 -3 -2  1  0 -3 -1  0 -1 -2 -1 -2  0  3 -1 -4
E -1  0  0  2 -4  2  5 -2  0 -3 -3  1 -2 -3 -1  0 -1 -3 -2 -2  1  4 -1 -4
G  0 -2  0 -1 -3 -2 -2  6 -2 -4 -4 -2 -3 -3 -2  0 -2 -2 -3 -3 -1 -2 -1 -4
H -2  0  1 -1 -3  0  0 -2  8 -3 -3 -1 -2 -1 -2 -1 -2 -2  2 -3  0  0 -1 -4
I -1 -3 -3 -3 -1 -3 -3 -4 -3  4  2 -3  1  0 -3 -2 -1 -3 -1  3 -3 -3 -1 -4
L -1 -2 -3 -4 -1 -2 -3 -4 -3  2  4 -2  2  0 -3 -2 -1 -2 -1  1 -4 -3 -1 -4
K -1  2  0 -1 -3  1  1 -2 -1 -3 -2  5 -1 -3 -1  0 -1 -3 -2 -2  0  1 -1 -4
M -1 -1 -2 -3 -1  0 -2 -3 -2  1  2 -1  5  0 -2 -1 -1 -1 -1  1 -3 -1 -1 -4
F -2 -3 -3 -3 -2 -3 -3 -3 -1  0  0 -3  0  6 -4 -2 -2  1  3 -1 -3 -3 -1 -4
P -1 -2 -2 -1 -3 -1 -1 -2 -2 -3 -3 -1 -2 -4  7 -1 -1 -4 -3 -2 -2 -1 -2 -4
S  1 -1  1  0 -1  0  0  0 -1 -2 -2  0 -1 -2 -1  4  1 -3 -2 -2  0  0  0 -4
T  0 -1  0 -1 -1 -1 -1 -2 -2 -1 -1 -1 -1 -2 -1  1  5 -2 -2  0 -1 -1  0 -4
W -3 -3 -4 -4 -2 -2 -3 -2 -2 -3 -2 -3 -1  1 -4 -3 -2 11  2 -3 -4 -3 -2 -4
Y -2 -2 -2 -3 -2 -1 -2 -3  2 -1 -1 -2 -1  3 -3 -2 -2  2  7 -1 -3 -2 -1 -4
V  0 -3 -3 -3 -1 -2 -2 -3 -3  3  1 -2  1 -1 -2 -2  0 -3 -1  4 -3 -2 -1 -4
B -2 -1  3  4 -3  0  1 -1  0 -3 -4  0 -3 -3 -2  0 -1 -4 -3 -3  4  1 -1 -4
Z -1  0  0  1 -3  3  4 -2  0 -3 -3  1 -1 -3 -1  0 -1 -3 -2 -2  1  4 -1 -4
X  0 -1 -1 -1 -2 -1 -1 -1 -1 -1 -1 -1 -1 -1 -2  0  0 -2 -1 -1 -1 -1 -1 -4
*  -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4  1
`;

/**
 * BLOSUM62 over all 128 codes. Any letter outside the table (U, O, J, lower case, digits…) scores exactly like X,
 * which is how BLAST treats residues it cannot classify.
 */
export function blosum62Matrix(): Int8Array {
  const lines = BLOSUM62.trim().split('\n');
  const header = (lines[0] ?? '').trim().split(/\s+/);
  const rank = new Int32Array(MATRIX_SIDE).fill(header.indexOf('X'));
  header.forEach((letter, r) => (rank[letter.charCodeAt(0)] = r));
  const table = lines.slice(1).map((line) => line.trim().split(/\s+/).slice(1).map(Number));
  const matrix = new Int8Array(MATRIX_SIDE * MATRIX_SIDE);
  for (let a = 0; a < MATRIX_SIDE; a++) {
    const row = table[rank[a]!]!;
    for (let b = 0; b < MATRIX_SIDE; b++) matrix[(a << 7) | b] = row[rank[b]!]!;
  }
  return matrix;
}

/**
 * Nucleotides with the BLASTN defaults: +2 for identical A/C/G/T, -3 for any other pair of them. N, the IUPAC
 * ambiguity codes and anything else score 0 against everything (themselves included): an ambiguous base is
 * neither evidence for nor against homology, and a negative score would let runs of N in a barcode break up
 * an otherwise good alignment.
 */
export function dnaMatrix(match: number, mismatch: number): Int8Array {
  const matrix = new Int8Array(MATRIX_SIDE * MATRIX_SIDE);
  const bases = [...'ACGT'].map((c) => c.charCodeAt(0));
  for (const a of bases) for (const b of bases) matrix[(a << 7) | b] = a === b ? match : mismatch;
  return matrix;
}
