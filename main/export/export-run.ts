import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseRequest } from '../api/parse-request.ts';
import { EngineError } from '../shared/engine-error.ts';
import { SEQATLAS_VERSION } from '../shared/version.ts';
import { biomTable } from './biom-table.ts';
import { darwinCoreTables, occurrences } from './darwin-core.ts';
import { ExportRequest, type ExportResult } from './export-request.ts';
import { htmlReport } from './html-report.ts';
import { openRunFolder, type RunFolder } from './run-folder.ts';
import { loadRunSequences } from './run-sequences.ts';
import { readSampleMetadata, writeMetadataTemplate } from './sample-metadata.ts';
import { countTaxa, sampleNames } from './taxon-counts.ts';
import { fastaRecord, novelReads, readsPerTaxon } from './taxon-fasta.ts';
import { formatFeatureTable, formatTaxonTable } from './taxon-table.ts';
import { CHIMERAS_FILE } from '../classify/chimera-search.ts';
import { featureCounts } from './feature-counts.ts';
import { diversityFiles } from '../diversity/diversity-files.ts';
import { diversityTable } from '../diversity/diversity-table.ts';
import { sampleDiversity } from '../diversity/sample-diversity.ts';

type Parsed = ReturnType<typeof parseExport>;
const parseExport = (input: unknown) => parseRequest(ExportRequest, input, 'export');

/** Writes one export of a classify run folder. */
export async function exportRun(input: unknown): Promise<ExportResult> {
  const request = parseExport(input);
  const run = await openRunFolder(request.run);
  const out = resolve(request.out);
  await mkdir(request.kind === 'darwin-core' || request.kind === 'diversity' || (request.kind === 'fasta' && !request.novel) ? out : dirname(out), { recursive: true });
  return { kind: request.kind, ...(await write(request, run, out)) };
}

async function write(request: Parsed, run: RunFolder, out: string): Promise<Omit<ExportResult, 'kind'>> {
  const { classification } = run;
  switch (request.kind) {
    case 'taxon-table': {
      const counts = countTaxa(classification, request.rank);
      await writeFile(out, formatTaxonTable(counts, request.format));
      return { files: [{ path: out, records: counts.rows.length }] };
    }
    case 'biom': {
      const counts = countTaxa(classification, request.rank);
      const table = biomTable(counts, { id: basename(run.dir), generatedBy: `SeqAtlas ${SEQATLAS_VERSION}`, date: new Date() });
      await writeFile(out, `${JSON.stringify(table)}\n`);
      return { files: [{ path: out, records: counts.rows.length }] };
    }
    case 'feature-table': {
      const counts = featureCounts(classification);
      const text = request.format === 'biom'
        ? `${JSON.stringify(biomTable(counts, { id: basename(run.dir), generatedBy: `SeqAtlas ${SEQATLAS_VERSION}`, date: new Date() }))}\n`
        : formatFeatureTable(counts, request.format);
      await writeFile(out, text);
      return { files: [{ path: out, records: counts.rows.length }] };
    }
    case 'darwin-core': {
      const metadata = request.metadata === undefined ? undefined : await readSampleMetadata(request.metadata, sampleNames(classification));
      const groups = occurrences(classification);
      const sequences = await loadRunSequences(run, new Set(groups.map((group) => group.representative)));
      const method = { reference: run.record.result?.reference ?? 'unknown', model: run.record.result?.model ?? 'unknown' };
      const tables = darwinCoreTables({ classification, occurrences: groups, sequences, metadata, method });
      const files = [join(out, 'occurrence.tsv'), join(out, 'dna_derived_data.tsv')];
      await writeFile(files[0]!, tables.occurrence);
      await writeFile(files[1]!, tables.dnaDerived);
      return { files: files.map((path) => ({ path, records: groups.length })) };
    }
    case 'fasta': {
      if (request.novel) {
        // Candidates for new taxa: a chimera of two known references is an artefact, not one.
        const novel = novelReads(classification);
        const reads = novel.filter((read) => !run.chimeras.has(read.queryId));
        const sequences = await loadRunSequences(run, new Set(reads.map((read) => read.queryId)));
        await writeFile(out, reads.map((read) => fastaRecord(read, sequences.get(read.queryId)!)).join(''));
        const chimeric = novel.length - reads.length;
        return { files: [{ path: out, records: reads.length }], ...(chimeric > 0 ? { skipped: { reads: chimeric, reason: `chimeras of two references (${CHIMERAS_FILE})` } } : {}) };
      }
      const { taxa, unassigned } = readsPerTaxon(classification, request.rank!);
      const sequences = await loadRunSequences(run, new Set(taxa.flatMap((taxon) => taxon.reads.map((read) => read.queryId))));
      const files = [];
      for (const taxon of taxa) {
        const path = join(out, taxon.fileName);
        await writeFile(path, taxon.reads.map((read) => fastaRecord(read, sequences.get(read.queryId)!)).join(''));
        files.push({ path, records: taxon.reads.length });
      }
      return { files, ...(unassigned > 0 ? { skipped: { reads: unassigned, reason: `not assigned down to ${request.rank}` } } : {}) };
    }
    case 'report': {
      const rank = request.rank ?? classification.ranks.at(-1);
      if (rank === undefined) throw new EngineError('bad_request', `${run.dir}: the run has no ranks, so there is no composition to report`);
      await writeFile(out, htmlReport({ classification, record: run.record, runDir: run.dir, rank, generatedAt: new Date(), chimeras: run.chimeras }));
      return { files: [{ path: out, records: 1 }] };
    }
    case 'diversity': {
      const { table, leftOut } = diversityTable(classification, { features: request.features, rank: request.rank, chimeras: run.chimeras });
      const diversity = sampleDiversity(table);
      const files = [];
      for (const [name, text] of Object.entries(diversityFiles(diversity))) {
        await writeFile(join(out, name), text);
        files.push({ path: join(out, name), records: name === 'rarefaction.tsv' ? diversity.curves.flat().length : diversity.samples.length });
      }
      const skipped = leftOut.reduce((total, part) => total + part.reads, 0);
      return { files, ...(skipped > 0 ? { skipped: { reads: skipped, reason: leftOut.map((part) => `${part.reason} (${part.reads})`).join(' and ') } } : {}) };
    }
    case 'metadata-template': {
      const samples = sampleNames(classification);
      await writeMetadataTemplate(out, samples);
      return { files: [{ path: out, records: samples.length }] };
    }
  }
}
