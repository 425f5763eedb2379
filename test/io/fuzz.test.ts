import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SequenceFileError } from '../../main/io/sequence-file-error.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { FIXTURES, readAll, writeInput } from './read-helpers.ts';

const tempDir = useTempDirs();

const idArb = fc.stringMatching(/^[A-Za-z0-9_.|:-]{1,24}$/);
const descriptionArb = fc.oneof(fc.constant(''), fc.array(fc.stringMatching(/^[!-~]{1,12}$/), { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')));
const dnaArb = fc.array(fc.constantFrom(...'ACGTNacgtnUu'), { minLength: 1, maxLength: 400 }).map((c) => c.join(''));
const proteinArb = fc.array(fc.constantFrom(...'ACDEFGHIKLMNPQRSTVWYacdefghiklmnpqrstvwy'), { minLength: 1, maxLength: 400 }).map((c) => c.join(''));

function fileArb(sequenceArb: fc.Arbitrary<string>) {
  return fc.record({
    records: fc.uniqueArray(fc.record({ id: idArb, description: descriptionArb, sequence: sequenceArb }), { minLength: 1, maxLength: 25, selector: (r) => r.id }),
    width: fc.integer({ min: 1, max: 120 }),
    crlf: fc.boolean(),
    gzip: fc.boolean(),
  });
}

/** Writes records as FASTA, wrapping sequences at `width`, and returns the file plus each record's header line. */
function renderFasta(records: Array<{ id: string; description: string; sequence: string }>, width: number, eol: string): { text: string; lines: number[] } {
  const out: string[] = [];
  const lines: number[] = [];
  for (const record of records) {
    lines.push(out.length + 1);
    out.push(`>${record.id}${record.description ? ` ${record.description}` : ''}`);
    for (let at = 0; at < record.sequence.length; at += width) out.push(record.sequence.slice(at, at + width));
  }
  return { text: out.join(eol) + eol, lines };
}

describe('readSequences properties', () => {
  it('round-trips random valid DNA FASTA exactly (plain or gzip, LF or CRLF, any wrapping)', async () => {
    const dir = await tempDir();
    await fc.assert(
      fc.asyncProperty(fileArb(dnaArb), async ({ records, width, crlf, gzip }) => {
        const { text, lines } = renderFasta(records, width, crlf ? '\r\n' : '\n');
        const path = await writeInput(dir, gzip ? 'r.fa.gz' : 'r.fa', text);
        const result = await readAll(path, { alphabet: 'dna' });
        expect(result.issues).toEqual([]);
        expect(result.records).toEqual(records.map((r, i) => ({
          id: r.id, description: r.description, sequence: r.sequence.toUpperCase().replace(/U/g, 'T'),
          annotations: {}, recordNumber: i + 1, line: lines[i],
        })));
      }),
      { numRuns: 60 },
    );
  });

  it('round-trips random valid protein FASTA exactly', async () => {
    const dir = await tempDir();
    await fc.assert(
      fc.asyncProperty(fileArb(proteinArb), async ({ records, width, crlf, gzip }) => {
        const { text } = renderFasta(records, width, crlf ? '\r\n' : '\n');
        const path = await writeInput(dir, gzip ? 'p.fa.gz' : 'p.fa', text);
        const result = await readAll(path, { alphabet: 'protein' });
        expect(result.issues).toEqual([]);
        expect(result.records.map((r) => [r.id, r.description, r.sequence])).toEqual(records.map((r) => [r.id, r.description, r.sequence.toUpperCase()]));
      }),
      { numRuns: 40 },
    );
  });

  it('round-trips random valid FASTQ exactly, qualities included', async () => {
    const dir = await tempDir();
    const readArb = fc.integer({ min: 1, max: 300 }).chain((length) => fc.record({
      id: idArb,
      description: descriptionArb,
      sequence: fc.array(fc.constantFrom(...'ACGTNacgtn'), { minLength: length, maxLength: length }).map((c) => c.join('')),
      quality: fc.stringMatching(new RegExp(`^[!-~]{${length}}$`)),
    }));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(readArb, { minLength: 1, maxLength: 20, selector: (r) => r.id }), fc.boolean(), fc.boolean(), async (reads, crlf, gzip) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = reads.map((r) => [`@${r.id}${r.description ? ` ${r.description}` : ''}`, r.sequence, '+', r.quality].join(eol)).join(eol) + eol;
        const result = await readAll(await writeInput(dir, gzip ? 'r.fq.gz' : 'r.fq', text), { alphabet: 'dna' });
        expect(result.issues).toEqual([]);
        expect(result.records).toEqual(reads.map((r, i) => ({
          id: r.id, description: r.description, sequence: r.sequence.toUpperCase(), quality: r.quality,
          annotations: {}, recordNumber: i + 1, line: 4 * i + 1,
        })));
      }),
      { numRuns: 40 },
    );
  });

  const mutationArb = fc.array(
    fc.record({ kind: fc.constantFrom('set', 'delete', 'insert'), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }), byte: fc.integer({ min: 0, max: 255 }) }),
    { minLength: 1, maxLength: 12 },
  );

  function mutate(input: Buffer, mutations: Array<{ kind: string; at: number; length: number; byte: number }>): Buffer {
    let bytes = input;
    for (const m of mutations) {
      const at = m.at % Math.max(1, bytes.length);
      if (m.kind === 'set') {
        bytes = Buffer.from(bytes);
        bytes[at] = m.byte;
      } else if (m.kind === 'delete') {
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
      } else {
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(m.length, m.byte), bytes.subarray(at)]);
      }
    }
    return bytes;
  }

  /** Reads a damaged file: only SequenceFileError (the whole file unusable) may escape, and every record is accounted for. */
  async function readDamaged(path: string): Promise<Awaited<ReturnType<typeof readAll>> | undefined> {
    try {
      const result = await readAll(path);
      expect(result.order).toEqual(result.order.map((_, i) => i + 1));
      expect(result.records.length + result.issues.length).toBe(result.order.length);
      const { read, accepted, rejected } = result.summary;
      expect([read, accepted, rejected]).toEqual([result.order.length, result.records.length, result.issues.length]);
      expect(read).toBe(accepted + rejected);
      for (const issue of result.issues) {
        expect(issue.line).toBeGreaterThanOrEqual(1);
        expect(issue.message).not.toMatch(/[\r\n]/);
      }
      return result;
    } catch (error) {
      expect(error).toBeInstanceOf(SequenceFileError);
      return undefined;
    }
  }

  it('never throws on mutated FASTA and never drops a header line', async () => {
    const dir = await tempDir();
    const source = (await readFile(join(FIXTURES, 'biomarks18s.sample.fasta'))).subarray(0, 6000);
    await fc.assert(
      fc.asyncProperty(mutationArb, async (mutations) => {
        const bytes = mutate(source, mutations);
        const result = await readDamaged(await writeInput(dir, 'm.fa', bytes));
        if (!result) return;
        const headers = bytes.toString('latin1').split('\n').filter((l) => l.startsWith('>')).length;
        // One extra record at most: stray text before the first header.
        expect(result.order.length - headers).toBeGreaterThanOrEqual(0);
        expect(result.order.length - headers).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on mutated FASTQ or mutated gzip', async () => {
    const dir = await tempDir();
    const fastq = Buffer.from(Array.from({ length: 40 }, (_, i) => `@read${i} x\n${'ACGTN'.repeat(5 + (i % 7))}\n+\n${'I'.repeat(5 * (5 + (i % 7)))}\n`).join(''));
    const fasta = (await readFile(join(FIXTURES, 'gold16s.sample.fasta'))).subarray(0, 30000);
    await fc.assert(
      fc.asyncProperty(mutationArb, fc.boolean(), async (mutations, gzipFirst) => {
        const bytes = gzipFirst ? mutate(gzipSync(fasta), mutations) : mutate(fastq, mutations);
        await readDamaged(await writeInput(dir, 'm.bin', bytes));
      }),
      { numRuns: 150 },
    );
  });
});
