import * as lancedb from '@lancedb/lancedb';
import { join } from 'node:path';

/** Reads every row of a LanceDB table of a store (tests only: whole table in memory). */
export async function readTable(storeDir: string, table: string): Promise<Record<string, unknown>[]> {
  const db = await lancedb.connect(join(storeDir, 'lance'));
  try {
    const t = await db.openTable(table);
    const rows = (await t.query().toArray()) as Record<string, unknown>[];
    t.close();
    return rows;
  } finally {
    db.close();
  }
}

/** seq_id → vector of one embedding table, failing on a duplicated id. */
export async function readVectors(storeDir: string, table: string): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const row of await readTable(storeDir, table)) {
    const id = row.seq_id as string;
    if (out.has(id)) throw new Error(`duplicate vector for ${id} in ${table}`);
    const vector = row.vector as { toArray?: () => Float32Array } | Float32Array | number[];
    out.set(id, Float32Array.from(vector instanceof Float32Array || Array.isArray(vector) ? vector : vector.toArray!()));
  }
  return out;
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i += 1) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
