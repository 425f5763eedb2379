import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { seededRandom } from './fault-kit.ts';

/**
 * Hostile inputs, generated into a temporary folder at test time (no binary junk in the repository). Each case
 * says what the engine must do with it: `refuse` = one-line engine error and the store left as it was; `report`
 * = the job runs and every bad record is rejected with a reason (the good ones are stored).
 */
export interface HostileCase {
  name: string;
  file: string;
  expect: 'refuse' | 'report' | 'accept';
}

const bytes = (seed: number, n: number) => {
  const random = seededRandom(seed);
  return Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
};

export async function writeSequenceCorpus(dir: string, sample: string): Promise<HostileCase[]> {
  const good = (await readFile(sample, 'utf8')).split(/(?=^>)/m).slice(0, 20).join('');
  const cases: Array<[string, string, string | Buffer, HostileCase['expect']]> = [
    ['truncated gzip', 'truncated.fasta.gz', gzipSync(good).subarray(0, 900), 'report'],
    ['gzip header then garbage', 'garbage.fa.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), bytes(1, 4000)]), 'refuse'],
    ['binary junk', 'junk.fasta', bytes(2, 20_000), 'refuse'],
    ['empty file', 'empty.fasta', '', 'refuse'],
    ['header only, no sequence', 'headers.fasta', '>a\n>b\n>c\n', 'refuse'],
    ['NUL bytes inside a sequence', 'nul.fasta', `${good}>nul\nACGT\u0000ACGTACGTACGTACGT\n`, 'report'],
    ['control characters in ids and sequences', 'controls.fasta', `${good}>bell\u0007id\nACGTACGTACGTACGT\n>esc\nACGT\u001b[31mACGTACGT\n`, 'report'],
    ['10 kB id', 'long-id.fasta', `${good}>${'x'.repeat(10_000)}\nACGTACGTACGTACGTACGT\n`, 'report'],
    ['2 MB header line', 'huge-header.fasta', `${good}>h ${'description '.repeat(180_000)}\nACGTACGTACGTACGTACGT\n`, 'accept'],
    ['unicode ids and residues', 'unicode.fasta', `${good}>séquence_🧬\nACGTACGTACGTACGTACGT\n>ok2\nACGTΑCGTACGTACGTACGT\n`, 'report'],
    ['path-like ids (.. and /)', 'paths.fasta', `${good}>../../../etc/passwd\nACGTACGTACGTACGTACGT\n>..\nACGTACGTACGTACGTACGA\n>C:\\\\con\nACGTACGTACGTACGTACGC\n`, 'accept'],
    ['duplicate ids', 'dups.fasta', `${good}${good.split(/(?=^>)/m)[0]}`, 'report'],
    ['FASTQ with short quality and missing +', 'bad.fastq', '@r1\nACGTACGTACGTACGTACGT\n+\nIIII\n@r2\nACGTACGTACGTACGTACGT\nIIIIIIIIIIIIIIIIIIII\n@r3\nACGTACGTACGTACGTACGTAAAA\n+\nIIIIIIIIIIIIIIIIIIIIIIII\n', 'report'],
    ['FASTQ cut mid-record', 'cut.fastq', '@r1\nACGTACGTACGTACGTACGT\n+\nIIIIIIIIIIIIIIIIIIII\n@r2\nACGTAC', 'report'],
    ['protein file for a DNA model', 'protein.fasta', '>p1\nMKVLAAGIVALLLAAGCSSHEEKPQW\n>p2\nMSTNPKPQRKTKRNTNRRPQDVKFPG\n', 'refuse'],
  ];
  const out: HostileCase[] = [];
  for (const [name, file, content, expect] of cases) {
    await writeFile(join(dir, file), content);
    out.push({ name, file: join(dir, file), expect });
  }
  return out;
}

/** run.yaml files for classify/annotate `--config`: each must be refused as invalid_config before any work. */
export async function writeConfigCorpus(dir: string): Promise<Array<{ name: string; file: string }>> {
  const aliases = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)];
  const cases: Array<[string, string]> = [
    ['deep nesting (5,000 levels)', `${'['.repeat(5000)}${']'.repeat(5000)}\n`],
    ['deep mapping nesting', `${Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} 1\n`],
    ['alias bomb (billion laughs)', `${aliases.join('\n')}\n`],
    ['wrong type', 'limit_per_entry: "five"\n'],
    ['unknown key', 'limit_per_entyr: 5\n'],
    ['top level is a list', '- 1\n- 2\n'],
    ['not YAML', '{ unclosed: [1, 2\n'],
    ['binary', '\u0000\u0001\u0002\u00ff\u00fe'],
    ['negative and huge numbers', 'limit_per_entry: -1e308\n'],
  ];
  const out = [];
  for (const [i, [name, text]] of cases.entries()) {
    const file = join(dir, `config-${i}.yaml`);
    await writeFile(file, text);
    out.push({ name, file });
  }
  return out;
}

/** Label side files for `reference build`: each must be refused before anything is embedded. */
export async function writeLabelCorpus(dir: string, ids: readonly string[]): Promise<Array<{ name: string; option: 'taxonomy' | 'goAnnotations'; file: string }>> {
  const cases: Array<[string, 'taxonomy' | 'goAnnotations', string | Buffer]> = [
    ['taxonomy: binary', 'taxonomy', bytes(3, 5000)],
    ['taxonomy: no tab on any line', 'taxonomy', ids.map((id) => `${id} Bacteria;Firmicutes`).join('\n')],
    ['taxonomy: ids that match no record', 'taxonomy', 'nobody\tBacteria;Firmicutes\nnone\tBacteria\n'],
    ['taxonomy: empty', 'taxonomy', ''],
    ['GO: malformed GO ids (no ontology)', 'goAnnotations', ids.map((id) => `${id}\tGO:12;GO:abc`).join('\n')],
  ];
  const out = [];
  for (const [i, [name, option, content]] of cases.entries()) {
    const file = join(dir, `labels-${i}.tsv`);
    await writeFile(file, content);
    out.push({ name, option, file });
  }
  return out;
}
