import type { Command } from 'commander';
import { summariseProfiles, type ReadProfileSummary } from '../io/read-profile.ts';
import { expandSequenceInputs } from '../io/sequence-files.ts';
import { sampleNamesOfFiles } from '../io/sequence-file-names.ts';
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
        const samples = sampleNamesOfFiles(files);
        const reports = await Promise.all(files.map((file) => validateFile(file, { maxIssues: 0 })));
        const bySample = new Map<string, number[]>();
        samples.forEach((sample, i) => bySample.set(sample, [...(bySample.get(sample) ?? []), i]));
        for (const [sample, members] of bySample) {
          const picked = members.map((i) => reports[i]!);
          const sum = (pick: (summary: { read: number; accepted: number; rejected: number }) => number) => picked.reduce((total, r) => total + pick(r.summary), 0);
          const row: InspectedSample = {
            sample, files: members.map((i) => files[i]!), format: picked[0]!.format, alphabet: picked[0]!.alphabet,
            read: sum((s) => s.read), accepted: sum((s) => s.accepted), rejected: sum((s) => s.rejected), profile: summariseProfiles(picked.map((r) => r.profile.toJSON())),
          };
          process.stdout.write(`${options.json ? JSON.stringify(row) : describe(row)}\n`);
        }
      });
    });
}
