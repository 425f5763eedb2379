import type { Lineage, Rank } from './label-types.ts';

/**
 * Rank names for unprefixed lineages, by depth. Only depths that real sets use unambiguously get ranks: the RDP/gold
 * style six levels (domain to genus) and SILVA-style seven (down to species); any other depth could be missing a
 * level anywhere, so its ranks stay unknown rather than guessed.
 */
const RANKS_BY_DEPTH: ReadonlyMap<number, readonly Rank[]> = new Map([
  [6, ['domain', 'phylum', 'class', 'order', 'family', 'genus']],
  [7, ['domain', 'phylum', 'class', 'order', 'family', 'genus', 'species']],
]);

const LETTER_RANKS: Readonly<Record<string, Rank>> = {
  d: 'domain',
  k: 'kingdom',
  p: 'phylum',
  c: 'class',
  o: 'order',
  f: 'family',
  g: 'genus',
  s: 'species',
};

/** SILVA's QIIME releases number levels (`D_0__Bacteria;D_1__…`) instead of naming them. */
const SILVA_LEVEL_RANKS: readonly Rank[] = ['domain', 'phylum', 'class', 'order', 'family', 'genus', 'species'];

const LETTER_PREFIX = /^([a-z])__(.*)$/i;
const SILVA_PREFIX = /^D_(\d)__(.*)$/;
/** GTDB appends `[location=…] [ssu_len=…]` after the species in its SSU FASTA headers. */
const TRAILING_BRACKETS = /(\s+\[[^\]]*\])+\s*$/;
/** A lineage starts at the top: only a domain/kingdom prefix marks text as a prefixed lineage. */
const TOP_PREFIX = /^\s*(?:[dk]__|D_0__)/i;
const MAX_NAME_LENGTH = 200;

/** Rank for a one-letter prefix as used by SINTAX (`g:`) and QIIME/UNITE/GTDB (`g__`). */
export function rankForLetter(letter: string): Rank | undefined {
  return LETTER_RANKS[letter.toLowerCase()];
}

/**
 * A plausible taxon name: these characters never occur in names but do in descriptions that merely contain ';'
 * (UniProt `OS=…`, pipe-joined ids), so rejecting them keeps ordinary descriptions from passing as lineages.
 */
export function isTaxonName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_NAME_LENGTH && !/[|=\t]/.test(name);
}

export function looksPrefixed(text: string): boolean {
  return TOP_PREFIX.test(text);
}

/**
 * `Bacteria; Firmicutes; Bacilli` or `Bacteria;Firmicutes;` → lineage, or null when a level is empty in the middle or
 * not a plausible name. RDP's artificial top level `Root` is dropped: it is no taxon and would shift the ranks.
 */
export function parsePlainLineage(text: string): Lineage | null {
  const levels = text.split(';').map((level) => level.trim());
  while (levels.length > 0 && levels[levels.length - 1] === '') levels.pop();
  if (levels.length > 0 && levels[0]!.toLowerCase() === 'root') levels.shift();
  if (levels.length === 0 || !levels.every(isTaxonName)) return null;
  const ranks = RANKS_BY_DEPTH.get(levels.length);
  return { names: levels, ranks: ranks ? [...ranks] : levels.map(() => null) };
}

/**
 * `k__Fungi;p__Ascomycota;…;g__;s__` → lineage with ranks from the prefixes. Empty levels (`g__`) are unknown and
 * dropped; a level without a prefix keeps an unknown rank. Null when the text does not start with a domain or
 * kingdom prefix, names nothing, or holds an implausible name.
 */
export function parsePrefixedLineage(text: string): Lineage | null {
  if (!looksPrefixed(text)) return null;
  const names: string[] = [];
  const ranks: (Rank | null)[] = [];
  for (const level of text.replace(TRAILING_BRACKETS, '').split(';')) {
    const { rank, name } = splitPrefix(level.trim());
    if (name === '') continue;
    if (!isTaxonName(name)) return null;
    names.push(name);
    ranks.push(rank);
  }
  return names.length > 0 ? { names, ranks } : null;
}

function splitPrefix(level: string): { rank: Rank | null; name: string } {
  const silva = SILVA_PREFIX.exec(level);
  if (silva) return { rank: SILVA_LEVEL_RANKS[Number(silva[1])] ?? null, name: silva[2]!.trim() };
  const letter = LETTER_PREFIX.exec(level);
  if (letter) return { rank: rankForLetter(letter[1]!) ?? null, name: letter[2]!.trim() };
  return { rank: null, name: level };
}
