import type { Command } from 'commander';
import type { ReadProfileSummary } from '../io/read-profile.ts';
import { checksBySample } from '../io/sample-checks.ts';
import { expandSequenceInputs } from '../io/sequence-files.ts';
import { validateFile } from '../io/validate-file.ts';
import type { CommandRunner } from './cli-options.ts';
/** One sample's files checked together: what the Import screen's report shows per row. */
interface InspectedSample {
  sample: string;
  files: string[];
  format: string;
  alphabet: string;
  read: number;
  accepted: number;
  rejected: number;
  profile: ReadProfileSummary | null;
}

const count = (n: number) => n.toLocaleString('en-US');

function describe(row: InspectedSample): string {
  const what = row.files.length > 1 ? `${row.sample} (${row.files.length} files)` : row.files[0]!;
  const { profile } = row;
  const lengths = profile ? `; lengths ${count(profile.minLength)}–${count(profile.maxLength)} (median ${count(profile.medianLength)}, N50 ${count(profile.n50)})` : '';
  const errors = profile?.errorRate === null || !profile ? '' : `; stated errors ${(100 * profile.errorRate).toFixed(2)}% per base`;
  return `${what}: ${row.format}, ${row.alphabet}; read ${count(row.read)}, accepted ${count(row.accepted)}, rejected ${count(row.rejected)}${lengths}${errors}`;
}

/**
 * `seqatlas inspect`: the Import screen's check from the command line. Each sample's reads (a file, or a MinKNOW
 * barcode's chunk files) counted, with their lengths and the error rate their qualities state, to choose filter
 * settings and classify's `--read-error-rate` before a run; nothing is written.
 */
export function addInspectCommand(program: Command, run: CommandRunner): void {
  program
    .command('inspect')
    .description('check FASTA/FASTQ files without importing them: records accepted and rejected, read lengths, and the error rate FASTQ qualities state, per sample')
    .requiredOption('-i, --input <paths...>', 'FASTA/FASTQ files or folders of them')
    .option('--json', 'one JSON object per sample')
    .action(async (options: { input: string[]; json?: boolean }) => {
      await run(Boolean(options.json), async () => {
        const files = await expandSequenceInputs(options.input);
        const checked = await Promise.all(files.map(async (input) => {
          const report = await validateFile(input, { maxIssues: 0 });
          return { input, format: report.format, alphabet: report.alphabet, summary: report.summary.toJSON(), profile: report.profile.toJSON() };
        }));
        for (const check of checksBySample(checked)) {
          const row: InspectedSample = {
            sample: check.sample, files: check.files.map((f) => f.input), format: check.files[0]!.format, alphabet: check.files[0]!.alphabet,
            read: check.read, accepted: check.accepted, rejected: check.rejected, profile: check.profile,
          };
          process.stdout.write(`${options.json ? JSON.stringify(row) : describe(row)}\n`);
        }
      });
    });
}
