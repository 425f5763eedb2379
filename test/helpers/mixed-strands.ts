import { writeFile } from 'node:fs/promises';
import { readSequences } from '../../main/io/read-sequences.ts';
import { reverseComplement } from '../../main/io/reverse-complement.ts';

/**
 * A reads file as a non-directional library delivers it: every other read (headers and tags kept) written as its
 * reverse complement. Returns the ids of the reversed reads.
 */
export async function writeMixedStrands(input: string, out: string): Promise<string[]> {
  const lines: string[] = [];
  const reversed: string[] = [];
  let index = 0;
  for await (const event of readSequences(input)) {
    if (event.kind !== 'record') continue;
    const { record } = event;
    const flip = index % 2 === 1;
    index += 1;
    if (flip) reversed.push(record.id);
    const tags = Object.entries(record.annotations).map(([key, value]) => `;${key}=${value}`).join('');
    lines.push(`>${record.id}${tags} ${record.description}`.trimEnd(), flip ? reverseComplement(record.sequence) : record.sequence);
  }
  await writeFile(out, `${lines.join('\n')}\n`);
  return reversed;
}
