import type { EmbedResult } from '../api/embed-request.ts';
import type { BundleProblem, ModelBundle } from '../models/bundle-registry.ts';
import type { StoreDescription } from '../store/store-description.ts';
import type { AnnotateResult } from '../annotate/annotate-request.ts';
import type { EvaluateGoResult } from '../evaluate/evaluate-go-run.ts';
import { isPlainReading, readingFlags } from '../io/file-reading.ts';
import type { ReferenceBuildResult, ReferenceDescription } from '../references/reference-request.ts';

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
    if (!isPlainReading(d.reading)) out(`    read ${readingFlags(d.reading)}`);
    for (const e of d.embeddings) out(`    ${e.model} ${e.modelVersion} layer ${e.layer}: ${e.count} × ${e.dim} in ${e.table}`);
  }
  const open = info.jobs.filter((j) => j.status !== 'done');
  for (const j of open) out(`  job ${j.id}: ${j.status} after batch ${j.lastBatch} (${j.recordsDone} records)${j.error ? `: ${j.error}` : ''}`);
}

export function printIssues(report: { datasetId: string; total: number; issues: { record: number; line: number; code: string; message: string }[] }): void {
  out(`dataset ${report.datasetId}: ${report.total} rejected record(s)${report.total > report.issues.length ? `, first ${report.issues.length} shown` : ''}`);
  for (const issue of report.issues) out(`  ${issue.code.padEnd(24)} ${issue.message}`);
}

export function printReferenceBuild(result: ReferenceBuildResult): void {
  out(result.alreadyEmbedded ? `reference ${result.reference.name}: already embedded; labels refreshed` : `reference ${result.reference.name}: embedded ${result.embedded} sequences in ${result.seconds.toFixed(1)} s`);
  if (result.rejected > 0) out(`  left out ${result.rejected} records of the file; why: seqatlas store issues --store ${result.store} --dataset ${result.reference.datasetId}`);
  printReference(result.reference);
}

export function printReference(reference: ReferenceDescription): void {
  const pct = (share: number) => `${(100 * share).toFixed(1)}%`;
  out(`${reference.name}: ${reference.records} sequences from ${reference.source}`);
  out(`  taxonomy: ${reference.labelled.lineage} lineages, ${reference.labelled.taxid} taxids (${pct(reference.coverage.taxonomy)} labelled)`);
  out(`  GO:       ${reference.labelled.go} annotated sequences, ${reference.goTerms} distinct terms (${pct(reference.coverage.go)} labelled)`);
  if (!isPlainReading(reference.reading)) out(`  read:     ${readingFlags(reference.reading)}`);
  for (const e of reference.embeddings) out(`  embedded: ${e.model} layer ${e.layer}: ${e.count} × ${e.dim}`);
}

export function printAnnotateResult(result: AnnotateResult): void {
  out(`annotated ${result.annotatedQueries} of ${result.queries} queries from reference ${result.reference} in ${result.seconds.toFixed(1)} s`);
  for (const l of result.layers) {
    const recall = l.recall === null ? '' : `, recall ${l.recall.toFixed(3)}`;
    out(`  ${l.model} layer ${l.layer}: ${l.search} search over ${l.searchable} of ${l.references} references on ${l.provider}${recall}; ${l.hits} hits, ${l.rows} GO rows, ${l.seconds.toFixed(1)} s`);
    if (l.seeds) out(`    seed prefilter: shape ${l.seeds.shape}, ${l.seeds.postings} postings indexed in ${l.seeds.indexSeconds.toFixed(1)} s, ${l.seeds.aligned} candidates aligned on ${l.seeds.threads} thread${l.seeds.threads === 1 ? '' : 's'}`);
  }
  if (result.alignments.computed + result.alignments.skipped > 0) out(`  alignments: ${result.alignments.computed} computed, ${result.alignments.skipped} skipped`);
  if (result.redundantExcluded > 0) out(`  redundancy filter excluded ${result.redundantExcluded} query-reference pairs`);
  out(`  summary: ${result.summaryRows} rows in ${result.out}/summary.csv`);
}

export function printGoEvaluation(result: EvaluateGoResult): void {
  out(`predictions ${result.predictions} vs truth ${result.truth}`);
  const intervals = result.namespaces.some((r) => r.interval);
  out(`  namespace  proteins  covered  Fmax    threshold  precision  recall${intervals ? '  95% interval' : ''}`);
  for (const r of result.namespaces) {
    const interval = r.interval ? `  ${r.interval.low.toFixed(3)}–${r.interval.high.toFixed(3)}` : '';
    out(`  ${r.namespace.padEnd(9)}  ${String(r.proteins).padStart(8)}  ${(100 * r.coverage).toFixed(1).padStart(6)}%  ${r.fmax.toFixed(3)}  ${r.threshold.toFixed(2).padStart(9)}  ${r.precision.toFixed(3).padStart(9)}  ${r.recall.toFixed(3).padStart(6)}${interval}`);
  }
}
