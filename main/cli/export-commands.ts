import { Option, type Command } from 'commander';
import type { Engine } from '../api/engine.ts';
import type { EvaluateTaxonomyResult } from '../export/evaluate-taxonomy.ts';
import type { Interval } from '../evaluate/bootstrap.ts';
import type { ExportRequest, ExportResult } from '../export/export-request.ts';
import { positiveInt, type CommandRunner } from './cli-options.ts';

type Kind = ExportRequest['kind'];

/** `seqatlas export <kind>` (files from a classify run folder) and `seqatlas evaluate taxonomy`. */
export function addExportCommands(program: Command, engine: Engine, run: CommandRunner): void {
  const exportGroup = program.command('export').description('files from a classify run folder: tables, BIOM, Darwin Core, FASTA, diversity, report');
  const kind = (name: Kind, description: string, out: string) =>
    exportGroup
      .command(name)
      .description(description)
      .requiredOption('--run <dir>', 'classify run folder (holds assignments.tsv and run.json)')
      .requiredOption('-o, --out <path>', out)
      .option('--json', 'JSON output');
  const action = (name: Kind, request: (options: Record<string, unknown>) => Record<string, unknown>) => async (options: Record<string, unknown>) => {
    await run(Boolean(options.json), async () => {
      const result = await engine.exportRun({ kind: name, run: options.run, out: options.out, ...request(options) } as ExportRequest);
      if (options.json) process.stdout.write(`${JSON.stringify({ type: 'result', result })}\n`);
      else printExport(result);
    });
  };

  kind('taxon-table', 'taxon × sample table of summed abundances, largest taxa first', 'table file to write')
    .option('--rank <rank>', 'aggregate at this rank (lineages cut there)')
    .addOption(new Option('--format <format>', 'table format').choices(['tsv', 'csv']).default('tsv'))
    .action(action('taxon-table', (o) => ({ rank: o.rank, format: o.format })));
  kind('biom', 'BIOM 1.0 (JSON) OTU table with lineages as taxonomy metadata', 'BIOM file to write')
    .option('--rank <rank>', 'aggregate at this rank (lineages cut there)')
    .action(action('biom', (o) => ({ rank: o.rank })));
  kind('feature-table', 'read (ASV) × sample counts with each read\'s lineage and confidence: the feature and taxonomy tables of phyloseq and QIIME 2', 'table file to write')
    .addOption(new Option('--format <format>', 'table format (biom: BIOM 1.0 JSON with the lineage as taxonomy metadata)').choices(['tsv', 'csv', 'biom']).default('tsv'))
    .action(action('feature-table', (o) => ({ format: o.format })));
  kind('darwin-core', 'Darwin Core occurrences and DNA derived data extension for GBIF/OBIS', 'folder for occurrence.tsv and dna_derived_data.tsv')
    .option('--metadata <file>', 'filled sample metadata (see: seqatlas export metadata-template)')
    .action(action('darwin-core', (o) => ({ metadata: o.metadata })));
  kind('fasta', 'reads per taxon (one FASTA per taxon at --rank) or the novel-flagged reads (--novel)', 'folder (with --rank) or FASTA file (with --novel)')
    .option('--rank <rank>', 'one file per taxon at this rank')
    .option('--novel', 'only the reads flagged novel, in one file')
    .action(action('fasta', (o) => ({ rank: o.rank, novel: Boolean(o.novel) })));
  kind('report', 'one self-contained HTML report: composition per sample, top taxa, counts, run info', 'HTML file to write')
    .option('--rank <rank>', 'rank of the composition chart and table (default: the lowest)')
    .action(action('report', (o) => ({ rank: o.rank })));
  kind('diversity', 'diversity per sample (richness, Chao1, Shannon, Simpson, rarefaction) and between samples (Bray-Curtis, Jaccard, principal coordinates)', 'folder for the TSV files')
    .option('--rank <rank>', 'taxa at this rank (lineages cut there; default: the full assigned lineages)')
    .addOption(new Option('--features <features>', 'what is counted as a feature: taxa, or the reads themselves (ASVs, zotus)').choices(['taxa', 'reads']).default('taxa'))
    .action(action('diversity', (o) => ({ rank: o.rank, features: o.features })));
  kind('metadata-template', 'sample metadata template (one row per sample) to fill for darwin-core', 'TSV file to write')
    .action(action('metadata-template', () => ({})));

  // `evaluate` belongs to the annotate commands (evaluate go); taxonomy joins it, so those must be added first.
  const evaluate = program.commands.find((command) => command.name() === 'evaluate');
  if (!evaluate) throw new Error('addExportCommands needs the evaluate command: call addAnnotateCommands first');
  evaluate
    .command('taxonomy')
    .description('per-rank accuracy, precision, coverage and decision accuracy of assignments against true lineages')
    .requiredOption('-a, --assignments <file>', 'assignments.tsv of a classify run')
    .requiredOption('-t, --truth <file>', 'true lineages: id<TAB>names root first, separated by ";"')
    .option('--reference-taxa <file>', "the reference's lineages, same format as the truth (for decision accuracy)")
    .option('-s, --store <dir>', 'store holding the reference set (for decision accuracy)')
    .option('-r, --reference <name>', 'reference set in --store')
    .option('--bootstrap <n>', 'resample the reads n times for 95% intervals of accuracy, precision and decision accuracy', positiveInt)
    .option('--json', 'JSON output')
    .action(async (options) => {
      await run(Boolean(options.json), async () => {
        const result = await engine.evaluateTaxonomy({
          assignments: options.assignments, truth: options.truth, referenceTaxa: options.referenceTaxa, store: options.store, reference: options.reference,
          bootstrap: options.bootstrap,
        });
        if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else printTaxonomyEvaluation(result);
      });
    });
}

