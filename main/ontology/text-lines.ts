import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { OntologyError } from './ontology-error.ts';

/** Streams a text file line by line (1-based line numbers), turning I/O failures into OntologyError('unreadable'). */
export async function* textLines(path: string): AsyncGenerator<{ line: string; lineNo: number }> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const reader = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const line of reader) {
      lineNo += 1;
      yield { line, lineNo };
    }
  } catch (err) {
    if (err instanceof OntologyError) throw err;
    throw OntologyError.unreadable(path, err);
  } finally {
    reader.close();
    input.destroy();
  }
}
