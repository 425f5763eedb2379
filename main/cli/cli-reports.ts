import type { EmbedResult } from '../api/embed-request.ts';
import type { BundleProblem, ModelBundle } from '../models/bundle-registry.ts';
import type { StoreDescription } from '../store/store-description.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

export function printEmbedResult(result: EmbedResult): void {
  if (result.alreadyDone) {
    out(`dataset ${result.datasetId} is already embedded with ${result.model} (layers ${result.layers.join(', ')}); nothing to do`);
  } else {
    const resumed = result.resumedFromBatch === null ? '' : ` (resumed after batch ${result.resumedFromBatch})`;
    out(`embedded ${result.embedded} sequences with ${result.model} on ${result.provider} in ${result.seconds.toFixed(1)} s${resumed}`);
  }
  out(`  read ${result.read}, accepted ${result.accepted}, rejected ${result.rejected}${result.rejected > 0 ? ' (see: seqatlas store info)' : ''}`);
  out(`  store:   ${result.store}`);
  out(`  dataset: ${result.datasetId}`);
  out(`  tables:  ${result.tables.join(', ')}`);
  if (result.runDir) out(`  run:     ${result.runDir}`);
}

export function printModels(listing: { bundles: ModelBundle[]; problems: BundleProblem[] }): void {
  if (listing.bundles.length === 0) out('no model bundles installed');
  for (const { manifest, dir } of listing.bundles) {
    out(`${manifest.id.padEnd(20)} ${manifest.version.padEnd(8)} ${manifest.alphabet.padEnd(8)} dim ${String(manifest.dim).padEnd(5)} layers ${manifest.layers.map((l) => l.id).join(',').padEnd(8)} ${manifest.name}`);
    out(`${''.padEnd(20)} ${dir}`);
  }
  for (const problem of listing.problems) out(`invalid: ${problem.message}`);
}

export function printStoreInfo(info: StoreDescription): void {
  out(`store ${info.dir} (format ${info.format}, created by SeqAtlas ${info.createdBy})`);
  if (info.datasets.length === 0) out('  no datasets');
  for (const d of info.datasets) {
    out(`  dataset ${d.id} "${d.name}" ${d.status}, ${d.alphabet}: read ${d.read}, accepted ${d.accepted}, rejected ${d.rejected}, stored ${d.sequencesStored}`);
    for (const e of d.embeddings) out(`    ${e.model} ${e.modelVersion} layer ${e.layer}: ${e.count} × ${e.dim} in ${e.table}`);
  }
  const open = info.jobs.filter((j) => j.status !== 'done');
  for (const j of open) out(`  job ${j.id}: ${j.status} after batch ${j.lastBatch} (${j.recordsDone} records)${j.error ? `: ${j.error}` : ''}`);
}

export function printIssues(report: { datasetId: string; total: number; issues: { record: number; line: number; code: string; message: string }[] }): void {
  out(`dataset ${report.datasetId}: ${report.total} rejected record(s)${report.total > report.issues.length ? `, first ${report.issues.length} shown` : ''}`);
  for (const issue of report.issues) out(`  ${issue.code.padEnd(24)} ${issue.message}`);
}
