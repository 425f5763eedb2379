import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { EngineError } from '../shared/engine-error.ts';
import { driveFailure } from './storage-failure.ts';
import { migrateCatalog } from './catalog-migrations.ts';
import { ReferenceCatalog } from './reference-catalog.ts';

export interface DatasetRow {
  id: string;
  name: string;
  source_path: string;
  fingerprint: string;
  format: string;
  alphabet: string;
  status: 'importing' | 'ready';
  import_job: string | null;
  /** JSON of the FileReading when it is not plain (gaps removed, cut to a primer region); absent from stores opened read-only before the third migration. */
  reading?: string | null;
  records_read: number;
  accepted: number;
  rejected: number;
  created_at: string;
  updated_at: string;
}

export type JobStatus = 'running' | 'interrupted' | 'done' | 'failed' | 'cancelled';

export interface JobRow {
  id: string;
  kind: string;
  dataset_id: string;
  model: string;
  layers: string;
  config: string;
  status: JobStatus;
  last_batch: number;
  records_done: number;
  provider: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface EmbeddingRow {
  dataset_id: string;
  model: string;
  model_version: string;
  layer: number;
  table_name: string;
  dim: number;
  count: number;
  job_id: string;
}

export interface IssueRow {
  dataset_id: string;
  record: number;
  line: number;
  seq_id: string | null;
  code: string;
  message: string;
}

export interface RunRow {
  id: string;
  job_id: string | null;
  kind: string;
  status: string;
  config: string;
  record: string;
  started_at: string;
  finished_at: string | null;
}

const now = (): string => new Date().toISOString();

/**
 * The store's SQLite catalog. WAL mode keeps readers (the UI's store view) unblocked while a job writes;
 * `synchronous = FULL` because a checkpoint that is not on the disk when the drive is pulled is no checkpoint.
 */
export class Catalog {
  readonly references: ReferenceCatalog;

  private constructor(readonly db: Database.Database, readonly path: string) {
    this.references = new ReferenceCatalog(db);
  }

  static open(path: string, options: { readonly?: boolean } = {}): Catalog {
    let db: Database.Database;
    try {
      db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      // quick_check's first row is often a bare "*** in database main ***" heading; the next row says what is wrong.
      const check = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check).filter((line) => !line.startsWith('***'));
      if (check[0] !== 'ok') throw new Error(check.slice(0, 2).join('; ') || 'integrity check failed');
      if (!options.readonly) migrateCatalog(db);
    } catch (error) {
      // A full or read-only drive is not a damaged catalog: moving the catalog aside would be the wrong remedy.
      throw driveFailure(error, dirname(path)) ?? new EngineError('store_corrupt', `catalog ${path} cannot be opened (${(error as Error).message.split('\n')[0]}); see README "Recovering a damaged store"`);
    }
    return new Catalog(db, path);
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  // --- datasets -------------------------------------------------------------------------------------------
  getDataset(id: string): DatasetRow | undefined {
    return this.db.prepare('SELECT * FROM datasets WHERE id = ?').get(id) as DatasetRow | undefined;
  }

  listDatasets(): DatasetRow[] {
    return this.db.prepare('SELECT * FROM datasets ORDER BY created_at').all() as DatasetRow[];
  }

  upsertDatasetForImport(row: Pick<DatasetRow, 'id' | 'name' | 'source_path' | 'fingerprint' | 'format' | 'alphabet' | 'import_job'> & { reading: string | null }): void {
    const t = now();
    this.db
      .prepare(
        `INSERT INTO datasets (id, name, source_path, fingerprint, format, alphabet, reading, status, import_job, created_at, updated_at)
         VALUES (@id, @name, @source_path, @fingerprint, @format, @alphabet, @reading, 'importing', @import_job, @t, @t)
         ON CONFLICT(id) DO UPDATE SET import_job = @import_job, source_path = @source_path, updated_at = @t`,
      )
      .run({ ...row, t });
  }

  markDatasetReady(id: string, counts: { records_read: number; accepted: number; rejected: number }): void {
    this.db
      .prepare(`UPDATE datasets SET status = 'ready', records_read = @records_read, accepted = @accepted, rejected = @rejected, updated_at = @t WHERE id = @id`)
      .run({ id, ...counts, t: now() });
  }

