import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { EngineError } from '../shared/engine-error.ts';

/** Labels per id and rank: `labels[r]` is the label at rank r, or undefined where the lineage stops above it. */
export interface RankLabels {
  ranks: string[];
  byId: Map<string, (string | undefined)[]>;
}

/** QIIME/SILVA/GTDB/UNITE rank prefixes (`g__Bacillus`): they name the ranks when every lineage carries them. */
const PREFIX_RANKS: Record<string, string> = { d: 'domain', k: 'kingdom', p: 'phylum', c: 'class', o: 'order', f: 'family', g: 'genus', s: 'species' };

/**
 * `id<TAB>lineage` (names root first, `;`-separated) or `id<TAB>label`. A rank's label is the whole path down to
 * it, so a genus name used under two families counts as two labels. Ranks are named by their prefixes when all
 * lineages have them (`p__`, `g__` …), else `level_1` … from the root; plain labels make the one rank `label`.
 * Lines starting with `#` and blank lines are skipped; a line without a tab or a repeated id is an error.
 */
export function parseRankLabels(text: string, file: string): RankLabels {
  const name = basename(file);
  const rows: { id: string; names: string[] }[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    const tab = line.indexOf('\t');
    if (tab <= 0) throw new EngineError('invalid_labels', `${name} line ${index + 1}: expected id<TAB>lineage or id<TAB>label`);
    const id = line.slice(0, tab);
    if (seen.has(id)) throw new EngineError('invalid_labels', `${name} line ${index + 1}: id "${id}" appears twice`);
    seen.add(id);
    rows.push({ id, names: line.slice(tab + 1).split(';').map((part) => part.trim()) });
  });
  if (rows.length === 0) throw new EngineError('invalid_labels', `${name}: no labels`);
  // A reduce, not Math.max(...rows): spread arguments overflow the stack for a label file of some 100,000 rows.
  const depth = rows.reduce((most, row) => Math.max(most, row.names.length), 0);
  const prefixes = Array.from({ length: depth }, (_, r) => {
    const found = new Set(rows.map((row) => row.names[r]).filter((n): n is string => n !== undefined && n !== '').map((n) => /^([a-z])__/.exec(n)?.[1]));
    return found.size === 1 ? [...found][0] : undefined;
  });
  const ranks = depth === 1 ? ['label'] : prefixes.map((p, r) => (p && PREFIX_RANKS[p] ? PREFIX_RANKS[p] : `level_${r + 1}`));
  const byId = new Map<string, (string | undefined)[]>();
  for (const row of rows) {
    const labels: (string | undefined)[] = [];
    let path = '';
    for (let r = 0; r < depth; r++) {
      const part = (row.names[r] ?? '').replace(/^[a-z]__/, '');
      if (part === '' || labels[r - 1] === undefined && r > 0) {
        labels.push(undefined);
        continue;
      }
      path = r === 0 ? part : `${path};${part}`;
      labels.push(path);
    }
    byId.set(row.id, labels);
  }
  return { ranks, byId };
}

export async function readRankLabels(path: string): Promise<RankLabels> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new EngineError('input_unreadable', `${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  return parseRankLabels(text, path);
}
