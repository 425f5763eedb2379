import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { readSequences } from '../../main/io/read-sequences.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { writeInput } from './read-helpers.ts';

const tempDir = useTempDirs();

const TARGET_BYTES = 200_000_000;
const MAX_GROWTH_BYTES = 150 * 1024 * 1024;

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** ~200 MB of 1,500 bp records wrapped at 80, with long ids (a sliced id string would pin its whole chunk). */
async function writeLargeFasta(path: string): Promise<number> {
  const out = createWriteStream(path);
  let sequence = '';
  for (let i = 0; i < 1500; i += 1) sequence += 'ACGT'[(i * 7 + (i >> 4)) % 4];
  const body = sequence.replace(/(.{80})/g, '$1\n').replace(/\n?$/, '\n');
  let written = 0;
  let records = 0;
  while (written < TARGET_BYTES) {
    const record = `>sample_A_amplicon_${String(records).padStart(9, '0')};size=2; read from lane 1\n${body}`;
    records += 1;
    written += record.length;
    if (!out.write(record)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return records;
}

describe('readSequences memory', () => {
  it('streams a ~200 MB file with bounded memory', async () => {
    dir = await mkdtemp(join(tmpdir(), 'seqatlas-io-memory-'));
    const path = join(dir, 'large.fa');
    const expected = await writeLargeFasta(path);
    expect((await stat(path)).size).toBeGreaterThanOrEqual(TARGET_BYTES);

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let accepted = 0;
    let residues = 0;
    for await (const event of readSequences(path)) {
      if (event.kind !== 'record') throw new Error(event.issue.message);
      accepted += 1;
      residues += event.record.sequence.length;
      if (accepted % 2000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(accepted).toBe(expected);
    expect(residues).toBe(expected * 1500);
    expect(peak - baseline).toBeLessThan(MAX_GROWTH_BYTES);
  });
});

/** A full garbage collection, so that heap figures count live objects only. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('duplicate detection memory', () => {
  it('remembers ids without keeping their long header lines alive', async () => {
    const dir = await tempDir();
    const records = 20_000;
    const description = 'Bacteria; Firmicutes; Bacilli; Lactobacillales; '.repeat(40); // ~2 KB per header
    // Ids of 13 characters or more: V8 copies shorter substrings anyway, longer ones become slices of their line.
    const text = Array.from({ length: records }, (_, i) => `>sample_amplicon_${i} ${description}\nACGT\n`).join('');
    const path = await writeInput(dir, 'long-headers.fa', text);
    collectGarbage();
    const baseline = process.memoryUsage().heapUsed;
    let retained = Number.NaN;
    let seen = 0;
    for await (const event of readSequences(path)) {
      expect(event.kind).toBe('record');
      seen += 1;
      if (seen === records) {
        // Still inside the read: the validator and its remembered ids are alive here.
        collectGarbage();
        retained = process.memoryUsage().heapUsed - baseline;
      }
    }
    expect(seen).toBe(records);
    // Remembered slices would keep ~40 MB of header text; the ids themselves are ~2 MB.
    expect(retained).toBeLessThan(12 * 1024 * 1024);
  });
});
