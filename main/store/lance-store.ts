import * as lancedb from '@lancedb/lancedb';
import type { Schema, Table as ArrowTable } from 'apache-arrow';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EngineError } from '../shared/engine-error.ts';
import { driveFailure, storeUnreachable } from './storage-failure.ts';

/** The folder's identity on disk; a different one at the same path means the store was swapped or removed. */
interface FolderIdentity {
  dev: number;
  ino: number;
}

/**
 * The LanceDB side of a store. Every write is one `add` or `delete`, and each is an atomic Lance commit: a crash
 * leaves the table at the previous or the next version, never half a batch. Failures become `store_write_failed`
 * naming the table, since on a removable drive the usual cause is the drive itself.
 */
export class LanceStore {
  private readonly tables = new Map<string, lancedb.Table>();

  private constructor(private readonly db: lancedb.Connection, readonly path: string, private readonly identity: FolderIdentity | undefined) {}

  static async open(path: string): Promise<LanceStore> {
    const identity = await stat(path).then(({ dev, ino }) => ({ dev, ino }), () => undefined);
    try {
      return new LanceStore(await lancedb.connect(path), path, identity);
    } catch (error) {
      throw new EngineError('store_corrupt', `LanceDB at ${path} cannot be opened: ${firstLine(error)}`);
    }
  }

  async tableNames(): Promise<string[]> {
    return this.db.tableNames();
  }

  async hasTable(name: string): Promise<boolean> {
    return (await this.db.tableNames()).includes(name);
  }

  /** Opens a table, creating it empty with `schema` when missing. */
  async table(name: string, schema?: Schema): Promise<lancedb.Table> {
    const cached = this.tables.get(name);
    if (cached) return cached;
    let table: lancedb.Table;
    try {
      table = (await this.hasTable(name))
        ? await this.db.openTable(name)
        : schema
          ? await this.db.createEmptyTable(name, schema, { mode: 'create', existOk: true })
          : await this.db.openTable(name);
    } catch (error) {
      throw new EngineError('store_corrupt', `LanceDB table ${name} in ${this.path} cannot be opened: ${firstLine(error)}`);
    }
    this.tables.set(name, table);
    return table;
  }

  /**
   * LanceDB creates missing folders on write, so a write after the drive was pulled (or the store folder moved)
   * would succeed into a fresh folder at the old path, and the job would checkpoint rows the real store never
   * got. Checking the folder's identity before and after each write keeps such rows from being checkpointed.
   */
  private async assertSameFolder(): Promise<void> {
    if (!this.identity) return;
    const now = await stat(this.path).catch(() => undefined);
    if (!now || now.dev !== this.identity.dev || now.ino !== this.identity.ino) {
      throw storeUnreachable(dirname(this.path));
    }
  }

  async add(name: string, schema: Schema, rows: ArrowTable): Promise<void> {
    await this.assertSameFolder();
    const table = await this.table(name, schema);
    try {
      await table.add(rows);
    } catch (error) {
      throw driveFailure(error, dirname(this.path)) ?? new EngineError('store_write_failed', `writing to table ${name} in ${this.path} failed: ${firstLine(error)}`);
    }
    await this.assertSameFolder();
  }

  async deleteWhere(name: string, predicate: string): Promise<void> {
    if (!(await this.hasTable(name))) return;
    await this.assertSameFolder();
    const table = await this.table(name);
    try {
      await table.delete(predicate);
    } catch (error) {
      throw driveFailure(error, dirname(this.path)) ?? new EngineError('store_write_failed', `deleting from table ${name} in ${this.path} failed: ${firstLine(error)}`);
    }
  }

  async count(name: string, filter?: string): Promise<number> {
    if (!(await this.hasTable(name))) return 0;
    return (await this.table(name)).countRows(filter);
  }

  /** Streams rows matching `filter` as Arrow record batches, with only the named columns. */
  async *scan(name: string, filter: string, columns: string[]): AsyncGenerator<import('apache-arrow').RecordBatch> {
    const table = await this.table(name);
    const query = table.query().where(filter).select(columns);
    try {
      for await (const batch of query) yield batch;
    } catch (error) {
      // A truncated or missing data file surfaces only here, on the first read of its rows.
      throw new EngineError('store_corrupt', `LanceDB table ${name} in ${this.path} is damaged (${firstLine(error).slice(0, 200)}); see README "Recovering a damaged store"`);
    }
  }

  close(): void {
    for (const table of this.tables.values()) table.close();
    this.tables.clear();
    this.db.close();
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
