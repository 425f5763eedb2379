import { mkdir, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Store } from '../store/store.ts';
import { libraryVersions } from '../shared/version.ts';

export interface RunRecordInput {
  kind: string;
  jobId: string;
  config: Record<string, unknown>;
  provider: string;
  fallbacks: string[];
  model: { id: string; version: string; precision: string };
  result: unknown;
  warnings?: string[];
}

/**
 * Writes runs/<run-id>/experiment_config.yaml (the effective, validated configuration) and run.json (versions,
 * provider really used, timings, counts), so any stored result can be traced back and reproduced.
 * Returns the run folder.
 */
export async function writeRunRecord(store: Store, input: RunRecordInput): Promise<string> {
  const startedAt = new Date().toISOString();
  const runId = `${startedAt.replace(/[:.]/g, '-')}-${input.kind}`;
  const dir = store.runDir(runId);
  await mkdir(dir, { recursive: true });
  const record = {
    id: runId,
    kind: input.kind,
    job: input.jobId,
    finishedAt: startedAt,
    versions: libraryVersions(),
    platform: { os: process.platform, arch: process.arch },
    model: input.model,
    executionProvider: input.provider,
    providerFallbacks: input.fallbacks,
    warnings: input.warnings ?? [],
    result: input.result,
  };
  await atomicWrite(join(dir, 'experiment_config.yaml'), stringify(input.config));
  await atomicWrite(join(dir, 'run.json'), `${JSON.stringify(record, null, 2)}\n`);
  store.catalog.startRun({ id: runId, job_id: input.jobId, kind: input.kind, status: 'done', config: JSON.stringify(input.config), record: JSON.stringify(record), started_at: startedAt });
  store.catalog.finishRun(runId, 'done', JSON.stringify(record));
  return dir;
}

async function atomicWrite(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}