  /** Forgets a dataset in the catalog: rows, embeddings, import issues and jobs (its LanceDB rows are the caller's). */
  deleteDataset(id: string): void {
    this.transaction(() => {
      this.db.prepare('DELETE FROM embeddings WHERE dataset_id = ?').run(id);
      this.db.prepare('DELETE FROM import_issues WHERE dataset_id = ?').run(id);
      // Its jobs go too: a finished job left behind would make embedding the dataset again a no-op.
      this.db.prepare('DELETE FROM jobs WHERE dataset_id = ?').run(id);
      this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
    });
  }

  // --- import issues --------------------------------------------------------------------------------------
  /** Idempotent: a resumed import meets the same bad records again and must not count them twice. */
  recordIssues(rows: readonly IssueRow[]): void {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO import_issues (dataset_id, record, line, seq_id, code, message) VALUES (@dataset_id, @record, @line, @seq_id, @code, @message)',
    );
    this.transaction(() => {
      for (const row of rows) insert.run(row);
    });
  }

  listIssues(datasetId: string, limit = 1000): IssueRow[] {
    return this.db.prepare('SELECT * FROM import_issues WHERE dataset_id = ? ORDER BY record LIMIT ?').all(datasetId, limit) as IssueRow[];
  }

  countIssues(datasetId: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM import_issues WHERE dataset_id = ?').get(datasetId) as { n: number }).n;
  }

  // --- jobs -----------------------------------------------------------------------------------------------
  getJob(id: string): JobRow | undefined {
    return this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  }

  listJobs(): JobRow[] {
    return this.db.prepare('SELECT * FROM jobs ORDER BY created_at').all() as JobRow[];
  }

  createJob(row: Pick<JobRow, 'id' | 'kind' | 'dataset_id' | 'model' | 'layers' | 'config'>): void {
    const t = now();
    this.db
      .prepare(
        `INSERT INTO jobs (id, kind, dataset_id, model, layers, config, status, created_at, updated_at)
         VALUES (@id, @kind, @dataset_id, @model, @layers, @config, 'running', @t, @t)`,
      )
      .run({ ...row, t });
  }

  setJobStatus(id: string, status: JobStatus, extra: { provider?: string; error?: string | null } = {}): void {
    this.db
      .prepare('UPDATE jobs SET status = @status, provider = coalesce(@provider, provider), error = @error, updated_at = @t WHERE id = @id')
      .run({ id, status, provider: extra.provider ?? null, error: extra.error ?? null, t: now() });
  }

  /** The checkpoint: written only after the batch's rows are committed to LanceDB. */
  checkpointBatch(id: string, batch: number, recordsDone: number): void {
    this.db.prepare('UPDATE jobs SET last_batch = ?, records_done = ?, updated_at = ? WHERE id = ?').run(batch, recordsDone, now(), id);
  }

  // --- embeddings -----------------------------------------------------------------------------------------
  upsertEmbedding(row: EmbeddingRow): void {
    this.db
      .prepare(
        `INSERT INTO embeddings (dataset_id, model, model_version, layer, table_name, dim, count, job_id)
         VALUES (@dataset_id, @model, @model_version, @layer, @table_name, @dim, @count, @job_id)
         ON CONFLICT(dataset_id, model, layer) DO UPDATE SET model_version = @model_version, table_name = @table_name, dim = @dim, count = @count, job_id = @job_id`,
      )
      .run(row);
  }

  listEmbeddings(datasetId?: string): EmbeddingRow[] {
    return datasetId === undefined
      ? (this.db.prepare('SELECT * FROM embeddings ORDER BY dataset_id, model, layer').all() as EmbeddingRow[])
      : (this.db.prepare('SELECT * FROM embeddings WHERE dataset_id = ? ORDER BY model, layer').all(datasetId) as EmbeddingRow[]);
  }

  // --- runs -----------------------------------------------------------------------------------------------
  startRun(row: Omit<RunRow, 'finished_at'>): void {
    this.db
      .prepare('INSERT OR REPLACE INTO runs (id, job_id, kind, status, config, record, started_at) VALUES (@id, @job_id, @kind, @status, @config, @record, @started_at)')
      .run(row);
  }

  finishRun(id: string, status: string, record: string): void {
    this.db.prepare('UPDATE runs SET status = ?, record = ?, finished_at = ? WHERE id = ?').run(status, record, now(), id);
  }

  listRuns(): RunRow[] {
    return this.db.prepare('SELECT * FROM runs ORDER BY started_at DESC').all() as RunRow[];
  }
}