function printExport(result: ExportResult): void {
  const records = result.files.reduce((sum, file) => sum + file.records, 0);
  if (result.files.length === 1) process.stdout.write(`wrote ${result.files[0]!.path} (${records} ${result.kind === 'report' ? 'report' : 'records'})\n`);
  else process.stdout.write(`wrote ${result.files.length} files, ${records} records:\n${result.files.map((file) => `  ${file.path} (${file.records})\n`).join('')}`);
  if (result.skipped) process.stdout.write(`${result.skipped.reads} reads left out: ${result.skipped.reason}\n`);
}

function printTaxonomyEvaluation(result: EvaluateTaxonomyResult): void {
  const pct = (value: number | null) => (value === null ? '–' : `${(100 * value).toFixed(1)}%`);
  // With --bootstrap, a score is followed by its 95% interval: 94.1% (91.9–96.1).
  const withInterval = (value: number | null, interval: Interval | null | undefined) =>
    interval && value !== null && !Number.isNaN(interval.low) ? `${pct(value)} (${(100 * interval.low).toFixed(1)}–${(100 * interval.high).toFixed(1)})` : pct(value);
  const rows = [
    ['rank', 'reads', 'assigned', 'accuracy', 'precision', 'coverage', 'decision', 'absent'],
    ...result.ranks.map((s) => [
      s.rank, String(s.reads), String(s.assigned), withInterval(s.accuracy, s.intervals?.accuracy), withInterval(s.precision, s.intervals?.precision), pct(s.coverage),
      withInterval(s.decisionAccuracy, s.intervals?.decisionAccuracy), s.absentFromReference === null ? '–' : String(s.absentFromReference),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}\n`);
  process.stdout.write(`${result.reads} truth records; ${result.missingFromAssignments} missing from the assignments (scored as unassigned); ${result.notInTruth} assigned records not in the truth (left out)\n`);
  process.stdout.write('decision: a right call, or no call where the true taxon is absent from the reference; absent: true taxa the reference lacks\n');
}
